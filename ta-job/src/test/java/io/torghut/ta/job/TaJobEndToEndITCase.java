package io.torghut.ta.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.torghut.ta.core.bars.Bar;
import io.torghut.ta.core.signals.SignalRow;
import io.torghut.ta.job.clickhouse.RowValues;
import io.torghut.ta.job.clickhouse.TaTable;
import io.torghut.ta.job.clickhouse.TaTables;
import io.torghut.ta.job.config.TaConfig;
import io.torghut.ta.job.decode.DecodeFailure;
import io.torghut.ta.job.local.TapeGenerator;
import io.torghut.ta.job.testutils.Diff;
import io.torghut.ta.job.testutils.KafkaTapes;
import io.torghut.ta.job.testutils.OutputRows;
import io.torghut.ta.job.testutils.Reference;
import io.torghut.ta.testkit.ClickHouseServer;
import io.torghut.ta.testkit.KafkaTestCluster;
import io.torghut.ta.testkit.S3ProxyServer;
import java.nio.file.Path;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The production topology (Kafka sources, Kafka and ClickHouse sinks, status, dead letters,
 * checkpoints in S3) on a MiniCluster with parallelism 2, against a real Kafka broker, a real S3
 * API (s3proxy) and a real ClickHouse server, all on loopback and started here.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TaJobEndToEndITCase {
    @RegisterExtension
    static final MiniClusterExtension FLINK =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    static final ObjectMapper MAPPER = new ObjectMapper();
    static final int PARTITIONS = 3;

    /**
     * ClickHouse 18.16 parses float text with a fast, not correctly rounded parser: a value written
     * exactly can come back 1 ulp off. Kafka output is compared exactly; ClickHouse within 2 ulps.
     */
    static final int CLICKHOUSE_FLOAT_ULPS = 2;

    @TempDir static Path dir;
    static KafkaTestCluster kafka;
    static S3ProxyServer s3;
    static ClickHouseServer clickhouse;
    static TapeGenerator.Tape tape;

    @BeforeAll
    static void startServers() {
        kafka = KafkaTestCluster.start(dir.resolve("kafka"));
        s3 = S3ProxyServer.start(dir.resolve("s3"), "ta-test-access", "ta-test-secret", "ckpt");
        Configuration fs = new Configuration();
        s3.flinkS3Config().forEach(fs::setString);
        FileSystem.initialize(fs, null);
        clickhouse = ClickHouseServer.start(dir.resolve("clickhouse"));
        tape = TapeGenerator.generate(TapeGenerator.Options.defaults().withMinutes(4));
        for (String t : List.of("trades", "quotes", "bars1m")) {
            kafka.createTopic("in." + t, PARTITIONS, KafkaTapes.KEEP_FOREVER);
        }
        for (String t : List.of("bars", "signals", "status", "dlq")) {
            kafka.createTopic("out." + t, 1, KafkaTapes.KEEP_FOREVER);
        }
        produce("in.trades", tape.trades());
        produce("in.quotes", tape.quotes());
        produce("in.bars1m", tape.bars1m());
    }

    @AfterAll
    static void stopServers() {
        if (clickhouse != null) {
            clickhouse.close();
        }
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

    static TaConfig config(String groupId) {
        Map<String, String> env = new HashMap<>();
        env.put("TA_KAFKA_BOOTSTRAP", kafka.bootstrapServers());
        env.put("TA_KAFKA_SECURITY", "PLAINTEXT");
        env.put("TA_TRADES_TOPIC", "in.trades");
        env.put("TA_QUOTES_TOPIC", "in.quotes");
        env.put("TA_BARS1M_TOPIC", "in.bars1m");
        env.put("TA_MICROBARS_TOPIC", "out.bars");
        env.put("TA_SIGNALS_TOPIC", "out.signals");
        env.put("TA_STATUS_TOPIC", "out.status");
        env.put("TA_DEADLETTER_TOPIC", "out.dlq");
        env.put("TA_GROUP_ID", groupId);
        env.put("TA_AUTO_OFFSET_RESET", "earliest");
        env.put("TA_CHECKPOINT_DIR", "s3a://ckpt/ta");
        env.put("TA_CHECKPOINT_INTERVAL_MS", "300");
        env.put("TA_CHECKPOINT_PAUSE_MS", "0");
        env.put("TA_STATUS_INTERVAL_MS", "1000");
        env.put("TA_CLICKHOUSE_URL", clickhouse.jdbcUrl("torghut"));
        env.put("TA_CLICKHOUSE_USERNAME", "default");
        env.put("TA_CLICKHOUSE_CREATE_TABLES", "true");
        env.put("TA_CLICKHOUSE_REQUIRE_REPLICATED", "false");
        env.put("TA_CLICKHOUSE_BATCH_SIZE", "1000");
        env.put("TA_CLICKHOUSE_FLUSH_MS", "200");
        env.put("TA_CLICKHOUSE_SCHEMA_INIT_MAX_RETRIES", "3");
        env.put("TA_CLICKHOUSE_SCHEMA_INIT_RETRY_DELAY_MS", "500");
        return TaConfig.fromEnv(env);
    }

    static void runBounded(TaConfig config) throws Exception {
        Configuration conf = JobSettings.apply(config, new Configuration());
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(2);
        TaJob.productionTopology(config, true).build(env);
        env.execute("ta-e2e");
    }

    /**
     * Every record of a topic up to its end offsets at the time of the call: independent of how
     * long the first fetch takes on a loaded machine.
     */
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

    static List<List<String>> clickhouseRows(TaTable table) {
        List<List<String>> rows = new ArrayList<>();
        for (List<String> r :
                clickhouse.queryStrings(
                        "SELECT "
                                + OutputRows.selectList(table)
                                + " FROM torghut."
                                + table.name()
                                + " FINAL")) {
            rows.add(OutputRows.fromClickHouse(table, r));
        }
        return rows;
    }

    static Map<String, List<String>> expectedBars(boolean secondsOnly) {
        return expectedBars(tape, secondsOnly);
    }

    static Map<String, List<String>> expectedBars(TapeGenerator.Tape tape, boolean secondsOnly) {
        List<List<String>> rows = new ArrayList<>();
        for (Bar b : Reference.bars(tape).values()) {
            rows.add(OutputRows.fromValues(TaTables.MICROBARS, RowValues.bar(b, 0), secondsOnly));
        }
        return OutputRows.byIdentity(TaTables.MICROBARS, rows);
    }

    static Map<String, List<String>> expectedSignals(TaConfig config, boolean secondsOnly) {
        return expectedSignals(tape, config, secondsOnly);
    }

    static Map<String, List<String>> expectedSignals(
            TapeGenerator.Tape tape, TaConfig config, boolean secondsOnly) {
        List<List<String>> rows = new ArrayList<>();
        for (SignalRow s : Reference.signals(tape, config).values()) {
            rows.add(OutputRows.fromValues(TaTables.SIGNALS, RowValues.signal(s, 0), secondsOnly));
        }
        return OutputRows.byIdentity(TaTables.SIGNALS, rows);
    }

    @Test
    @Order(1)
    void kafkaAndClickHouseOutputsEqualTheReferenceAndBadRecordsAreCounted() throws Exception {
        TaConfig config = config("ta-e2e-1");
        runBounded(config);

        List<List<String>> bars = kafkaRows("out.bars", TaTables.MICROBARS);
        assertThat(OutputRows.byIdentity(TaTables.MICROBARS, bars)).hasSize(bars.size());
        Diff.assertSameRows(
                OutputRows.byIdentity(TaTables.MICROBARS, bars),
                expectedBars(false),
                "Kafka 1 s bars");
        Map<String, List<String>> signals =
                OutputRows.byIdentity(TaTables.SIGNALS, kafkaRows("out.signals", TaTables.SIGNALS));
        Diff.assertSameRows(signals, expectedSignals(config, false), "Kafka signals");

        Diff.assertSameRows(
                OutputRows.byIdentity(TaTables.MICROBARS, clickhouseRows(TaTables.MICROBARS)),
                expectedBars(true),
                "ClickHouse ta_microbars FINAL",
                CLICKHOUSE_FLOAT_ULPS);
        Diff.assertSameRows(
                OutputRows.byIdentity(TaTables.SIGNALS, clickhouseRows(TaTables.SIGNALS)),
                expectedSignals(config, true),
                "ClickHouse ta_signals FINAL",
                CLICKHOUSE_FLOAT_ULPS);

        Map<String, Integer> deadLetters = new TreeMap<>();
        for (var r : readAll("out.dlq")) {
            JsonNode n = MAPPER.readTree(r.value());
            deadLetters.merge(
                    n.get("input").asText() + "." + n.get("reason").asText(), 1, Integer::sum);
        }
        Map<String, Integer> expectedDead = new TreeMap<>();
        tape.malformed()
                .forEach(
                        (input, byReason) ->
                                byReason.forEach(
                                        (DecodeFailure reason, Integer n) ->
                                                expectedDead.put(input + "." + reason, n)));
        assertThat(deadLetters).isEqualTo(expectedDead);

        var status = readAll("out.status");
        assertThat(status).isNotEmpty();
        assertThat(status).allMatch(r -> r.key().equals("ta"));
        List<JsonNode> heartbeats = new ArrayList<>();
        for (var r : status) {
            heartbeats.add(MAPPER.readTree(r.value()));
        }
        assertThat(heartbeats).allMatch(h -> h.has("signal_freshness_lag_ms") && h.has("status"));
        for (String stream : List.of("trades", "quotes", "bars1m", "signals")) {
            assertThat(heartbeats)
                    .as("a heartbeat reports " + stream)
                    .anyMatch(h -> h.get("streams").has(stream));
        }

        // A finished bounded job discards its completed checkpoints; the job's checkpoint
        // directory was created in S3 (the restore test below reads a savepoint back from S3).
        List<String> keys = s3.listKeys("ckpt", "ta/checkpoints/");
        assertThat(keys).anyMatch(k -> k.matches("ta/checkpoints/[0-9a-f]{32}/shared/"));
    }

    @Test
    @Order(2)
    void replayingTheSameTapeLeavesOneRowPerIdentityUnderFinal() throws Exception {
        TaConfig config = config("ta-e2e-2");
        runBounded(config);
        long identities = Reference.bars(tape).size();
        assertThat(
                        Long.parseLong(
                                clickhouse
                                        .queryStrings(
                                                "SELECT count() FROM torghut.ta_microbars FINAL")
                                        .get(0)
                                        .get(0)))
                .isEqualTo(identities);
        assertThat(
                        Long.parseLong(
                                clickhouse
                                        .queryStrings(
                                                "SELECT count() FROM (SELECT symbol, event_ts, seq FROM torghut.ta_microbars"
                                                        + " FINAL GROUP BY symbol, event_ts, seq HAVING count() > 1)")
                                        .get(0)
                                        .get(0)))
                .isZero();
        Diff.assertSameRows(
                OutputRows.byIdentity(TaTables.SIGNALS, clickhouseRows(TaTables.SIGNALS)),
                expectedSignals(config, true),
                "ClickHouse ta_signals FINAL after the replay",
                CLICKHOUSE_FLOAT_ULPS);
        assertThat(
                        Long.parseLong(
                                clickhouse
                                        .queryStrings(
                                                "SELECT count() FROM torghut.ta_signals FINAL")
                                        .get(0)
                                        .get(0)))
                .isEqualTo(expectedSignals(config, true).size());
    }
}
