package io.torghut.ta.replay.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.torghut.ta.replay.testutil.GitOpsFixture;
import io.torghut.ta.replay.testutil.ToolRun;
import io.torghut.ta.replay.window.RetentionProbe;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Against an in-process KRaft broker: Mode 2's AdminClient path recreates the derived topics with
 * the same partitions and configs (and no records), and retention is measured from the earliest
 * retained record of every partition, cut by the topic's retention.ms.
 */
class KafkaReplayITCase {
    static final String BARS = "torghut.ta.bars.1s.v1";
    static final String SIGNALS = "torghut.ta.signals.v1";

    @TempDir static Path kafkaDir;
    static KafkaClusterTestKit kafka;
    static Admin admin;

    @TempDir Path dir;

    @BeforeAll
    static void startBroker() throws Exception {
        kafka =
                new KafkaClusterTestKit.Builder(
                                new TestKitNodes.Builder()
                                        .setCombined(true)
                                        .setNumBrokerNodes(1)
                                        .setNumControllerNodes(1)
                                        .setBaseDirectory(kafkaDir)
                                        .build())
                        .setConfigProp("offsets.topic.replication.factor", "1")
                        .setConfigProp("transaction.state.log.replication.factor", "1")
                        .setConfigProp("group.initial.rebalance.delay.ms", "0")
                        .build();
        kafka.format();
        kafka.startup();
        kafka.waitForReadyBrokers();
        admin = Admin.create(kafka.clientProperties());
    }

    @AfterAll
    static void stopBroker() throws Exception {
        if (admin != null) {
            admin.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void mode2RecreatesDerivedTopicsWithTheSamePartitionsAndConfigs() throws Exception {
        admin.createTopics(
                        List.of(
                                new NewTopic(BARS, 2, (short) 1)
                                        .configs(
                                                Map.of(
                                                        "retention.ms",
                                                        "3024000000",
                                                        "compression.type",
                                                        "lz4")),
                                new NewTopic(SIGNALS, 3, (short) 1)
                                        .configs(Map.of("retention.ms", "3024000000"))))
                .all()
                .get(30, TimeUnit.SECONDS);
        produce(BARS, 10, Instant.parse("2026-11-20T15:00:00Z"));
        TopicRecreator r = new TopicRecreator(admin, Duration.ofSeconds(30));
        TopicSpec barsBefore = r.describe(BARS);
        TopicSpec signalsBefore = r.describe(SIGNALS);
        assertThat(barsBefore.partitions()).isEqualTo(2);
        assertThat(barsBefore.configs()).containsEntry("compression.type", "lz4");

        GitOpsFixture f = GitOpsFixture.copyTo(dir);
        ok(mode2(f, 1));
        ok(mode2(f, 2));
        Path manifest = dir.resolve("manifest.json");
        Files.writeString(manifest, manifestJson());
        ok(
                mode2(
                        f,
                        3,
                        "--backup-manifest",
                        manifest.toString(),
                        "--restore-path",
                        "s3a://flink-checkpoints/torghut/technical-analysis/checkpoints/j/chk-3"));
        Path clientConfig = dir.resolve("client.properties");
        Properties props = kafka.clientProperties();
        try (var w = Files.newBufferedWriter(clientConfig)) {
            props.store(w, null);
        }
        ToolRun run =
                mode2(
                        f,
                        4,
                        "--execute",
                        "--bootstrap",
                        kafka.bootstrapServers(),
                        "--kafka-config",
                        clientConfig.toString());
        ok(run);
        assertThat(run.out)
                .contains(
                        "--create --topic "
                                + BARS
                                + " --partitions 2 --replication-factor 1"
                                + " --config compression.type=lz4 --config retention.ms=3024000000")
                .contains("Recreated " + SIGNALS + " with the same partitions and configs.");
        assertThat(r.describe(BARS)).isEqualTo(barsBefore);
        assertThat(r.describe(SIGNALS)).isEqualTo(signalsBefore);
        assertThat(endOffsets(BARS)).allMatch(o -> o == 0L);
        assertThat(f.read(GitOpsFixture.LEDGER))
                .contains("\"step\":4,\"action\":\"recreate-topics\"");
    }

    @Test
    void retentionIsTheLatestOfThePartitionsEarliestRecords() throws Exception {
        String topic = "torghut.trades.v1";
        admin.createTopics(List.of(new NewTopic(topic, 2, (short) 1)))
                .all()
                .get(30, TimeUnit.SECONDS);
        try (KafkaProducer<String, String> p = producer()) {
            p.send(
                            new ProducerRecord<>(
                                    topic,
                                    0,
                                    Instant.parse("2026-11-18T10:00:00Z").toEpochMilli(),
                                    "A",
                                    "x"))
                    .get();
            p.send(
                            new ProducerRecord<>(
                                    topic,
                                    1,
                                    Instant.parse("2026-11-19T10:00:00Z").toEpochMilli(),
                                    "B",
                                    "x"))
                    .get();
            p.send(
                            new ProducerRecord<>(
                                    topic,
                                    0,
                                    Instant.parse("2026-11-21T10:00:00Z").toEpochMilli(),
                                    "A",
                                    "y"))
                    .get();
        }
        Map<String, Instant> earliest =
                RetentionProbe.earliestRetained(
                        kafka.clientProperties(), List.of(topic), Duration.ofSeconds(30));
        assertThat(earliest).containsEntry(topic, Instant.parse("2026-11-19T10:00:00Z"));

        GitOpsFixture f = GitOpsFixture.copyTo(dir);
        Path clientConfig = dir.resolve("client.properties");
        try (var w = Files.newBufferedWriter(clientConfig)) {
            kafka.clientProperties().store(w, null);
        }
        // The fixture names three inputs; only trades exists here, so point the others at it.
        f.write(
                GitOpsFixture.CONFIGMAP,
                f.read(GitOpsFixture.CONFIGMAP)
                        .replace("torghut.quotes.v1", topic)
                        .replace("torghut.bars.1m.v1", topic));
        ToolRun tooEarly =
                ToolRun.run(
                        f.args(
                                "check-window",
                                "--from",
                                "2026-11-19T12:00:00Z",
                                "--to",
                                "2026-11-20T00:00:00Z",
                                "--bootstrap",
                                kafka.bootstrapServers(),
                                "--kafka-config",
                                clientConfig.toString()));
        assertThat(tooEarly.exitCode).as(tooEarly.toString()).isEqualTo(4);
        assertThat(tooEarly.out).contains("retains records only from 2026-11-19T10:00:00Z");
        ToolRun fine =
                ToolRun.run(
                        f.args(
                                "check-window",
                                "--from",
                                "2026-11-20T00:00:00Z",
                                "--to",
                                "2026-11-21T00:00:00Z",
                                "--bootstrap",
                                kafka.bootstrapServers(),
                                "--kafka-config",
                                clientConfig.toString()));
        assertThat(fine.exitCode).as(fine.toString()).isZero();
    }

    @Test
    void aTopicsRetentionMsCutsWhatItStillHolds() throws Exception {
        // Records older than the topic's 3 days stay until their segment rolls, then go at once:
        // a replay must not count on them.
        String topic = "torghut.quotes.v1";
        admin.createTopics(
                        List.of(
                                new NewTopic(topic, 2, (short) 1)
                                        .configs(Map.of("retention.ms", "259200000"))))
                .all()
                .get(30, TimeUnit.SECONDS);
        try (KafkaProducer<String, String> p = producer()) {
            for (int partition = 0; partition < 2; partition++) {
                p.send(
                                new ProducerRecord<>(
                                        topic,
                                        partition,
                                        Instant.parse("2026-11-18T10:00:00Z").toEpochMilli(),
                                        "A",
                                        "x"))
                        .get();
            }
        }
        assertThat(
                        RetentionProbe.retentionMs(
                                kafka.clientProperties(), List.of(topic), Duration.ofSeconds(30)))
                .containsEntry(topic, 259_200_000L);
        GitOpsFixture f = GitOpsFixture.copyTo(dir);
        Path clientConfig = dir.resolve("client.properties");
        try (var w = Files.newBufferedWriter(clientConfig)) {
            kafka.clientProperties().store(w, null);
        }
        f.write(
                GitOpsFixture.CONFIGMAP,
                f.read(GitOpsFixture.CONFIGMAP)
                        .replace("torghut.trades.v1", topic)
                        .replace("torghut.bars.1m.v1", topic));
        ToolRun cut =
                ToolRun.run(
                        f.args(
                                "check-window",
                                "--from",
                                "2026-11-19T12:00:00Z",
                                "--to",
                                "2026-11-20T00:00:00Z",
                                "--bootstrap",
                                kafka.bootstrapServers(),
                                "--kafka-config",
                                clientConfig.toString()));
        assertThat(cut.exitCode).as(cut.toString()).isEqualTo(4);
        assertThat(cut.out)
                .contains(
                        "Input "
                                + topic
                                + ": from 2026-11-20T04:00:00Z (measured on "
                                + kafka.bootstrapServers()
                                + ": retention.ms 259200000 (3d) deletes records before"
                                + " 2026-11-20T04:00:00Z; the oldest still there is from"
                                + " 2026-11-18T10:00:00Z)")
                .contains("retains records only from 2026-11-20T04:00:00Z");
        ToolRun fine =
                ToolRun.run(
                        f.args(
                                "check-window",
                                "--from",
                                "2026-11-20T12:00:00Z",
                                "--to",
                                "2026-11-21T00:00:00Z",
                                "--bootstrap",
                                kafka.bootstrapServers(),
                                "--kafka-config",
                                clientConfig.toString()));
        assertThat(fine.exitCode).as(fine.toString()).isZero();
    }

    private static void produce(String topic, int n, Instant ts) throws Exception {
        try (KafkaProducer<String, String> p = producer()) {
            for (int i = 0; i < n; i++) {
                p.send(new ProducerRecord<>(topic, null, ts.toEpochMilli() + i, "NVDA", "{}"))
                        .get();
            }
        }
    }

    private static KafkaProducer<String, String> producer() {
        return new KafkaProducer<>(
                kafka.clientProperties(), new StringSerializer(), new StringSerializer());
    }

    private static List<Long> endOffsets(String topic) {
        Properties p = kafka.clientProperties();
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        try (KafkaConsumer<String, String> c =
                new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> parts =
                    c.partitionsFor(topic).stream()
                            .map(pi -> new TopicPartition(topic, pi.partition()))
                            .toList();
            return List.copyOf(c.endOffsets(parts).values());
        }
    }

    private static ToolRun mode2(GitOpsFixture f, int step, String... extra) {
        String[] base = {
            "mode2",
            "--replay-id",
            "2026-11-23T0420Z-INC9",
            "--step",
            String.valueOf(step),
            "--confirm",
            "REPLAY_FROM_SCRATCH",
            "--ticket",
            "INC-9"
        };
        String[] all = new String[base.length + extra.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(extra, 0, all, base.length, extra.length);
        return ToolRun.run(f.args(all));
    }

    private static void ok(ToolRun r) {
        assertThat(r.exitCode).as(r.toString()).isZero();
    }

    private static String manifestJson() {
        return "{\"replayId\":\"2026-11-23T0420Z-INC9\",\"createdAt\":\"2026-11-23T03:50:00Z\","
                + "\"sourcePrefix\":\"s3a://flink-checkpoints/torghut/technical-analysis\","
                + "\"verified\":true,\"verifiedAt\":\"2026-11-23T03:55:00Z\",\"objects\":["
                + "{\"key\":\"checkpoints/j/chk-3/_metadata\",\"size\":10,\"sha256\":\"aa\"}],"
                + "\"totals\":{\"objects\":1,\"bytes\":10}}";
    }
}
