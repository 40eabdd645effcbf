package io.torghut.ta.job.clickhouse;

import io.torghut.ta.job.clickhouse.HttpClickHouse.ClickHouseFailure;
import io.torghut.ta.job.clickhouse.SchemaCheck.ServerTable;
import io.torghut.ta.job.config.TaConfig;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Start-up check of the ClickHouse side: waits for the server (a name not yet resolvable or a
 * server not yet up is tried again, {@code TA_CLICKHOUSE_SCHEMA_INIT_MAX_RETRIES} times, {@code
 * TA_CLICKHOUSE_SCHEMA_INIT_RETRY_DELAY_MS} apart), learns its version (and so the SQL dialect),
 * optionally creates the tables, reads both tables' real column types and decides what the sinks
 * write ({@link SchemaCheck}). In strict mode any difference stops start-up with the statements
 * that fix it; otherwise a missing column is left out of the INSERTs with a warning, and only what
 * the job cannot write at all stops it. Messages name the endpoint, table and column; never the
 * password.
 */
public final class SchemaInitializer {
    private static final Logger LOG = LoggerFactory.getLogger(SchemaInitializer.class);
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    /**
     * Server error codes worth waiting out at start-up: the server answered, but is still coming up
     * or overloaded (timeouts, network, too many queries, Keeper not ready).
     */
    private static final Set<Integer> TRANSIENT = Set.of(159, 202, 209, 210, 242, 999);

    private SchemaInitializer() {}

    /**
     * What the ClickHouse sinks write and where.
     *
     * @param endpoint the server and database
     * @param serverVersion what the server said of its version
     * @param dialect the SQL dialect of that version
     * @param bars the plan of {@code ta_microbars}
     * @param signals the plan of {@code ta_signals}
     */
    public record Targets(
            ClickHouseEndpoint endpoint,
            String serverVersion,
            ClickHouseDialect dialect,
            InsertPlan bars,
            InsertPlan signals)
            implements Serializable {
        /** The targets of a server whose tables are exactly this job's DDL of its version. */
        public static Targets ownSchema(ClickHouseEndpoint endpoint, String serverVersion) {
            ClickHouseDialect d = ClickHouseDialect.forServerVersion(serverVersion);
            return new Targets(
                    endpoint,
                    serverVersion,
                    d,
                    InsertPlan.forOwnSchema(TaTables.MICROBARS, d),
                    InsertPlan.forOwnSchema(TaTables.SIGNALS, d));
        }
    }

    /** The server answered, but its tables do not let the job start; the message says why. */
    public static final class SchemaMismatchException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        SchemaMismatchException(String message) {
            super(message);
        }
    }

    /** Runs the checks against the configured server, waiting for it as configured. */
    public static Targets initialize(TaConfig c) throws InterruptedException {
        ClickHouseEndpoint endpoint = ClickHouseEndpoint.parse(c.clickhouseUrl);
        Duration timeout = Duration.ofSeconds(c.clickhouseConnTimeoutSeconds);
        int tries = c.clickhouseSchemaInitMaxRetries + 1;
        ClickHouseFailure last = null;
        for (int attempt = 1; attempt <= tries; attempt++) {
            try (HttpClickHouse ch =
                    HttpClickHouse.connect(
                            endpoint,
                            c.clickhouseUsername,
                            c.clickhousePassword(),
                            timeout,
                            null)) {
                String version = ch.serverVersion();
                Plans plans =
                        check(
                                ch,
                                endpoint.database(),
                                version,
                                c.clickhouseCreateTables,
                                c.clickhouseSchemaInitStrict,
                                c.clickhouseRequireReplicated);
                LOG.info(
                        "ClickHouse ready at {}: server {}, dialect {}, writing {} and {}",
                        endpoint.describe(),
                        version,
                        plans.dialect(),
                        plans.bars().columns().size() + " columns of ta_microbars",
                        plans.signals().columns().size() + " of ta_signals");
                return new Targets(
                        endpoint, version, plans.dialect(), plans.bars(), plans.signals());
            } catch (ClickHouseFailure e) {
                if (e.serverCode() >= 0 && !TRANSIENT.contains(e.serverCode())) {
                    throw new IllegalStateException(
                            "ClickHouse refused the job's start-up check: " + e.getMessage(), e);
                }
                last = e;
                LOG.warn(
                        "ClickHouse at {} not ready (attempt {}/{}): {}",
                        endpoint.describe(),
                        attempt,
                        tries,
                        e.getMessage());
                if (attempt < tries) {
                    Thread.sleep(c.clickhouseSchemaInitRetryDelayMs);
                }
            }
        }
        throw new IllegalStateException(
                "ClickHouse at "
                        + endpoint.describe()
                        + " did not answer after "
                        + tries
                        + " attempts "
                        + c.clickhouseSchemaInitRetryDelayMs
                        + " ms apart (TA_CLICKHOUSE_SCHEMA_INIT_MAX_RETRIES,"
                        + " TA_CLICKHOUSE_SCHEMA_INIT_RETRY_DELAY_MS); last error: "
                        + (last == null ? "none" : last.getMessage()),
                last);
    }

    /** The plans and dialect of one server. */
    public record Plans(ClickHouseDialect dialect, InsertPlan bars, InsertPlan signals) {}

    /**
     * The checks over any SQL connection (the server over HTTP, or an embedded engine in tests).
     *
     * @throws SchemaMismatchException when the tables do not let the job start
     */
    public static Plans check(
            ClickHouseSql sql,
            String database,
            String serverVersion,
            boolean create,
            boolean strict,
            boolean requireReplicated) {
        if (!IDENTIFIER.matcher(database).matches()) {
            throw new IllegalArgumentException("database '" + database + "' is not an identifier");
        }
        ClickHouseDialect dialect = ClickHouseDialect.forServerVersion(serverVersion);
        if (create) {
            sql.execute("CREATE DATABASE IF NOT EXISTS " + database);
            for (TaTable t : List.of(TaTables.MICROBARS, TaTables.SIGNALS)) {
                sql.execute(t.ddl(database, dialect));
            }
        }
        List<String> problems = new ArrayList<>();
        List<String> migrations = new ArrayList<>();
        boolean blocking = false;
        InsertPlan[] plans = new InsertPlan[2];
        List<TaTable> tables = List.of(TaTables.MICROBARS, TaTables.SIGNALS);
        for (int i = 0; i < 2; i++) {
            TaTable t = tables.get(i);
            SchemaCheck.Result r =
                    SchemaCheck.check(
                            database, t, read(sql, database, t), dialect, requireReplicated);
            problems.addAll(r.problems());
            migrations.addAll(r.migrations());
            blocking |= r.blocking();
            plans[i] = r.plan();
        }
        if (!problems.isEmpty() && (strict || blocking)) {
            throw new SchemaMismatchException(
                    "ClickHouse schema does not match what the job writes:\n  - "
                            + String.join("\n  - ", problems)
                            + "\nRun (statements of the shipped migration, see"
                            + " ta-clickhouse/src/main/resources/clickhouse/):\n"
                            + String.join(";\n", migrations)
                            + ";\nor set TA_CLICKHOUSE_CREATE_TABLES=true for a new database.");
        }
        problems.forEach(
                p -> LOG.warn("ClickHouse schema: {}; the column is left out of the INSERTs", p));
        return new Plans(dialect, plans[0], plans[1]);
    }

    /** One table as the server reports it, or null when it does not exist. */
    static ServerTable read(ClickHouseSql sql, String database, TaTable table) {
        List<List<String>> engine =
                sql.select(
                        "SELECT engine FROM system.tables WHERE database = '"
                                + database
                                + "' AND name = '"
                                + table.name()
                                + "'");
        if (engine.isEmpty()) {
            return null;
        }
        return new ServerTable(
                engine.get(0).get(0),
                SchemaCheck.columnTypes(
                        sql.select(
                                "SELECT name, type FROM system.columns WHERE database = '"
                                        + database
                                        + "' AND table = '"
                                        + table.name()
                                        + "'")));
    }
}
