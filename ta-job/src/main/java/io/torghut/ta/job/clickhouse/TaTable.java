package io.torghut.ta.job.clickhouse;

import java.util.List;
import java.util.stream.Collectors;

/**
 * An output table: its columns in order (the same names as the Kafka JSON fields), and the DDL and
 * INSERT generated from them for either dialect.
 *
 * @param name table name without database
 * @param columns columns in INSERT and JSON order
 * @param ttlDays TTL of the production form
 */
public record TaTable(String name, List<Column> columns, int ttlDays)
        implements java.io.Serializable {

    /** One column. */
    public record Column(String name, ColumnType type) implements java.io.Serializable {}

    /** {@code CREATE TABLE IF NOT EXISTS} for the given database and dialect. */
    public String ddl(String database, ClickHouseDialect dialect) {
        String cols =
                columns.stream()
                        .map(c -> "    " + c.name() + " " + c.type().sql(dialect))
                        .collect(Collectors.joining(",\n"));
        String qualified = database + "." + name;
        if (dialect == ClickHouseDialect.PRODUCTION) {
            return "CREATE TABLE IF NOT EXISTS "
                    + qualified
                    + " ON CLUSTER default\n(\n"
                    + cols
                    + "\n)\nENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/"
                    + database
                    + "/"
                    + name
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

    /** The parameterised INSERT statement. */
    public String insert(String database) {
        String names = columns.stream().map(Column::name).collect(Collectors.joining(", "));
        String marks = columns.stream().map(c -> "?").collect(Collectors.joining(", "));
        return "INSERT INTO " + database + "." + name + " (" + names + ") VALUES (" + marks + ")";
    }

    /** Column names in order. */
    public List<String> columnNames() {
        return columns.stream().map(Column::name).collect(Collectors.toList());
    }
}
