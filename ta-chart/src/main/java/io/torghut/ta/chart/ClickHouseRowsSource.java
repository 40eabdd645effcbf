package io.torghut.ta.chart;

import io.torghut.ta.job.clickhouse.ClickHouseEndpoint;
import io.torghut.ta.job.clickhouse.ClickHouseSql;
import io.torghut.ta.job.clickhouse.HttpClickHouse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The output tables in ClickHouse, read through ClickHouse's official client ({@code client-v2}, by
 * {@link HttpClickHouse}: server version and time zone given to the client, so ClickHouse 18.16 is
 * never probed with what it cannot answer; rows as {@code TabSeparated} text).
 *
 * <p>Configured like the job: {@code TA_CLICKHOUSE_URL} (endpoint and database), {@code
 * TA_CLICKHOUSE_USERNAME}, {@code TA_CLICKHOUSE_PASSWORD}, {@code
 * TA_CLICKHOUSE_CONN_TIMEOUT_SECONDS}. Which versions of a row it reads: the newest ({@code FINAL},
 * what a reader of the table sees), or only those ingested before or since an instant (the live and
 * the replayed rows of a replay, before ClickHouse merges the older away).
 */
public final class ClickHouseRowsSource implements RowsSource, AutoCloseable {
    /** The job's default user ({@code TA_CLICKHOUSE_USERNAME}). */
    static final String DEFAULT_USER = "torghut";

    private static final DateTimeFormatter SECONDS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    /**
     * Window starts lie at most one window before {@code event_ts} (the 1 s lane's event time is
     * the bar end) and never after it; a minute of slack on both sides keeps the SQL filter on the
     * sorting key and the exact filter on {@code window_start} in Java.
     */
    private static final Duration EVENT_SLACK = Duration.ofMinutes(1);

    /** Which versions of each row are read. */
    enum Versions {
        NEWEST,
        INGESTED_BEFORE,
        INGESTED_SINCE
    }

    private final ClickHouseSql clickhouse;
    private final boolean ownsClient;
    private final String database;
    private final String endpoint;
    private final String password;
    private final Versions versions;
    private final Instant ingestBoundary;

    private ClickHouseRowsSource(
            ClickHouseSql clickhouse,
            boolean ownsClient,
            String database,
            String endpoint,
            String password,
            Versions versions,
            Instant ingestBoundary) {
        this.clickhouse = clickhouse;
        this.ownsClient = ownsClient;
        this.database = database;
        this.endpoint = endpoint;
        this.password = password;
        this.versions = versions;
        this.ingestBoundary = ingestBoundary;
        if (!Pattern.matches("[A-Za-z_][A-Za-z0-9_]*", database)) {
            throw new IllegalArgumentException(
                    "database '" + database + "': allowed are letters, digits and _");
        }
    }

    /**
     * A source configured by the job's {@code TA_CLICKHOUSE_*} variables; fails naming the variable
     * when the URL is missing or malformed. Nothing is sent yet.
     */
    public static ClickHouseRowsSource fromEnvironment(Map<String, String> env) {
        String url = env.get("TA_CLICKHOUSE_URL");
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException(
                    "TA_CLICKHOUSE_URL is not set: set it as for the job, e.g."
                            + " jdbc:clickhouse://host:8123/torghut");
        }
        ClickHouseEndpoint endpoint = ClickHouseEndpoint.parse(url.trim());
        String user = env.getOrDefault("TA_CLICKHOUSE_USERNAME", DEFAULT_USER);
        String password = env.get("TA_CLICKHOUSE_PASSWORD");
        long seconds;
        try {
            seconds = Long.parseLong(env.getOrDefault("TA_CLICKHOUSE_CONN_TIMEOUT_SECONDS", "30"));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "TA_CLICKHOUSE_CONN_TIMEOUT_SECONDS is not a number of seconds", e);
        }
        HttpClickHouse client =
                HttpClickHouse.connect(
                        endpoint, user, password, Duration.ofSeconds(Math.max(1, seconds)), null);
        return new ClickHouseRowsSource(
                client,
                true,
                endpoint.database(),
                "ClickHouse " + endpoint.describe() + " as " + user,
                password,
                Versions.NEWEST,
                null);
    }

    /**
     * A source over a client someone else owns (e.g. {@code replay-tool verify}'s), reading {@code
     * database}'s tables; {@code endpoint} describes the server for the page.
     */
    public static ClickHouseRowsSource over(
            ClickHouseSql clickhouse, String database, String endpoint) {
        return new ClickHouseRowsSource(
                clickhouse, false, database, endpoint, null, Versions.NEWEST, null);
    }

    /** This source reading only the versions ingested before {@code instant} (the live rows). */
    public ClickHouseRowsSource ingestedBefore(Instant instant) {
        return new ClickHouseRowsSource(
                clickhouse, false, database, endpoint, password, Versions.INGESTED_BEFORE, instant);
    }

    /** This source reading only the versions ingested since {@code instant} (a replay's rows). */
    public ClickHouseRowsSource ingestedSince(Instant instant) {
        return new ClickHouseRowsSource(
                clickhouse, false, database, endpoint, password, Versions.INGESTED_SINCE, instant);
    }

    @Override
    public String describe() {
        return switch (versions) {
            case NEWEST -> endpoint;
            case INGESTED_BEFORE -> endpoint + ", rows ingested before " + ingestBoundary;
            case INGESTED_SINCE -> endpoint + ", rows ingested since " + ingestBoundary;
        };
    }

    @Override
    public SourceRows read(ChartQuery query) throws RowsUnavailableException {
        Map<ChartRow.Identity, ChartRow> rows = new LinkedHashMap<>();
        Map<String, Long> newest = new HashMap<>();
        try {
            for (OutputKind kind : OutputKind.values()) {
                for (List<String> cells : clickhouse.select(rowsSql(kind, query))) {
                    ChartRow row = parse(kind, cells);
                    if (query.range().contains(row.windowStartMs())) {
                        rows.merge(row.identity(), row, Newest::of);
                    }
                }
                for (List<String> cells : clickhouse.select(newestSql(kind, query))) {
                    newest.merge(cells.get(0), Timestamps.parseMs(cells.get(1)), Math::max);
                }
            }
        } catch (RuntimeException e) {
            throw new RowsUnavailableException(
                    "cannot read the output tables from " + describe() + ": " + scrub(e), e);
        }
        List<ChartRow> sorted = new ArrayList<>(rows.values());
        sorted.sort((a, b) -> a.identity().compareTo(b.identity()));
        return new SourceRows(sorted, newest);
    }

    /** The query of one table's rows. */
    String rowsSql(OutputKind kind, ChartQuery query) {
        StringBuilder sql =
                new StringBuilder("SELECT symbol, window_size, window_start, event_ts, ingest_ts");
        for (String column : kind.valueColumns()) {
            sql.append(", ").append(column);
        }
        sql.append(" FROM ").append(database).append('.').append(kind.table().name());
        if (versions == Versions.NEWEST) {
            // The version a reader of the table sees: the newest ingest_ts of each identity.
            sql.append(" FINAL");
        }
        List<String> where = new ArrayList<>();
        symbolFilter(query).ifPresent(where::add);
        TimeRange range = query.range();
        if (range.from() != null) {
            where.add(
                    "event_ts >= toDateTime('"
                            + SECONDS.format(range.from().minus(EVENT_SLACK))
                            + "', 'UTC')");
        }
        if (range.to() != null) {
            where.add(
                    "event_ts < toDateTime('"
                            + SECONDS.format(
                                    range.to().plus(EVENT_SLACK).truncatedTo(ChronoUnit.SECONDS))
                            + "', 'UTC')");
        }
        if (versions == Versions.INGESTED_BEFORE) {
            where.add("ingest_ts < toDateTime('" + SECONDS.format(ingestBoundary) + "', 'UTC')");
        } else if (versions == Versions.INGESTED_SINCE) {
            where.add("ingest_ts >= toDateTime('" + SECONDS.format(ingestBoundary) + "', 'UTC')");
        }
        if (!where.isEmpty()) {
            sql.append(" WHERE ").append(String.join(" AND ", where));
        }
        return sql.append(" ORDER BY symbol, event_ts").toString();
    }

    /** The query of each symbol's newest {@code event_ts} in one table, whatever the range. */
    String newestSql(OutputKind kind, ChartQuery query) {
        return "SELECT symbol, max(event_ts) FROM "
                + database
                + "."
                + kind.table().name()
                + symbolFilter(query).map(f -> " WHERE " + f).orElse("")
                + " GROUP BY symbol";
    }

    private static java.util.Optional<String> symbolFilter(ChartQuery query) {
        if (query.symbols().isEmpty()) {
            return java.util.Optional.empty();
        }
        // Safe as literals: ChartQuery admits only [A-Za-z0-9./_:-].
        return java.util.Optional.of(
                "symbol IN ("
                        + query.symbols().stream()
                                .map(s -> "'" + s + "'")
                                .collect(Collectors.joining(", "))
                        + ")");
    }

    /** One TabSeparated row in the column order of {@link #rowsSql}. */
    static ChartRow parse(OutputKind kind, List<String> cells) {
        List<String> columns = kind.valueColumns();
        if (cells.size() != 5 + columns.size()) {
            throw new IllegalArgumentException(
                    "a " + kind.table().name() + " row of " + cells.size() + " cells: " + cells);
        }
        if (cells.get(2) == null) {
            throw new IllegalArgumentException(
                    "a " + kind.table().name() + " row without window_start: " + cells);
        }
        Map<String, Double> values = new LinkedHashMap<>();
        for (int i = 0; i < columns.size(); i++) {
            values.put(columns.get(i), number(cells.get(5 + i)));
        }
        return new ChartRow(
                kind,
                cells.get(0),
                cells.get(1),
                Timestamps.parseMs(cells.get(2)),
                Timestamps.parseMs(cells.get(3)),
                Timestamps.parseMs(cells.get(4)),
                values);
    }

    /** A ClickHouse Float64 or UInt64 as text ({@code nan}, {@code inf} included), or null. */
    private static Double number(String text) {
        if (text == null) {
            return null;
        }
        return switch (text) {
            case "nan", "-nan" -> Double.NaN;
            case "inf", "+inf" -> Double.POSITIVE_INFINITY;
            case "-inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(text);
        };
    }

    /** The failure's message, with the password (if one is known) cut out wherever it appears. */
    private String scrub(RuntimeException e) {
        String message = String.valueOf(e.getMessage());
        message = message.replaceAll("//[^/@\\s]*@", "//");
        if (password != null && !password.isEmpty()) {
            message = message.replace(password, "***");
        }
        return message;
    }

    @Override
    public void close() {
        if (ownsClient) {
            clickhouse.close();
        }
    }
}
