package io.torghut.ta.job.clickhouse;

import io.torghut.ta.job.config.TaConfig;
import io.torghut.ta.job.sinks.ClickHouseSinks;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Start-up check of the ClickHouse side: waits for the server (retries with a delay), detects the
 * SQL dialect from its version, optionally creates the tables, and in strict mode verifies that
 * both tables exist with every column (and, when required, a Replicated engine). Messages name the
 * table, the column and what is expected; the password is never part of them.
 */
public final class SchemaInitializer {
    private static final Logger LOG = LoggerFactory.getLogger(SchemaInitializer.class);

    private SchemaInitializer() {}

    /** Runs the checks and returns the dialect the sinks must use. */
    public static ClickHouseDialect initialize(TaConfig c)
            throws SQLException, InterruptedException {
        String db = ClickHouseSinks.database(c.clickhouseUrl);
        SQLException last = null;
        for (int attempt = 0; attempt <= c.clickhouseSchemaInitMaxRetries; attempt++) {
            try (Connection conn = connect(c)) {
                return initialize(
                        conn,
                        db,
                        c.clickhouseCreateTables,
                        c.clickhouseSchemaInitStrict,
                        c.clickhouseRequireReplicated);
            } catch (SQLException e) {
                last = e;
                LOG.warn(
                        "ClickHouse not ready (attempt {}/{}): {}",
                        attempt + 1,
                        c.clickhouseSchemaInitMaxRetries + 1,
                        e.getMessage());
                Thread.sleep(c.clickhouseSchemaInitRetryDelayMs);
            }
        }
        throw new SQLException(
                "ClickHouse at "
                        + c.clickhouseUrl
                        + " did not become ready after "
                        + (c.clickhouseSchemaInitMaxRetries + 1)
                        + " attempts",
                last);
    }

    private static Connection connect(TaConfig c) throws SQLException {
        try {
            Class.forName(ClickHouseSinks.DRIVER);
        } catch (ClassNotFoundException e) {
            throw new SQLException("the ClickHouse JDBC driver is not on the classpath", e);
        }
        Properties p = new Properties();
        if (c.clickhouseUsername != null) {
            p.setProperty("user", c.clickhouseUsername);
        }
        if (c.clickhousePassword() != null) {
            p.setProperty("password", c.clickhousePassword());
        }
        // The target database may not exist yet when we are asked to create it: connect to the
        // server's default database then; every statement names the database explicitly.
        String url =
                c.clickhouseCreateTables
                        ? withDatabase(c.clickhouseUrl, "default")
                        : c.clickhouseUrl;
        return DriverManager.getConnection(url, p);
    }

    /** The URL with its database path replaced. */
    static String withDatabase(String url, String database) {
        String prefix = "jdbc:clickhouse://";
        String rest = url.substring(prefix.length());
        int query = rest.indexOf('?');
        String params = query < 0 ? "" : rest.substring(query);
        String hostAndPath = query < 0 ? rest : rest.substring(0, query);
        int slash = hostAndPath.indexOf('/');
        String host = slash < 0 ? hostAndPath : hostAndPath.substring(0, slash);
        return prefix + host + "/" + database + params;
    }

    /** The checks on an open connection. */
    public static ClickHouseDialect initialize(
            Connection conn, String db, boolean create, boolean strict, boolean requireReplicated)
            throws SQLException {
        ClickHouseDialect dialect;
        try (Statement st = conn.createStatement();
                ResultSet rs = st.executeQuery("SELECT version()")) {
            rs.next();
            dialect = ClickHouseDialect.forServerVersion(rs.getString(1));
        }
        if (create) {
            try (Statement st = conn.createStatement()) {
                st.execute("CREATE DATABASE IF NOT EXISTS " + db);
                for (TaTable t : List.of(TaTables.MICROBARS, TaTables.SIGNALS)) {
                    st.execute(t.ddl(db, dialect));
                }
            }
        }
        if (strict) {
            List<String> problems = new ArrayList<>();
            for (TaTable t : List.of(TaTables.MICROBARS, TaTables.SIGNALS)) {
                problems.addAll(check(conn, db, t, requireReplicated));
            }
            if (!problems.isEmpty()) {
                throw new IllegalStateException(
                        "ClickHouse schema does not match:\n  - "
                                + String.join("\n  - ", problems)
                                + "\nApply the DDL in ta-job/src/main/resources/clickhouse/ or set "
                                + "TA_CLICKHOUSE_CREATE_TABLES=true.");
            }
        }
        LOG.info("ClickHouse ready: database {}, dialect {}", db, dialect);
        return dialect;
    }

    private static List<String> check(Connection conn, String db, TaTable t, boolean replicated)
            throws SQLException {
        List<String> problems = new ArrayList<>();
        try (PreparedStatement ps =
                conn.prepareStatement(
                        "SELECT engine FROM system.tables WHERE database = ? AND name = ?")) {
            ps.setString(1, db);
            ps.setString(2, t.name());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    problems.add("table " + db + "." + t.name() + " is missing");
                    return problems;
                }
                String engine = rs.getString(1);
                if (!engine.contains("ReplacingMergeTree")) {
                    problems.add(
                            db
                                    + "."
                                    + t.name()
                                    + " engine is "
                                    + engine
                                    + "; expected (Replicated)ReplacingMergeTree");
                } else if (replicated && !engine.startsWith("Replicated")) {
                    problems.add(
                            db
                                    + "."
                                    + t.name()
                                    + " engine is "
                                    + engine
                                    + "; TA_CLICKHOUSE_REQUIRE_REPLICATED=true expects "
                                    + "ReplicatedReplacingMergeTree");
                }
            }
        }
        Set<String> present = new HashSet<>();
        try (PreparedStatement ps =
                conn.prepareStatement(
                        "SELECT name FROM system.columns WHERE database = ? AND table = ?")) {
            ps.setString(1, db);
            ps.setString(2, t.name());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    present.add(rs.getString(1));
                }
            }
        }
        for (String col : t.columnNames()) {
            if (!present.contains(col)) {
                problems.add(db + "." + t.name() + " lacks column " + col);
            }
        }
        return problems;
    }
}
