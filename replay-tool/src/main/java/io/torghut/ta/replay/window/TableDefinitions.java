package io.torghut.ta.replay.window;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/**
 * Where check-window reads the output tables' definitions: a ClickHouse server's {@code
 * system.tables}. An interface, so the command's use of it is tested without a server.
 */
public interface TableDefinitions extends AutoCloseable {
    /**
     * Per table of {@code tables} that exists in {@code database}, its {@code create_table_query};
     * tables that do not exist are left out.
     */
    Map<String, String> createTableQueries(String database, List<String> tables)
            throws SQLException;

    @Override
    void close() throws SQLException;

    /** Opens {@link TableDefinitions} on a server. */
    @FunctionalInterface
    interface Connector {
        /** Connects to {@code url} as {@code user} (null: the server's default user). */
        TableDefinitions connect(String url, String user, String password) throws SQLException;
    }
}
