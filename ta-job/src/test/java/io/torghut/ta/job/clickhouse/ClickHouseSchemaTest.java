package io.torghut.ta.job.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.torghut.ta.job.config.TaConfig;
import io.torghut.ta.job.sinks.ClickHouseSinks;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Tests for the one schema definition, the DDL shipped from it and the sink options. */
class ClickHouseSchemaTest {

    private static String resource(String name) throws IOException {
        try (InputStream in =
                ClickHouseSchemaTest.class.getResourceAsStream("/clickhouse/" + name)) {
            assertThat(in).as("resource " + name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void shippedDdlFilesAreGeneratedFromTheDefinition() throws IOException {
        assertThat(resource("ta_schema.production.sql"))
                .as("regenerate with: ta-job --print-ddl production")
                .isEqualTo(TaTables.ddlScript("torghut", ClickHouseDialect.PRODUCTION));
        assertThat(resource("ta_schema.clickhouse18.sql"))
                .as("regenerate with: ta-job --print-ddl legacy-18")
                .isEqualTo(TaTables.ddlScript("torghut", ClickHouseDialect.LEGACY_18));
    }

    @Test
    void productionFormHasTheContractEngineTypesAndTtl() {
        String ddl = TaTables.SIGNALS.ddl("torghut", ClickHouseDialect.PRODUCTION);
        assertThat(ddl)
                .contains("ReplicatedReplacingMergeTree(")
                .contains("ingest_ts)")
                .contains("event_ts DateTime64(3, 'UTC')")
                .contains("symbol LowCardinality(String)")
                .contains("PARTITION BY toDate(event_ts)")
                .contains("ORDER BY (symbol, event_ts, seq)")
                .contains("TTL toDateTime(event_ts) + INTERVAL 35 DAY")
                .contains("imbalance_bid_sz Nullable(Float64)")
                .contains("imbalance_ratio Nullable(Float64)");
        String legacy = TaTables.SIGNALS.ddl("torghut", ClickHouseDialect.LEGACY_18);
        assertThat(legacy)
                .contains("ReplacingMergeTree(ingest_ts)")
                .doesNotContain("DateTime64")
                .doesNotContain("TTL")
                .doesNotContain("LowCardinality");
    }

    @Test
    void insertNamesEveryColumnInOrder() {
        assertThat(TaTables.MICROBARS.insert("torghut"))
                .startsWith("INSERT INTO torghut.ta_microbars (symbol, event_ts, ingest_ts, seq,")
                .endsWith(
                        "vwap, count) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    }

    @Test
    void dialectFollowsTheServerVersion() {
        assertThat(ClickHouseDialect.forServerVersion("18.16.1"))
                .isEqualTo(ClickHouseDialect.LEGACY_18);
        assertThat(ClickHouseDialect.forServerVersion("24.8.4.13"))
                .isEqualTo(ClickHouseDialect.PRODUCTION);
        assertThatThrownBy(() -> ClickHouseDialect.forServerVersion("banana"))
                .hasMessageContaining("got 'banana'");
        assertThat(ClickHouseDialect.PRODUCTION.formatTimestamp(1772548201000L))
                .isEqualTo("2026-03-03 14:30:01.000");
    }

    /** Each dialect's timestamp text against the formatter it replaced, in and out of range. */
    @Test
    void timestampTextEqualsTheDialectsFormatter() {
        java.util.Map<ClickHouseDialect, java.time.format.DateTimeFormatter> oracle =
                Map.of(
                        ClickHouseDialect.PRODUCTION,
                        java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS")
                                .withZone(java.time.ZoneOffset.UTC),
                        ClickHouseDialect.LEGACY_18,
                        java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
                                .withZone(java.time.ZoneOffset.UTC));
        java.util.SplittableRandom random = new java.util.SplittableRandom(3);
        java.util.List<Long> instants =
                new java.util.ArrayList<>(
                        java.util.List.of(
                                0L,
                                -1L,
                                1772548201999L,
                                951_782_400_000L,
                                -30_610_224_000_000L,
                                -30_610_224_000_001L,
                                253_402_300_799_999L,
                                253_402_300_800_000L));
        for (int i = 0; i < 100_000; i++) {
            instants.add(random.nextLong(-40_000_000_000_000L, 260_000_000_000_000L));
            // Alternating days, as a replayed row's event and ingest times are.
            instants.add(1772548201000L + random.nextLong(86_400_000L * 400));
        }
        oracle.forEach(
                (dialect, formatter) -> {
                    for (long ms : instants) {
                        assertThat(dialect.formatTimestamp(ms))
                                .as("%s %d", dialect, ms)
                                .isEqualTo(formatter.format(java.time.Instant.ofEpochMilli(ms)));
                    }
                });
    }

    @Test
    void configuredBatchSizeIsHonouredWithoutACap() {
        for (String size : new String[] {"1", "25", "1000", "50000"}) {
            TaConfig c =
                    TaConfig.fromEnv(
                            Map.of(
                                    "TA_KAFKA_SECURITY",
                                    "PLAINTEXT",
                                    "TA_CLICKHOUSE_BATCH_SIZE",
                                    size,
                                    "TA_CLICKHOUSE_FLUSH_MS",
                                    "5000",
                                    "TA_CLICKHOUSE_MAX_RETRIES",
                                    "2"));
            var options = ClickHouseSinks.executionOptions(c);
            assertThat(options.getBatchSize()).isEqualTo(Integer.parseInt(size));
            assertThat(options.getBatchIntervalMs()).isEqualTo(5000);
            assertThat(options.getMaxRetries()).isEqualTo(2);
        }
    }

    @Test
    void databaseComesFromTheUrl() {
        assertThat(ClickHouseSinks.database("jdbc:clickhouse://h:8123/torghut?compress=false"))
                .isEqualTo("torghut");
        assertThat(ClickHouseSinks.database("jdbc:clickhouse://h:8123")).isEqualTo("default");
        assertThat(
                        SchemaInitializer.withDatabase(
                                "jdbc:clickhouse://h:8123/torghut?a=b", "default"))
                .isEqualTo("jdbc:clickhouse://h:8123/default?a=b");
    }
}
