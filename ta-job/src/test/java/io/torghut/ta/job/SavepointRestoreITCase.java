package io.torghut.ta.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.torghut.ta.job.clickhouse.TaTable;
import io.torghut.ta.job.clickhouse.TaTables;
import io.torghut.ta.job.config.TaConfig;
import io.torghut.ta.job.local.TapeGenerator;
import io.torghut.ta.job.testutils.Diff;
import io.torghut.ta.job.testutils.KafkaTapes;
import io.torghut.ta.job.testutils.OutputRows;
import io.torghut.ta.job.testutils.Reference;
import io.torghut.ta.testkit.KafkaTestCluster;
import io.torghut.ta.testkit.S3ProxyServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The production topology (Kafka sources, Kafka and ClickHouse sinks, status, dead letters,
 * checkpoints in S3) on a MiniCluster with parallelism 2, against a real Kafka broker, a real S3
 * API (s3proxy) and a real ClickHouse server, all on loopback and started here.
 */
/**
 * Restore from a savepoint in S3: stop the production topology with a savepoint mid-tape, restart
 * from it, and the union of both runs' output equals the uninterrupted result (the brute-force
 * reference that {@link TaJobEndToEndITCase} shows the bounded run matches). Its own class, with
 * its own MiniCluster and servers.
 */
class SavepointRestoreITCase {
    @RegisterExtension
    static final MiniClusterExtension FLINK =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    static final int PARTITIONS = 3;

    @TempDir static Path dir;
    static KafkaTestCluster kafka;
    static S3ProxyServer s3;
    static TapeGenerator.Tape tape;

    @BeforeAll
    static void startServers() {
        kafka = KafkaTestCluster.start(dir.resolve("kafka"));
        s3 = S3ProxyServer.start(dir.resolve("s3"), "ta-test-access", "ta-test-secret", "ckpt");
        Configuration fs = new Configuration();
        s3.flinkS3Config().forEach(fs::setString);
        FileSystem.initialize(fs, null);
        tape = TapeGenerator.generate(TapeGenerator.Options.defaults().withMinutes(4));
    }

    @AfterAll
    static void stopServers() {
        if (s3 != null) {
            s3.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    static void produce(String topic, List<TapeGenerator.Line> lines) {
        KafkaTapes.produce(kafka, topic, lines, PARTITIONS);
    }

    static List<org.apache.kafka.clients.consumer.ConsumerRecord<String, String>> readAll(
            String topic) {
        return KafkaTapes.readAll(kafka, topic);
    }

    static List<List<String>> kafkaRows(String topic, TaTable table) {
        List<List<String>> rows = new ArrayList<>();
        for (var r : readAll(topic)) {
            rows.add(OutputRows.fromJson(table, r.value(), false));
        }
        return rows;
    }

    static Map<String, List<String>> expectedBars() {
        return TaJobEndToEndITCase.expectedBars(tape, false);
    }

    static Map<String, List<String>> expectedSignals(TaConfig config) {
        return TaJobEndToEndITCase.expectedSignals(tape, config, false);
    }

    static TaConfig restoreConfig() {
        Map<String, String> env = new HashMap<>();
        env.put("TA_KAFKA_BOOTSTRAP", kafka.bootstrapServers());
        env.put("TA_KAFKA_SECURITY", "PLAINTEXT");
        env.put("TA_TRADES_TOPIC", "r.in.trades");
        env.put("TA_QUOTES_TOPIC", "r.in.quotes");
        env.put("TA_BARS1M_TOPIC", "r.in.bars1m");
        env.put("TA_MICROBARS_TOPIC", "r.out.bars");
        env.put("TA_SIGNALS_TOPIC", "r.out.signals");
        env.put("TA_STATUS_TOPIC", "");
        env.put("TA_DEADLETTER_TOPIC", "r.out.dlq");
        env.put("TA_GROUP_ID", "ta-e2e-restore");
        env.put("TA_AUTO_OFFSET_RESET", "earliest");
        env.put("TA_CHECKPOINT_DIR", "s3a://ckpt/restore");
        env.put("TA_SAVEPOINT_DIR", "s3a://ckpt/restore/savepoints");
        env.put("TA_CHECKPOINT_INTERVAL_MS", "300");
        env.put("TA_CHECKPOINT_PAUSE_MS", "0");
        // No partition goes idle during the test: idleness is processing-time based, and on a
        // loaded machine a starved reader would be skipped and its records judged late. The
        // sentinels below advance every partition instead.
        env.put("TA_WATERMARK_IDLE_TIMEOUT_MS", "600000");
        return TaConfig.fromEnv(env);
    }

    static Map<org.apache.kafka.common.TopicPartition, Long> lag(String group, List<String> topics)
            throws Exception {
        try (var admin = org.apache.kafka.clients.admin.Admin.create(kafka.clientProperties())) {
            var committed =
                    admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
            Map<org.apache.kafka.common.TopicPartition, org.apache.kafka.clients.admin.OffsetSpec>
                    request = new HashMap<>();
            for (String t : topics) {
                for (int p = 0; p < PARTITIONS; p++) {
                    request.put(
                            new org.apache.kafka.common.TopicPartition(t, p),
                            org.apache.kafka.clients.admin.OffsetSpec.latest());
                }
            }
            Map<org.apache.kafka.common.TopicPartition, Long> lag = new HashMap<>();
            admin.listOffsets(request)
                    .all()
                    .get()
                    .forEach(
                            (tp, info) -> {
                                var c = committed.get(tp);
                                long done = c == null ? 0 : c.offset();
                                if (info.offset() > done) {
                                    lag.put(tp, info.offset() - done);
                                }
                            });
            return lag;
        }
    }

    static Map<String, List<String>> withoutSentinel(Map<String, List<String>> rows) {
        Map<String, List<String>> out = new TreeMap<>(rows);
        out.keySet().removeIf(k -> k.startsWith("FLUSH|"));
        return out;
    }

    /**
     * Stop with a savepoint in S3 mid-tape, restart from it, and the union of both runs' output
     * equals the uninterrupted result (the brute-force reference the bounded run matched above). A
     * sentinel trade far in the future on every trades partition closes the last windows, since an
     * unbounded source never ends its input.
     */
    @Test
    void restoreFromASavepointInS3GivesTheUninterruptedOutput() throws Exception {
        for (String t : List.of("trades", "quotes", "bars1m")) {
            kafka.createTopic("r.in." + t, PARTITIONS, KafkaTapes.KEEP_FOREVER);
        }
        kafka.createTopic("r.out.bars", 1, KafkaTapes.KEEP_FOREVER);
        kafka.createTopic("r.out.signals", 1, KafkaTapes.KEEP_FOREVER);
        kafka.createTopic("r.out.dlq", 1, KafkaTapes.KEEP_FOREVER);
        long mid = TapeGenerator.Options.defaults().start().toEpochMilli() + 120_000;
        List<String> inputs = List.of("r.in.trades", "r.in.quotes", "r.in.bars1m");
        List<List<TapeGenerator.Line>> all = List.of(tape.trades(), tape.quotes(), tape.bars1m());
        for (int i = 0; i < 3; i++) {
            produce(inputs.get(i), all.get(i).stream().filter(l -> l.arrivalMs() < mid).toList());
        }
        TaConfig config = restoreConfig();

        Configuration conf = JobSettings.apply(config, new Configuration());
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(2);
        TaJob.productionTopology(config, false).build(env);
        var first = env.executeAsync("ta-restore-first-half");
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        Map<org.apache.kafka.common.TopicPartition, Long> lag;
        while (!(lag = lag(config.groupId, inputs)).isEmpty()) {
            assertThat(System.nanoTime())
                    .as("first half consumed and checkpointed in time; lag %s", lag)
                    .isLessThan(deadline);
            Thread.sleep(300);
        }
        // Let the first run emit what its watermark allows (partitions go idle after 1 s) before
        // stopping it, so the restore happens mid-tape with output on both sides.
        long emitted = -1;
        long now = readAll("r.out.bars").size();
        while (now != emitted) {
            assertThat(System.nanoTime())
                    .as("first run's output settles in time")
                    .isLessThan(deadline);
            emitted = now;
            Thread.sleep(1500);
            now = readAll("r.out.bars").size();
        }
        Map<String, Object> firstRunCounters = first.getAccumulators().get();
        String savepoint =
                first.stopWithSavepoint(
                                false,
                                null,
                                org.apache.flink.core.execution.SavepointFormatType.CANONICAL)
                        .get();
        assertThat(savepoint).startsWith("s3a://ckpt/restore/savepoints/");
        String prefix = savepoint.substring("s3a://ckpt/".length());
        assertThat(s3.listKeys("ckpt", prefix)).anyMatch(k -> k.endsWith("/_metadata"));
        long firstHalfBars = readAll("r.out.bars").size();
        assertThat(firstHalfBars)
                .as("first run's bars; its counters %s", firstRunCounters)
                .isPositive()
                .isLessThan(Reference.bars(tape).size());

        for (int i = 0; i < 3; i++) {
            produce(inputs.get(i), all.get(i).stream().filter(l -> l.arrivalMs() >= mid).toList());
        }
        List<ProducerRecord<String, String>> sentinels = new ArrayList<>();
        long far = TapeGenerator.Options.defaults().start().toEpochMilli() + 3_600_000;
        for (int p = 0; p < PARTITIONS; p++) {
            String json =
                    "{\"ingestTs\":\""
                            + io.torghut.ta.job.sinks.RowJson.timestamp(far)
                            + "\",\"eventTs\":\""
                            + io.torghut.ta.job.sinks.RowJson.timestamp(far)
                            + "\",\"symbol\":\"FLUSH\",\"seq\":"
                            + p
                            + ",\"payload\":{\"p\":1.0,\"s\":1.0}}";
            sentinels.add(new ProducerRecord<>("r.in.trades", p, far, "FLUSH", json));
            String envelope =
                    "{\"ingestTs\":\""
                            + io.torghut.ta.job.sinks.RowJson.timestamp(far)
                            + "\",\"eventTs\":\""
                            + io.torghut.ta.job.sinks.RowJson.timestamp(far)
                            + "\",\"symbol\":\"FLUSH\",\"seq\":"
                            + p
                            + ",\"payload\":";
            sentinels.add(
                    new ProducerRecord<>(
                            "r.in.quotes",
                            p,
                            far,
                            "FLUSH",
                            envelope + "{\"bp\":1.0,\"bs\":1,\"ap\":1.01,\"as\":1}}"));
            sentinels.add(
                    new ProducerRecord<>(
                            "r.in.bars1m",
                            p,
                            far,
                            "FLUSH",
                            envelope
                                    + "{\"o\":1,\"h\":1,\"l\":1,\"c\":1,\"v\":1,\"t\":\""
                                    + io.torghut.ta.job.sinks.RowJson.timestamp(far - 60_000)
                                    + "\"}}"));
        }
        kafka.produce(sentinels);

        Configuration restored = JobSettings.apply(config, new Configuration());
        restored.set(org.apache.flink.configuration.StateRecoveryOptions.SAVEPOINT_PATH, savepoint);
        StreamExecutionEnvironment env2 =
                StreamExecutionEnvironment.getExecutionEnvironment(restored);
        env2.setParallelism(2);
        TaJob.productionTopology(config, false).build(env2);
        // Restore explicitly on the stream graph as well, as `flink run -s <path>` does.
        var graph = env2.getStreamGraph();
        graph.setJobName("ta-restore-second-half");
        graph.setSavepointRestoreSettings(
                org.apache.flink.runtime.jobgraph.SavepointRestoreSettings.forPath(savepoint));
        var second = env2.executeAsync(graph);
        Map<String, List<String>> expectedSignals = expectedSignals(config);
        Map<String, List<String>> signals = Map.of();
        deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (signals.size() < expectedSignals.size() && System.nanoTime() < deadline) {
            Thread.sleep(1000);
            signals =
                    withoutSentinel(
                            OutputRows.byIdentity(
                                    TaTables.SIGNALS,
                                    kafkaRows("r.out.signals", TaTables.SIGNALS)));
        }
        second.cancel().get();

        List<List<String>> bars = kafkaRows("r.out.bars", TaTables.MICROBARS);
        Map<String, List<String>> barsById =
                withoutSentinel(OutputRows.byIdentity(TaTables.MICROBARS, bars));
        Diff.assertSameRows(barsById, expectedBars(), "1 s bars across the restore");
        Diff.assertSameRows(signals, expectedSignals, "signals across the restore");
        // The restored sources continued from the savepoint's offsets: no record was read twice,
        // which the dead letters (one per malformed record of the whole tape) show.
        int malformed =
                tape.malformed().values().stream()
                        .flatMap(m -> m.values().stream())
                        .mapToInt(Integer::intValue)
                        .sum();
        assertThat(readAll("r.out.dlq")).hasSize(malformed);
        // At-least-once may repeat a row after a restore, but only as an exact copy.
        Map<String, List<String>> firstSeen = new HashMap<>();
        for (List<String> row : bars) {
            String id =
                    OutputRows.byIdentity(TaTables.MICROBARS, List.of(row))
                            .keySet()
                            .iterator()
                            .next();
            List<String> before = firstSeen.putIfAbsent(id, row);
            assertThat(before == null || before.equals(row)).as("duplicate of %s", id).isTrue();
        }
    }
}
