package io.torghut.ta.job.clickhouse;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * An output table: its columns (in the order of the Kafka JSON fields, whose names they share), and
 * the DDL generated from them for either dialect. The DDL lays the columns out as production's
 * tables have them ({@code seq} before {@code ingest_ts}); the job's INSERTs name their columns, so
 * neither order matters to it.
 *
 * @param name table name without database
 * @param columns columns in JSON order
 * @param ttlDays TTL of the production form
 */
public record TaTable(String name, List<Column> columns, int ttlDays)
        implements java.io.Serializable {

    /** The cluster the production DDL runs on, as the platform's own DDL does. */
    public static final String CLUSTER = "default";

    /** One column. */
    public record Column(String name, ColumnType type) implements java.io.Serializable {}

    /** The columns in production's order: {@code seq} right before {@code ingest_ts}. */
    public List<Column> ddlColumns() {
        List<Column> out = new ArrayList<>(columns);
        int seq = indexOf("seq");
        int ingest = indexOf("ingest_ts");
        if (seq > ingest && ingest >= 0) {
            Column s = out.remove(seq);
            out.add(ingest, s);
        }
        return out;
    }

    /** The position of a column, or -1. */
    public int indexOf(String column) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(column)) {
                return i;
            }
        }
        return -1;
    }

    /** The Keeper path of the production replicated table, as the platform names them. */
    public String keeperPath() {
        return "/clickhouse/tables/{cluster}/{shard}/" + name;
    }

    /** {@code CREATE TABLE IF NOT EXISTS} for the given database and dialect. */
    public String ddl(String database, ClickHouseDialect dialect) {
        String cols =
                ddlColumns().stream()
                        .map(c -> "    " + c.name() + " " + c.type().sql(dialect))
                        .collect(Collectors.joining(",\n"));
        String qualified = database + "." + name;
        if (dialect == ClickHouseDialect.PRODUCTION) {
            return "CREATE TABLE IF NOT EXISTS "
                    + qualified
                    + " ON CLUSTER "
                    + CLUSTER
                    + "\n(\n"
                    + cols
                    + "\n)\nENGINE = ReplicatedReplacingMergeTree('"
                    + keeperPath()
                    + "', '{replica}', ingest_ts)\n"
                    + "PARTITION BY toDate(event_ts)\n"
                    + "ORDER BY (symbol, event_ts, seq)\n"
                    + "TTL toDateTime(event_ts) + INTERVAL "
                    + ttlDays
                    + " DAY\n"
                    + "SETTINGS index_granularity = 8192";
        }
        return "CREATE TABLE IF NOT EXISTS "
                + qualified
                + "\n(\n"
                + cols
                + "\n)\n"
                + "ENGINE = ReplacingMergeTree(ingest_ts)\n"
                + "PARTITION BY toDate(event_ts)\n"
                + "ORDER BY (symbol, event_ts, seq)\n"
                + "SETTINGS index_granularity = 8192";
    }

    /**
     * The additive migration that gives an existing table the column {@code column}: {@code ALTER
     * TABLE ... ADD COLUMN IF NOT EXISTS ... AFTER <the column before it>}, a metadata change that
     * rewrites no part; on a replicated table {@code ON CLUSTER}, as the platform runs its DDL.
     */
    public String addColumn(
            String database, String column, ClickHouseDialect dialect, boolean onCluster) {
        List<Column> order = ddlColumns();
        int i = -1;
        for (int k = 0; k < order.size(); k++) {
            if (order.get(k).name().equals(column)) {
                i = k;
            }
        }
        if (i < 0) {
            throw new IllegalArgumentException(name + " has no column " + column);
        }
        Column c = order.get(i);
        return "ALTER TABLE "
                + database
                + "."
                + name
                + (onCluster ? " ON CLUSTER " + CLUSTER : "")
                + " ADD COLUMN IF NOT EXISTS "
                + c.name()
                + " "
                + c.type().sql(dialect)
                + (i == 0 ? " FIRST" : " AFTER " + order.get(i - 1).name());
    }

    /** Column names in JSON order. */
    public List<String> columnNames() {
        return columns.stream().map(Column::name).collect(Collectors.toList());
    }
}
