package io.torghut.ta.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.torghut.ta.job.clickhouse.ColumnType;
import io.torghut.ta.job.clickhouse.TaTable;
import io.torghut.ta.job.sinks.RowJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Output rows as comparable lists of strings, one entry per column except {@code ingest_ts}, from
 * any of the three places a row can be: the expected values ({@code RowValues}), Kafka JSON, or a
 * ClickHouse result. Timestamps are compared at whole seconds when {@code secondsOnly} (the test
 * server's DateTime has no milliseconds).
 */
public final class OutputRows {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private OutputRows() {}

    /**
     * The SELECT list for {@link #fromClickHouse}: timestamps as epoch milliseconds, so no JDBC
     * time-zone conversion can shift them.
     */
    public static String selectList(TaTable table) {
        List<String> cols = new ArrayList<>();
        for (TaTable.Column c : table.columns()) {
            cols.add(
                    c.type().isTimestamp() ? "toUnixTimestamp(" + c.name() + ") * 1000" : c.name());
        }
        return String.join(", ", cols);
    }

    /** Canonical text of one value of a column. */
    private static String canonical(ColumnType type, Object v, boolean secondsOnly) {
        if (v == null) {
            return "null";
        }
        if (type.isTimestamp()) {
            long ms = v instanceof Long l ? l : Long.parseLong(v.toString());
            return RowJson.timestamp(secondsOnly ? ms - Math.floorMod(ms, 1000L) : ms);
        }
        switch (type) {
            case FLOAT64:
            case NULLABLE_FLOAT64:
            case NULLABLE_SIZE:
                return Double.toString(
                        v instanceof Number n ? n.doubleValue() : Double.parseDouble(v.toString()));
            case BOOL:
                if (v instanceof Boolean b) {
                    return b ? "1" : "0";
                }
                return v.toString();
            default:
                return v.toString();
        }
    }

    /** Expected values (from RowValues) to canonical strings, without ingest_ts. */
    public static List<String> fromValues(TaTable table, Object[] values, boolean secondsOnly) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            TaTable.Column c = table.columns().get(i);
            if (!c.name().equals("ingest_ts")) {
                out.add(canonical(c.type(), values[i], secondsOnly));
            }
        }
        return out;
    }

    /** A Kafka JSON value to canonical strings; fails if the field set is not the table's. */
    public static List<String> fromJson(TaTable table, String json, boolean secondsOnly) {
        try {
            JsonNode n = MAPPER.readTree(json);
            List<String> fields = new ArrayList<>();
            n.fieldNames().forEachRemaining(fields::add);
            if (!fields.equals(table.columnNames())) {
                throw new AssertionError(
                        "JSON fields " + fields + " are not the columns " + table.columnNames());
            }
            List<String> out = new ArrayList<>();
            for (TaTable.Column c : table.columns()) {
                if (c.name().equals("ingest_ts")) {
                    continue;
                }
                JsonNode v = n.get(c.name());
                Object value;
                if (v.isNull()) {
                    value = null;
                } else if (c.type().isTimestamp()) {
                    value = java.time.Instant.parse(v.asText()).toEpochMilli();
                } else if (v.isBoolean()) {
                    value = v.asBoolean();
                } else if (v.isNumber()) {
                    value =
                            c.type().value() == ColumnType.Value.DOUBLE
                                            || c.type().value() == ColumnType.Value.SIZE
                                    ? (Object) v.asDouble()
                                    : (Object) v.asLong();
                } else {
                    value = v.asText();
                }
                out.add(canonical(c.type(), value, secondsOnly));
            }
            return out;
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }

    /** A ClickHouse row (strings, table order, with ingest_ts) to canonical strings. */
    public static List<String> fromClickHouse(TaTable table, List<String> row) {
        return fromClickHouse(table, row, true);
    }

    /**
     * Like {@link #fromClickHouse(TaTable, List)}; timestamps at whole seconds only when {@code
     * secondsOnly} (a DateTime column), else to the millisecond (DateTime64(3)).
     */
    public static List<String> fromClickHouse(
            TaTable table, List<String> row, boolean secondsOnly) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < row.size(); i++) {
            TaTable.Column c = table.columns().get(i);
            if (c.name().equals("ingest_ts")) {
                continue;
            }
            String v = row.get(i);
            Object value;
            if (v == null || v.equals("null")) {
                value = null;
            } else if (c.type().isTimestamp()) {
                value = Long.parseLong(v);
            } else {
                value = v;
            }
            out.add(canonical(c.type(), value, secondsOnly));
        }
        return out;
    }

    /** Rows keyed by identity; the last one wins (Kafka order = replacement order). */
    public static Map<String, List<String>> byIdentity(TaTable table, List<List<String>> rows) {
        Map<String, List<String>> out = new TreeMap<>();
        List<String> names = new ArrayList<>(table.columnNames());
        names.remove("ingest_ts");
        for (List<String> r : rows) {
            out.put(
                    r.get(names.indexOf("symbol"))
                            + "|"
                            + r.get(names.indexOf("window_size"))
                            + "|"
                            + r.get(names.indexOf("window_start")),
                    r);
        }
        return out;
    }
}
