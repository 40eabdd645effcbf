package io.torghut.ta.replay.window;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.torghut.ta.replay.testutil.Checkout;
import io.torghut.ta.replay.testutil.ToolRun;
import io.torghut.ta.testkit.ProductionFixtures;
import io.torghut.ta.testkit.ProductionFixtures.Fixture;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * check-window on production's facts: its defaults are production's retention and TTL (kept equal
 * to testkit's topic and DDL fixtures), the TTL is read from {@code system.tables} when a server is
 * given, and the output says where every figure came from.
 */
class CheckWindowProductionTest {
    static final Instant NOW = ToolRun.NOW;

    @TempDir Path dir;

    @Test
    void theDefaultRetentionIsThatOfProductionsInputTopics() throws Exception {
        Map<String, Long> retention = new HashMap<>();
        var parser = new YAMLFactory().createParser(ProductionFixtures.text(Fixture.KAFKA_TOPICS));
        for (var it = new ObjectMapper().readValues(parser, JsonNode.class); it.hasNext(); ) {
            JsonNode topic = it.next();
            retention.put(
                    topic.at("/metadata/name").asText(),
                    topic.at("/spec/config/retention.ms").asLong());
        }
        JsonNode cm = new YAMLMapper().readTree(ProductionFixtures.text(Fixture.TA_CONFIGMAP));
        for (String key : List.of("TA_TRADES_TOPIC", "TA_QUOTES_TOPIC", "TA_BARS1M_TOPIC")) {
            String topic = cm.at("/data/" + key).asText();
            assertThat(Duration.ofMillis(retention.get(topic)))
                    .as(topic)
                    .isEqualTo(ProductionWindowDefaults.INPUT_RETENTION);
        }
        assertThat(ProductionWindowDefaults.INPUT_RETENTION).isEqualTo(Duration.ofDays(35));
    }

    @Test
    void theDefaultTtlIsThatOfProductionsDdl() {
        Map<String, List<Duration>> ttls = new LinkedHashMap<>();
        for (String statement : ProductionFixtures.text(Fixture.CLICKHOUSE_DDL).split(";")) {
            for (String table : List.of("ta_microbars", "ta_signals")) {
                if (statement.contains("torghut." + table + " ON CLUSTER")
                        && statement.contains("TTL")) {
                    ttls.computeIfAbsent(table, t -> new ArrayList<>())
                            .add(((OutputTtl.Reading.Expires) OutputTtl.of(statement)).ttl());
                }
            }
        }
        // Each table's CREATE and its MODIFY TTL.
        assertThat(ttls.get("ta_microbars"))
                .hasSize(2)
                .containsOnly(ProductionWindowDefaults.OUTPUT_TTL);
        assertThat(ttls.get("ta_signals"))
                .hasSize(2)
                .containsOnly(ProductionWindowDefaults.OUTPUT_TTL);
    }

    @Test
    void withoutMeasurementsTheProductionDefaultsAreUsedAndSaidSo() {
        Path root = Checkout.PRODUCTION.writeTo(dir);
        // 30 days back: outside the old assumed defaults (7 d retention, 14 d signals TTL),
        // inside production's 35 days.
        ToolRun r = window(root, Map.of(), "2026-10-24T14:30:00Z", "2026-10-24T21:00:00Z");
        assertThat(r.exitCode).as(r.toString()).isZero();
        assertThat(r.out)
                .contains(
                        "Input torghut.trades.v1: from 2026-10-19T04:00:00Z (retention 35d,"
                                + " production default, unmeasured: torghut-topics.yaml"
                                + " retention.ms 3024000000)")
                .contains("Input torghut.bars.1m.v1: from 2026-10-19T04:00:00Z")
                .contains(
                        "Output ta_signals: TTL 35d (production default, unmeasured:"
                                + " ta-schema.sql TTL toDateTime(event_ts) + INTERVAL 35 DAY)");
        ToolRun given =
                window(
                        root,
                        Map.of(),
                        "2026-10-24T14:30:00Z",
                        "2026-10-24T21:00:00Z",
                        "--ttl",
                        "ta_signals=14d");
        assertThat(given.exitCode).isEqualTo(4);
        assertThat(given.out).contains("Output ta_signals: TTL 14d (given)");
    }

    @Test
    void theTtlIsReadFromSystemTablesWhenAServerIsGiven() {
        Path root = Checkout.PRODUCTION.writeTo(dir);
        List<String> asked = new ArrayList<>();
        TableDefinitions.Connector server =
                (url, user, password) -> {
                    asked.add(url + " " + user + " " + password);
                    return new TableDefinitions() {
                        @Override
                        public Map<String, String> createTableQueries(
                                String database, List<String> tables) {
                            asked.add(database + " " + tables);
                            return Map.of(
                                    "ta_microbars",
                                    "CREATE TABLE torghut.ta_microbars (`symbol` String, `v`"
                                            + " Float64 TTL toDateTime(event_ts) +"
                                            + " toIntervalDay(1)) ENGINE = ReplicatedReplacingMergeTree("
                                            + "'/clickhouse/tables/{cluster}/{shard}/ta_microbars',"
                                            + " '{replica}', ingest_ts) PARTITION BY"
                                            + " toDate(event_ts) ORDER BY (symbol, event_ts, seq)"
                                            + " TTL toDateTime(event_ts) + toIntervalDay(35)"
                                            + " SETTINGS index_granularity = 8192",
                                    "ta_signals",
                                    "CREATE TABLE torghut.ta_signals (`symbol` String) ENGINE ="
                                            + " MergeTree ORDER BY symbol TTL toDateTime(event_ts)"
                                            + " + toIntervalDay(14)");
                        }

                        @Override
                        public void close() {}
                    };
                };
        String url = "jdbc:clickhouse://torghut-clickhouse.torghut.svc.cluster.local:8123/torghut";
        ToolRun r =
                ToolRun.run(
                        server,
                        Map.of("TA_CLICKHOUSE_PASSWORD", "s3cr3t"),
                        args(
                                root,
                                "2026-10-24T14:30:00Z",
                                "2026-10-24T21:00:00Z",
                                "--clickhouse-url",
                                url));
        assertThat(r.exitCode).as(r.toString()).isEqualTo(4);
        assertThat(asked)
                .containsExactly(url + " torghut s3cr3t", "torghut [ta_microbars, ta_signals]");
        assertThat(r.out)
                .contains("Output ta_microbars: TTL 35d (system.tables on " + url + ")")
                .contains("Output ta_signals: TTL 14d (system.tables on " + url + ")")
                .contains("PROBLEM: output ta_signals has a TTL of PT336H")
                .doesNotContain("s3cr3t");
        ToolRun oneGiven =
                ToolRun.run(
                        server,
                        Map.of(),
                        args(
                                root,
                                "2026-10-24T14:30:00Z",
                                "2026-10-24T21:00:00Z",
                                "--clickhouse-url",
                                url,
                                "--ttl",
                                "ta_signals=35d"));
        assertThat(oneGiven.exitCode).as(oneGiven.toString()).isZero();
        assertThat(oneGiven.out).contains("Output ta_signals: TTL 35d (given)");
        TableDefinitions.Connector empty =
                (u, user, password) ->
                        new TableDefinitions() {
                            @Override
                            public Map<String, String> createTableQueries(
                                    String database, List<String> tables) {
                                return Map.of();
                            }

                            @Override
                            public void close() {}
                        };
        ToolRun missing =
                ToolRun.run(
                        empty,
                        Map.of(),
                        args(
                                root,
                                "2026-11-20T14:30:00Z",
                                "2026-11-20T21:00:00Z",
                                "--clickhouse-url",
                                url));
        assertThat(missing.exitCode).isEqualTo(4);
        assertThat(missing.out)
                .contains(
                        "PROBLEM: output ta_microbars: no table torghut.ta_microbars in"
                                + " system.tables on "
                                + url
                                + "; pass --ttl ta_microbars=<its TTL>");
    }

    @Test
    void measuredRetentionIsCutByRetentionMs() {
        Instant oldest = Instant.parse("2026-10-01T00:00:00Z");
        InputStart cut =
                InputStart.measured("t", oldest, Duration.ofDays(35).toMillis(), NOW, "kafka:9092");
        assertThat(cut.earliest()).isEqualTo(Instant.parse("2026-10-19T04:00:00Z"));
        assertThat(cut.source())
                .isEqualTo(
                        "measured on kafka:9092: retention.ms 3024000000 (35d) deletes records"
                                + " before 2026-10-19T04:00:00Z; the oldest still there is from"
                                + " 2026-10-01T00:00:00Z");
        Instant young = Instant.parse("2026-11-01T00:00:00Z");
        assertThat(InputStart.measured("t", young, Duration.ofDays(35).toMillis(), NOW, "b"))
                .isEqualTo(
                        new InputStart(
                                "t",
                                young,
                                "measured on b: oldest record, retention.ms 3024000000 (35d)"));
        assertThat(InputStart.measured("t", oldest, -1, NOW, "b").earliest()).isEqualTo(oldest);
    }

    private static ToolRun window(
            Path root, Map<String, String> env, String from, String to, String... extra) {
        return ToolRun.run(env, args(root, from, to, extra));
    }

    private static String[] args(Path root, String from, String to, String... extra) {
        List<String> a = new ArrayList<>(List.of("check-window", "--from", from, "--to", to));
        a.addAll(List.of(extra));
        a.add("--gitops-root");
        a.add(root.toString());
        return a.toArray(String[]::new);
    }
}
