package io.torghut.ta.job.clickhouse;

import static io.torghut.ta.job.clickhouse.ColumnType.BOOL;
import static io.torghut.ta.job.clickhouse.ColumnType.FLOAT64;
import static io.torghut.ta.job.clickhouse.ColumnType.LOW_CARDINALITY_STRING;
import static io.torghut.ta.job.clickhouse.ColumnType.NULLABLE_FLOAT64;
import static io.torghut.ta.job.clickhouse.ColumnType.NULLABLE_SIZE;
import static io.torghut.ta.job.clickhouse.ColumnType.NULLABLE_STRING;
import static io.torghut.ta.job.clickhouse.ColumnType.NULLABLE_TIMESTAMP;
import static io.torghut.ta.job.clickhouse.ColumnType.SYMBOL;
import static io.torghut.ta.job.clickhouse.ColumnType.TIMESTAMP;
import static io.torghut.ta.job.clickhouse.ColumnType.UINT32;
import static io.torghut.ta.job.clickhouse.ColumnType.UINT64;

import io.torghut.ta.job.clickhouse.TaTable.Column;
import java.util.ArrayList;
import java.util.List;

/**
 * The one definition of the output schema: the {@code ta_microbars} and {@code ta_signals} tables,
 * whose column names are also the Kafka JSON field names. Where production's tables have made a
 * choice (column order, types, engine, Keeper path, TTL), the DDL generated here makes the same
 * one; {@code imbalance_mid} and {@code imbalance_ratio} are this job's additions, which reach the
 * live tables by an additive migration ({@link TaTable#addColumn}). Quote sizes stay production's
 * {@code Nullable(UInt64)}: the job writes the nearest whole number there (the feeds' sizes are
 * whole shares), and writes them exactly into a {@code Nullable(Float64)} column where one exists.
 */
public final class TaTables {
    private TaTables() {}

    /** TTL of both tables in days, as production's DDL has it. */
    public static final int TTL_DAYS = 35;

    private static List<Column> common() {
        List<Column> c = new ArrayList<>();
        c.add(new Column("symbol", SYMBOL));
        c.add(new Column("event_ts", TIMESTAMP));
        c.add(new Column("ingest_ts", TIMESTAMP));
        c.add(new Column("seq", UINT64));
        c.add(new Column("is_final", BOOL));
        c.add(new Column("source", LOW_CARDINALITY_STRING));
        c.add(new Column("window_size", LOW_CARDINALITY_STRING));
        c.add(new Column("window_step", NULLABLE_STRING));
        c.add(new Column("window_start", NULLABLE_TIMESTAMP));
        c.add(new Column("window_end", NULLABLE_TIMESTAMP));
        c.add(new Column("version", UINT32));
        return c;
    }

    /** {@code ta_microbars}: 1 s bars. */
    public static final TaTable MICROBARS;

    /** {@code ta_signals}: 1 s and 1 min signals. */
    public static final TaTable SIGNALS;

    static {
        List<Column> bars = common();
        bars.add(new Column("o", FLOAT64));
        bars.add(new Column("h", FLOAT64));
        bars.add(new Column("l", FLOAT64));
        bars.add(new Column("c", FLOAT64));
        bars.add(new Column("v", FLOAT64));
        bars.add(new Column("vwap", NULLABLE_FLOAT64));
        bars.add(new Column("count", UINT64));
        MICROBARS = new TaTable("ta_microbars", List.copyOf(bars), TTL_DAYS);

        List<Column> sig = common();
        for (String n :
                new String[] {
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
                    "imbalance_ask_px",
                    "imbalance_mid",
                    "imbalance_ratio",
                    "vol_realized_w60s"
                }) {
            sig.add(new Column(n, NULLABLE_FLOAT64));
        }
        // The sizes sit between the ask price and the mid, where production has them.
        int sizes = sig.indexOf(new Column("imbalance_mid", NULLABLE_FLOAT64));
        sig.add(sizes, new Column("imbalance_ask_sz", NULLABLE_SIZE));
        sig.add(sizes, new Column("imbalance_bid_sz", NULLABLE_SIZE));
        sig.add(new Column("microstructure_signal_v1", NULLABLE_STRING));
        SIGNALS = new TaTable("ta_signals", List.copyOf(sig), TTL_DAYS);
    }

    /** The whole schema script for a database and dialect: database, then both tables. */
    public static String ddlScript(String database, ClickHouseDialect dialect) {
        String header =
                "-- torghut TA output tables, "
                        + (dialect == ClickHouseDialect.PRODUCTION
                                ? "production form"
                                : "ClickHouse 18.16 test form (no DateTime64, TTL, LowCardinality)")
                        + ".\n-- Generated from io.torghut.ta.job.clickhouse.TaTables; regenerate with:\n"
                        + "--   ./run-local.sh --print-ddl "
                        + (dialect == ClickHouseDialect.PRODUCTION ? "production" : "legacy-18")
                        + "\n\n";
        return header
                + "CREATE DATABASE IF NOT EXISTS "
                + database
                + (dialect == ClickHouseDialect.PRODUCTION ? " ON CLUSTER " + TaTable.CLUSTER : "")
                + ";\n\n"
                + MICROBARS.ddl(database, dialect)
                + ";\n\n"
                + SIGNALS.ddl(database, dialect)
                + ";\n";
    }
}
