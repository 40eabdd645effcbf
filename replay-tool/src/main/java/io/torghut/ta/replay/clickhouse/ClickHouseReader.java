package io.torghut.ta.replay.clickhouse;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * Runs the verify queries over JDBC with the legacy {@code ru.yandex} driver (the one that works
 * with every server version in use) and maps rows to the pure types.
 */
public final class ClickHouseReader implements AutoCloseable {
    private static final Pattern SECRET_PARAM = Pattern.compile("(?i)([?&](password|user)=)[^&]*");

    private final Connection connection;

    private ClickHouseReader(Connection connection) {
        this.connection = connection;
    }

    /** Connects; the password is passed as a property, never in the URL. */
    public static ClickHouseReader connect(String url, String user, String password)
            throws SQLException {
        Properties p = new Properties();
        if (user != null) {
            p.setProperty("user", user);
        }
        if (password != null) {
            p.setProperty("password", password);
        }
        Connection c = new ru.yandex.clickhouse.ClickHouseDriver().connect(url, p);
        if (c == null) {
            throw new SQLException("not a ClickHouse JDBC URL: " + redact(url));
        }
        return new ClickHouseReader(c);
    }

    /** The URL without user or password parameters, for messages. */
    public static String redact(String url) {
        return SECRET_PARAM.matcher(url).replaceAll("$1***");
    }

    public List<Freshness.Row> freshness(String table, String sql) throws SQLException {
        List<Freshness.Row> rows = new ArrayList<>();
        try (Statement st = connection.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                rows.add(
                        new Freshness.Row(
                                table,
                                rs.getString("symbol"),
                                instant(rs.getTimestamp("max_event_ts")),
                                rs.getLong("recent_rows"),
                                instant(rs.getTimestamp("server_now"))));
            }
        }
        return rows;
    }

    public List<Parity.Fingerprint> fingerprints(String table, String sql) throws SQLException {
        List<Parity.Fingerprint> out = new ArrayList<>();
        try (Statement st = connection.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            ResultSetMetaData md = rs.getMetaData();
            while (rs.next()) {
                Map<String, Double> sums = new LinkedHashMap<>();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    String name = md.getColumnLabel(i);
                    if (name.startsWith("sum_")) {
                        sums.put(name.substring(4), rs.getDouble(i));
                    }
                }
                out.add(
                        new Parity.Fingerprint(
                                table,
                                rs.getString("symbol"),
                                rs.getString("window_size"),
                                rs.getString("minute"),
                                rs.getLong("row_count"),
                                sums));
            }
        }
        return out;
    }

    private static Instant instant(Timestamp ts) {
        return ts == null ? Instant.EPOCH : ts.toInstant();
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
