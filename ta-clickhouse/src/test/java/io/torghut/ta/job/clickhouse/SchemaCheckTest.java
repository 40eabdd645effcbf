package io.torghut.ta.job.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import io.torghut.ta.job.clickhouse.SchemaCheck.ServerTable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Tests for {@link SchemaCheck}: against production's {@code ta_signals} as it is today (columns
 * and types as the platform's DDL has them: {@code seq} before {@code ingest_ts}, sizes {@code
 * Nullable(UInt64)}, no {@code imbalance_mid}/{@code imbalance_ratio}), after the migration, and
 * against tables the job cannot write.
 */
class SchemaCheckTest {
    static final String ENGINE = "ReplicatedReplacingMergeTree";

    /** Production's ta_signals columns and types, in its order. */
    static Map<String, String> productionSignals() {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("symbol", "LowCardinality(String)");
        c.put("event_ts", "DateTime64(3, 'UTC')");
        c.put("seq", "UInt64");
        c.put("ingest_ts", "DateTime64(3, 'UTC')");
        c.put("is_final", "UInt8");
        c.put("source", "LowCardinality(String)");
        c.put("window_size", "LowCardinality(String)");
        c.put("window_step", "Nullable(String)");
        c.put("window_start", "Nullable(DateTime64(3, 'UTC'))");
        c.put("window_end", "Nullable(DateTime64(3, 'UTC'))");
        c.put("version", "UInt32");
        for (String n :
                List.of(
                        "macd",
                        "macd_signal",
                        "macd_hist",
                        "ema12",
                        "ema26",
                        "rsi14",
                        "boll_mid",
                        "boll_upper",
                        "boll_lower",
                        "vwap_session",
                        "vwap_w5m",
                        "imbalance_spread",
                        "imbalance_bid_px",
                        "imbalance_ask_px")) {
            c.put(n, "Nullable(Float64)");
        }
        c.put("imbalance_bid_sz", "Nullable(UInt64)");
        c.put("imbalance_ask_sz", "Nullable(UInt64)");
        c.put("vol_realized_w60s", "Nullable(Float64)");
        c.put("microstructure_signal_v1", "Nullable(String)");
        return c;
    }

    @Test
    void productionsTableAsItIsLacksOnlyTheNewColumnsAndNamesTheAdditiveMigration() {
        SchemaCheck.Result r =
                SchemaCheck.check(
                        "torghut",
                        TaTables.SIGNALS,
                        new ServerTable(ENGINE, productionSignals()),
                        ClickHouseDialect.PRODUCTION,
                        true);
        assertThat(r.blocking()).isFalse();
        assertThat(r.problems())
                .containsExactly(
                        "torghut.ta_signals lacks column imbalance_mid (expected"
                                + " Nullable(Float64))",
                        "torghut.ta_signals lacks column imbalance_ratio (expected"
                                + " Nullable(Float64))");
        assertThat(r.migrations())
                .containsExactly(
                        "ALTER TABLE torghut.ta_signals ON CLUSTER default ADD COLUMN IF NOT"
                                + " EXISTS imbalance_mid Nullable(Float64) AFTER imbalance_ask_sz",
                        "ALTER TABLE torghut.ta_signals ON CLUSTER default ADD COLUMN IF NOT"
                                + " EXISTS imbalance_ratio Nullable(Float64) AFTER imbalance_mid");
        // Outside strict mode the job writes every column production has.
        assertThat(r.plan().missing()).containsExactly("imbalance_mid", "imbalance_ratio");
        assertThat(r.plan().columns()).contains("imbalance_bid_sz").hasSize(31 - 2);
    }

    @Test
    void afterTheMigrationNothingIsMissingAndSizesGoInRounded() {
        Map<String, String> migrated = productionSignals();
        migrated.put("imbalance_mid", "Nullable(Float64)");
        migrated.put("imbalance_ratio", "Nullable(Float64)");
        SchemaCheck.Result r =
                SchemaCheck.check(
                        "torghut",
                        TaTables.SIGNALS,
                        new ServerTable(ENGINE, migrated),
                        ClickHouseDialect.PRODUCTION,
                        true);
        assertThat(r.problems()).isEmpty();
        assertThat(r.plan().columns()).isEqualTo(TaTables.SIGNALS.columnNames());
        int bidSize = r.plan().columns().indexOf("imbalance_bid_sz");
        assertThat(r.plan().encodings()[bidSize].base())
                .isEqualTo(ColumnEncoding.Base.ROUNDED_UINT64);
    }

    @Test
    void unwritableTypesBlockEvenOutsideStrictModeAndAMissingTableGetsItsDdl() {
        Map<String, String> wrong = productionSignals();
        wrong.put("ema12", "String");
        wrong.put("seq", "UInt32");
        SchemaCheck.Result r =
                SchemaCheck.check(
                        "torghut",
                        TaTables.SIGNALS,
                        new ServerTable("ReplacingMergeTree", wrong),
                        ClickHouseDialect.PRODUCTION,
                        true);
        assertThat(r.blocking()).isTrue();
        assertThat(r.plan()).isNull();
        assertThat(r.problems())
                .contains(
                        "torghut.ta_signals engine is ReplacingMergeTree;"
                                + " TA_CLICKHOUSE_REQUIRE_REPLICATED_TABLES=true expects"
                                + " ReplicatedReplacingMergeTree",
                        "torghut.ta_signals column seq is UInt32; expected UInt64",
                        "torghut.ta_signals column ema12 is String but the job writes NULL for an"
                                + " absent value; expected Nullable(Float64)");
        assertThat(r.migrations())
                .contains(
                        "ALTER TABLE torghut.ta_signals MODIFY COLUMN ema12 Nullable(Float64) --"
                                + " rewrites the column in every part");

        SchemaCheck.Result missing =
                SchemaCheck.check(
                        "torghut", TaTables.MICROBARS, null, ClickHouseDialect.LEGACY_18, false);
        assertThat(missing.problems()).containsExactly("table torghut.ta_microbars is missing");
        assertThat(missing.migrations())
                .containsExactly(TaTables.MICROBARS.ddl("torghut", ClickHouseDialect.LEGACY_18));
    }
}
