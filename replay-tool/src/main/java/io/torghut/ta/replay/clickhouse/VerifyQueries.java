package io.torghut.ta.replay.clickhouse;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The SQL of {@code verify}, built from validated parts only (table allowlist, identifier and
 * symbol patterns), so no input reaches ClickHouse unchecked. Works on the production schema and on
 * ClickHouse 18.16 (no DateTime64 functions needed).
 */
public final class VerifyQueries {
    /** The output tables a replay writes. */
    public static final Set<String> TABLES = Set.copyOf(OutputTable.names());

    private static final Pattern IDENT = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");
    private static final Pattern PARTITION_ID = Pattern.compile("[A-Za-z0-9_\\-]{1,64}");
    private static final Pattern SYMBOL = Pattern.compile("[A-Z0-9][A-Z0-9.\\-]{0,15}");
    private static final DateTimeFormatter TS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    private VerifyQueries() {}

    /** Per symbol: newest event time, and rows in the last {@code recentMinutes} minutes. */
    public static String freshness(
            String database, String table, List<String> symbols, int recentMinutes) {
        // Instants as Unix seconds: the text of a DateTime depends on the server's time zone.
        return "SELECT symbol, toUnixTimestamp(max(event_ts)) AS max_event_ts,"
                + " countIf(event_ts >= now() - INTERVAL "
                + positive(recentMinutes)
                + " MINUTE) AS recent_rows, toUnixTimestamp(now()) AS server_now"
                + " FROM "
                + qualified(database, table)
                + symbolFilter(" WHERE ", symbols)
                + " GROUP BY symbol ORDER BY symbol";
    }

    /**
     * Per (symbol, window size, minute) in [from, to): distinct rows and value sums, taking the
     * newest version of each row identity so retried inserts do not count twice. With {@code
     * ingestedSince}, only rows written since then (the replay's rows) count.
     */
    public static String fingerprint(
            String database,
            String table,
            List<String> symbols,
            Instant from,
            Instant to,
            Instant ingestedSince) {
        List<String> values = fingerprintValues(table);
        StringBuilder inner = new StringBuilder("SELECT symbol, window_size, event_ts");
        for (String v : values) {
            inner.append(", argMax(ifNull(toFloat64(")
                    .append(v)
                    .append("), 0), ingest_ts) AS ")
                    .append(v);
        }
        inner.append(" FROM ")
                .append(qualified(database, table))
                .append(" WHERE event_ts >= toDateTime('")
                .append(TS.format(from))
                .append("', 'UTC') AND event_ts < toDateTime('")
                .append(TS.format(to))
                .append("', 'UTC')");
        if (ingestedSince != null) {
            inner.append(" AND ingest_ts >= toDateTime('")
                    .append(TS.format(ingestedSince))
                    .append("', 'UTC')");
        }
        inner.append(symbolFilter(" AND ", symbols))
                .append(" GROUP BY symbol, window_size, event_ts");
        StringBuilder outer =
                new StringBuilder(
                        "SELECT symbol, window_size, toStartOfMinute(event_ts) AS minute, count()"
                                + " AS row_count");
        for (String v : values) {
            outer.append(", sum(").append(v).append(") AS sum_").append(v);
        }
        return outer.append(" FROM (")
                .append(inner)
                .append(") GROUP BY symbol, window_size, minute")
                .append(" ORDER BY symbol, window_size, minute")
                .toString();
    }

    /** The columns whose sums a fingerprint of {@code table} holds, in the query's order. */
    public static List<String> fingerprintValues(String table) {
        return table.equals("ta_microbars")
                ? List.of("c", "v")
                : List.of("ema12", "rsi14", "macd_hist", "boll_mid");
    }

    /**
     * Rows of {@code table} in [from, to) per partition (the tables are partitioned by {@code
     * toDate(event_ts)}): as a reader sees them, or with {@code FINAL}, which keeps the newest
     * version of each row identity as a merge would.
     */
    public static String rowsPerPartition(
            String database, String table, Instant from, Instant to, boolean asFinal) {
        return "SELECT toString(toDate(event_ts)) AS partition, count() AS row_count FROM "
                + qualified(database, table)
                + (asFinal ? " FINAL" : "")
                + " WHERE event_ts >= toDateTime('"
                + TS.format(from)
                + "', 'UTC') AND event_ts < toDateTime('"
                + TS.format(to)
                + "', 'UTC') GROUP BY partition ORDER BY partition";
    }

    /**
     * Per partition of {@code table} among {@code partitions}: its id, active parts, rows and bytes
     * on disk, what a merge of the partition reads and writes again.
     */
    public static String parts(String database, String table, List<LocalDate> partitions) {
        String qualified = qualified(database, table);
        return "SELECT partition, partition_id, count() AS parts, sum(rows) AS row_count,"
                + " sum(bytes_on_disk) AS bytes FROM system.parts WHERE active AND database = '"
                + database
                + "' AND table = '"
                + qualified.substring(database.length() + 1)
                + "' AND partition IN ("
                + partitions.stream()
                        .map(d -> "'" + DateTimeFormatter.ISO_LOCAL_DATE.format(d) + "'")
                        .collect(Collectors.joining(", "))
                + ") GROUP BY partition, partition_id ORDER BY partition";
    }

    /** The merge of one partition into one part per row identity, the newest version kept. */
    public static String optimize(String database, String table, String partitionId) {
        if (!PARTITION_ID.matcher(partitionId).matches()) {
            throw new IllegalArgumentException(
                    "partition id '" + partitionId + "' is not allowed: use A-Z a-z 0-9 _ -");
        }
        return "OPTIMIZE TABLE "
                + qualified(database, table)
                + " PARTITION ID '"
                + partitionId
                + "' FINAL";
    }

    /**
     * The settings an {@link #optimize} runs with: fail rather than do nothing (a merge the server
     * declines, e.g. for lack of disk, is otherwise silent), and return only when every replica has
     * merged (ClickHouse replicates the merge; 18.16 knows this setting by this name, 26 also as
     * {@code alter_sync}).
     */
    public static final Map<String, String> OPTIMIZE_SETTINGS =
            Map.of("optimize_throw_if_noop", "1", "replication_alter_partitions_sync", "2");

    /** Null when {@code database} may be put into SQL, else why not. */
    public static String databaseProblem(String database) {
        return IDENT.matcher(database).matches()
                ? null
                : "database name '" + database + "' is not allowed: use A-Z a-z 0-9 _ (max 64)";
    }

    /** Null when {@code symbol} may be put into SQL, else why not. */
    public static String symbolProblem(String symbol) {
        return SYMBOL.matcher(symbol).matches()
                ? null
                : "symbol '" + symbol + "' is not allowed: use A-Z 0-9 . - (max 16)";
    }

    static String qualified(String database, String table) {
        String problem = databaseProblem(database);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        if (!TABLES.contains(table)) {
            throw new IllegalArgumentException(
                    "table '" + table + "' is not allowed: use one of " + TABLES);
        }
        return database + "." + table;
    }

    private static String symbolFilter(String keyword, List<String> symbols) {
        if (symbols == null || symbols.isEmpty()) {
            return "";
        }
        for (String s : symbols) {
            String problem = symbolProblem(s);
            if (problem != null) {
                throw new IllegalArgumentException(problem);
            }
        }
        return keyword
                + "symbol IN ("
                + symbols.stream().map(s -> "'" + s + "'").collect(Collectors.joining(", "))
                + ")";
    }

    private static int positive(int n) {
        if (n <= 0) {
            throw new IllegalArgumentException("minutes must be positive, got " + n);
        }
        return n;
    }
}
