package io.torghut.ta.job.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Tests for the one schema definition, the DDL and migration shipped from it, the endpoint. */
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
    void productionFormMakesProductionsChoicesAndAddsTheNewColumns() {
        String ddl = TaTables.SIGNALS.ddl("torghut", ClickHouseDialect.PRODUCTION);
        assertThat(ddl)
                .contains(" ON CLUSTER default\n")
                .contains(
                        "ReplicatedReplacingMergeTree('/clickhouse/tables/{cluster}/{shard}/ta_signals',"
                                + " '{replica}', ingest_ts)")
                .contains("event_ts DateTime64(3, 'UTC'),\n    seq UInt64,\n    ingest_ts")
                .contains("symbol LowCardinality(String)")
                .contains("PARTITION BY toDate(event_ts)")
                .contains("ORDER BY (symbol, event_ts, seq)")
                .contains("TTL toDateTime(event_ts) + INTERVAL 35 DAY")
                .contains(
                        "imbalance_bid_sz Nullable(UInt64),\n    imbalance_ask_sz Nullable(UInt64)")
                .contains(
                        "imbalance_mid Nullable(Float64),\n    imbalance_ratio Nullable(Float64),\n"
                                + "    vol_realized_w60s");
        assertThat(TaTables.MICROBARS.ddl("torghut", ClickHouseDialect.PRODUCTION))
                .contains("'/clickhouse/tables/{cluster}/{shard}/ta_microbars'")
                .contains("event_ts DateTime64(3, 'UTC'),\n    seq UInt64,\n    ingest_ts");
        String legacy = TaTables.SIGNALS.ddl("torghut", ClickHouseDialect.LEGACY_18);
        assertThat(legacy)
                .contains("ReplacingMergeTree(ingest_ts)")
                .doesNotContain("DateTime64")
                .doesNotContain("TTL")
                .doesNotContain("LowCardinality");
    }

    @Test
    void theMigrationAddsTheNewColumnsWhereOurDdlHasThem() throws IOException {
        assertThat(
                        TaTables.SIGNALS.addColumn(
                                "torghut", "imbalance_mid", ClickHouseDialect.PRODUCTION, true))
                .isEqualTo(
                        "ALTER TABLE torghut.ta_signals ON CLUSTER default ADD COLUMN IF NOT"
                                + " EXISTS imbalance_mid Nullable(Float64) AFTER imbalance_ask_sz");
        assertThat(
                        TaTables.SIGNALS.addColumn(
                                "torghut", "imbalance_ratio", ClickHouseDialect.PRODUCTION, true))
                .endsWith("imbalance_ratio Nullable(Float64) AFTER imbalance_mid");
        String shipped = resource("ta_schema.migration-from-original.sql");
        for (String column : java.util.List.of("imbalance_mid", "imbalance_ratio")) {
            assertThat(shipped)
                    .contains(
                            TaTables.SIGNALS.addColumn(
                                    "torghut", column, ClickHouseDialect.PRODUCTION, true));
        }
        assertThat(shipped).doesNotContain("MODIFY COLUMN");
    }

    @Test
    void insertsNameTheColumnsInTheJobsOrder() {
        InsertPlan plan = InsertPlan.forOwnSchema(TaTables.MICROBARS, ClickHouseDialect.PRODUCTION);
        assertThat(plan.columns())
                .startsWith("symbol", "event_ts", "ingest_ts", "seq")
                .endsWith("vwap", "count")
                .isEqualTo(TaTables.MICROBARS.columnNames());
    }

    @Test
    void dialectFollowsTheServerVersion() {
        assertThat(ClickHouseDialect.forServerVersion("18.16.1"))
                .isEqualTo(ClickHouseDialect.LEGACY_18);
        assertThat(ClickHouseDialect.forServerVersion("26.3.16.10001"))
                .isEqualTo(ClickHouseDialect.PRODUCTION);
        assertThatThrownBy(() -> ClickHouseDialect.forServerVersion("banana"))
                .hasMessageContaining("got 'banana'");
    }

    @Test
    void endpointDatabaseAndSettingsComeFromTheUrl() {
        ClickHouseEndpoint e =
                ClickHouseEndpoint.parse(
                        "jdbc:clickhouse://h:8123/torghut?compress=false&clickhouse_setting_async_insert=0");
        assertThat(e.http().toString()).isEqualTo("http://h:8123");
        assertThat(e.database()).isEqualTo("torghut");
        assertThat(e.settings()).containsExactly(Map.entry("async_insert", "0"));
        assertThat(ClickHouseEndpoint.parse("jdbc:clickhouse://h:8123").database())
                .isEqualTo("default");
        assertThat(ClickHouseEndpoint.parse("jdbc:ch://h/db?ssl=true").http().toString())
                .isEqualTo("https://h:8443");
        assertThatThrownBy(() -> ClickHouseEndpoint.parse("clickhouse://u:secret@h:8123/db"))
                .hasMessageContaining("must start with jdbc:clickhouse://")
                .hasMessageNotContaining("secret");
        assertThatThrownBy(() -> ClickHouseEndpoint.parse("jdbc:clickhouse://h:8123/db;drop"))
                .hasMessageContaining("letters, digits and _");
    }
}
