package io.torghut.ta.replay.cli;

import io.torghut.ta.replay.clickhouse.ClickHouseReader;
import io.torghut.ta.replay.clickhouse.Parity;
import io.torghut.ta.replay.window.OutputTtl;
import io.torghut.ta.replay.window.TableDefinitions;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The output tables' definitions read from a ClickHouse server's {@code system.tables} through
 * {@link ClickHouseReader}.
 *
 * <p>The reader has no query for table definitions yet (it is being moved to a new client); until
 * it has one, this reads them through its fingerprint query, which returns rows of named string
 * columns: the SQL labels {@code name} as {@code symbol} and {@code create_table_query} as {@code
 * window_size}, and fills the columns the fingerprint also reads with constants. Only this class
 * knows about that, so the day the reader gains a method for it, only this class changes.
 */
final class ClickHouseTableDefinitions implements TableDefinitions {
    private final ClickHouseReader reader;

    private ClickHouseTableDefinitions(ClickHouseReader reader) {
        this.reader = reader;
    }

    /** Connects; the password is passed as a property, never in the URL. */
    static TableDefinitions connect(String url, String user, String password) throws SQLException {
        return new ClickHouseTableDefinitions(ClickHouseReader.connect(url, user, password));
    }

    /** The query as the fingerprint reader reads it (see the class comment). */
    static String fingerprintShaped(String database, List<String> tables) {
        String query = OutputTtl.query(database, tables);
        String shaped =
                query.replace(
                        "SELECT name, create_table_query FROM",
                        "SELECT name AS symbol, create_table_query AS window_size, '' AS minute,"
                                + " toInt64(0) AS row_count FROM");
        if (shaped.equals(query)) {
            throw new IllegalStateException("OutputTtl.query changed its SELECT list: " + query);
        }
        return shaped;
    }

    @Override
    public Map<String, String> createTableQueries(String database, List<String> tables)
            throws SQLException {
        Map<String, String> out = new LinkedHashMap<>();
        for (Parity.Fingerprint row :
                reader.fingerprints("system.tables", fingerprintShaped(database, tables))) {
            out.put(row.symbol(), row.windowSize());
        }
        return out;
    }

    @Override
    public void close() throws SQLException {
        reader.close();
    }
}
