package io.torghut.ta.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.torghut.ta.job.clickhouse.TaTables;
import io.torghut.ta.job.config.TaConfig;
import io.torghut.ta.job.config.TaConfigKey;
import io.torghut.ta.job.decode.DecodeFailure;
import io.torghut.ta.local.TapeGenerator;
import io.torghut.ta.testkit.Diff;
import io.torghut.ta.testkit.JobScenario;
import io.torghut.ta.testkit.JobScenario.Topic;
import io.torghut.ta.testkit.OutputRows;
import io.torghut.ta.testkit.TestPlatform;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The production topology (Kafka sources, Kafka and ClickHouse sinks, status, dead letters,
 * checkpoints in S3) on a MiniCluster with parallelism 2, against a real Kafka broker, a real S3
 * API (s3proxy) and a real ClickHouse server, all on loopback: the shared test platform.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TaJobEndToEndITCase {
    static final ObjectMapper MAPPER = new ObjectMapper();
    static final TestPlatform PLATFORM = TestPlatform.shared();

    static JobScenario scenario;

    @BeforeAll
    static void produceTheTape() {
        scenario =
                PLATFORM.scenario("e2e")
                        .tape(TapeGenerator.Options.defaults().withMinutes(4))
                        .partitions(3)
                        .withClickHouse()
                        .build();
        scenario.produceAll();
    }

    /** The bounded job's settings: test-sized checkpoints and ClickHouse batches. */
    static TaConfig config(String groupId) {
        return scenario.config(
                groupId,
                Map.of(
                        TaConfigKey.TA_CHECKPOINT_INTERVAL_MS, "300",
                        TaConfigKey.TA_CHECKPOINT_PAUSE_MS, "0",
                        TaConfigKey.TA_CLICKHOUSE_BATCH_SIZE, "1000",
                        TaConfigKey.TA_CLICKHOUSE_SCHEMA_INIT_MAX_RETRIES, "3",
                        TaConfigKey.TA_WATERMARK_IDLE_TIMEOUT_MS, "30000"));
    }

    @Test
    @Order(1)
    void kafkaAndClickHouseOutputsEqualTheReferenceAndBadRecordsAreCounted() throws Exception {
        TaConfig config = config("ta-e2e-1");
        PLATFORM.flink().job(config).bounded().named("ta-e2e").run();

        List<List<String>> bars = scenario.kafkaRows(Topic.BARS, TaTables.MICROBARS, false);
        assertThat(OutputRows.byIdentity(TaTables.MICROBARS, bars)).hasSize(bars.size());
        Diff.assertSameRows(
                OutputRows.byIdentity(TaTables.MICROBARS, bars),
                scenario.expectedBars(false),
                "Kafka 1 s bars");
        Diff.assertSameRows(
                scenario.kafkaRowsByIdentity(Topic.SIGNALS, TaTables.SIGNALS),
                scenario.expectedSignals(config, false),
                "Kafka signals");

        Diff.assertSameRows(
                OutputRows.byIdentity(
                        TaTables.MICROBARS, scenario.clickhouseRows(TaTables.MICROBARS)),
                scenario.expectedBars(true),
                "ClickHouse ta_microbars FINAL");
        Diff.assertSameRows(
                OutputRows.byIdentity(TaTables.SIGNALS, scenario.clickhouseRows(TaTables.SIGNALS)),
                scenario.expectedSignals(config, true),
                "ClickHouse ta_signals FINAL");

        Map<String, Integer> deadLetters = new TreeMap<>();
        for (var r : scenario.read(Topic.DEAD_LETTERS, false)) {
            JsonNode n = MAPPER.readTree(r.value());
            deadLetters.merge(
                    n.get("input").asText() + "." + n.get("reason").asText(), 1, Integer::sum);
        }
        Map<String, Integer> expectedDead = new TreeMap<>();
        scenario.tape()
                .malformed()
                .forEach(
                        (input, byReason) ->
                                byReason.forEach(
                                        (DecodeFailure reason, Integer n) ->
                                                expectedDead.put(input + "." + reason, n)));
        assertThat(deadLetters).isEqualTo(expectedDead);

        var status = scenario.read(Topic.STATUS, false);
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
        // directory was created in S3 (the restore test reads a savepoint back from S3).
        String prefix = scenario.name() + "/ta-e2e-1/checkpoints/";
        List<String> keys = PLATFORM.s3().listKeys(TestPlatform.BUCKET, prefix);
        assertThat(keys).anyMatch(k -> k.matches(prefix + "[0-9a-f]{32}/shared/"));
    }

    @Test
    @Order(2)
    void replayingTheSameTapeLeavesOneRowPerIdentityUnderFinal() throws Exception {
        TaConfig config = config("ta-e2e-2");
        PLATFORM.flink().job(config).bounded().named("ta-e2e").run();
        long identities = scenario.expectedBars(true).size();
        assertThat(scenario.clickhouseCount(TaTables.MICROBARS)).isEqualTo(identities);
        assertThat(
                        Long.parseLong(
                                PLATFORM.clickhouse()
                                        .queryStrings(
                                                "SELECT count() FROM (SELECT symbol, event_ts, seq"
                                                        + " FROM "
                                                        + scenario.qualified(TaTables.MICROBARS)
                                                        + " FINAL GROUP BY symbol, event_ts, seq"
                                                        + " HAVING count() > 1)")
                                        .get(0)
                                        .get(0)))
                .isZero();
        Diff.assertSameRows(
                OutputRows.byIdentity(TaTables.SIGNALS, scenario.clickhouseRows(TaTables.SIGNALS)),
                scenario.expectedSignals(config, true),
                "ClickHouse ta_signals FINAL after the replay");
        assertThat(scenario.clickhouseCount(TaTables.SIGNALS))
                .isEqualTo(scenario.expectedSignals(config, true).size());
    }
}
