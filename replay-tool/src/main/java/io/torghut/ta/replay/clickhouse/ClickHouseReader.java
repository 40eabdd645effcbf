package io.torghut.ta.replay.clickhouse;

import io.torghut.ta.job.clickhouse.ClickHouseEndpoint;
import io.torghut.ta.job.clickhouse.ClickHouseSql;
import io.torghut.ta.job.clickhouse.HttpClickHouse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Runs the replay tool's ClickHouse queries through the job's own client ({@link HttpClickHouse},
 * ClickHouse's official Java client) and maps their rows to the pure types. Every query reads as
 * TabSeparated text, which every server version in use answers, and selects its columns in a fixed
 * order, so rows are read by position.
 */
public final class ClickHouseReader implements AutoCloseable {
    private static final Pattern SECRET_PARAM = Pattern.compile("(?i)([?&](password|user)=)[^&]*");

    private final ClickHouseSql sql;

    /** A reader over an open connection (the server over HTTP, or an engine of the tests). */
    public ClickHouseReader(ClickHouseSql sql) {
        this.sql = sql;
    }

    /**
     * A reader of the server at {@code url} (the {@code TA_CLICKHOUSE_URL} forms); the password
     * goes to the client, never into the URL. Each request waits at most {@code timeout}.
     */
    public static ClickHouseReader connect(
            String url, String user, String password, Duration timeout) {
        ClickHouseEndpoint endpoint = ClickHouseEndpoint.parse(url);
        HttpClickHouse http = HttpClickHouse.connect(endpoint, user, password, timeout, null);
        try {
            // Asked once, so the client formats requests for the server it talks to.
            String version = http.serverVersion();
            http.close();
            return new ClickHouseReader(
                    HttpClickHouse.connect(endpoint, user, password, timeout, version));
        } catch (RuntimeException e) {
            http.close();
            throw e;
        }
    }

    /** The URL without user or password parameters, for messages. */
    public static String redact(String url) {
        return SECRET_PARAM.matcher(url).replaceAll("$1***");
    }

    /** The rows of {@link VerifyQueries#freshness} for {@code table}. */
    public List<Freshness.Row> freshness(String table, String query) {
        List<Freshness.Row> rows = new ArrayList<>();
        for (List<String> r : sql.select(query)) {
            rows.add(
                    new Freshness.Row(
                            table,
                            r.get(0),
                            Instant.ofEpochSecond(Long.parseLong(r.get(1))),
                            Long.parseLong(r.get(2)),
                            Instant.ofEpochSecond(Long.parseLong(r.get(3)))));
        }
        return rows;
    }

    /** The rows of {@link VerifyQueries#fingerprint} for {@code table}. */
    public List<Parity.Fingerprint> fingerprints(String table, String query) {
        List<String> values = VerifyQueries.fingerprintValues(table);
        List<Parity.Fingerprint> out = new ArrayList<>();
        for (List<String> r : sql.select(query)) {
            Map<String, Double> sums = new LinkedHashMap<>();
            for (int i = 0; i < values.size(); i++) {
                sums.put(values.get(i), Double.parseDouble(r.get(4 + i)));
            }
            out.add(
                    new Parity.Fingerprint(
                            table, r.get(0), r.get(1), r.get(2), Long.parseLong(r.get(3)), sums));
        }
        return out;
    }

    /** Rows per partition of {@link VerifyQueries#rowsPerPartition}: partition to row count. */
    public Map<String, Long> rowsPerPartition(String query) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (List<String> r : sql.select(query)) {
            out.put(r.get(0), Long.parseLong(r.get(1)));
        }
        return out;
    }

    /**
     * What readers see of {@code table} in {@code database} over {@code [from, to)}, per partition:
     * the rows as they read them and as {@code FINAL} collapses them ({@link
     * VerifyQueries#rowsPerPartition}, both, combined by {@link Visibility#combine}).
     */
    public List<Visibility.Partition> visibility(
            String database, String table, Instant from, Instant to) {
        return Visibility.combine(
                table,
                rowsPerPartition(VerifyQueries.rowsPerPartition(database, table, from, to, false)),
                rowsPerPartition(VerifyQueries.rowsPerPartition(database, table, from, to, true)));
    }

    /** The active parts of {@link VerifyQueries#parts}, one summary per partition. */
    public List<Visibility.PartitionParts> parts(String table, String query) {
        List<Visibility.PartitionParts> out = new ArrayList<>();
        for (List<String> r : sql.select(query)) {
            out.add(
                    new Visibility.PartitionParts(
                            table,
                            r.get(0),
                            r.get(1),
                            Long.parseLong(r.get(2)),
                            Long.parseLong(r.get(3)),
                            Long.parseLong(r.get(4))));
        }
        return out;
    }

    /** {@code create_table_query} of each table of {@code database} named in {@code tables}. */
    public Map<String, String> createTableQueries(String query) {
        Map<String, String> out = new LinkedHashMap<>();
        for (List<String> r : sql.select(query)) {
            out.put(r.get(0), r.get(1));
        }
        return out;
    }

    /** The connection it reads through, for readers of their own (the parity chart). */
    public ClickHouseSql connection() {
        return sql;
    }

    /** Runs a statement with server settings of its own (OPTIMIZE). */
    public void execute(String statement, Map<String, String> settings) {
        sql.execute(statement, settings);
    }

    @Override
    public void close() {
        sql.close();
    }
}
