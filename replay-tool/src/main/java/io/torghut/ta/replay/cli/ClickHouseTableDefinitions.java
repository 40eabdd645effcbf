package io.torghut.ta.replay.cli;

import io.torghut.ta.replay.clickhouse.ClickHouseReader;
import io.torghut.ta.replay.window.OutputTtl;
import io.torghut.ta.replay.window.TableDefinitions;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The output tables' definitions read from a ClickHouse server's {@code system.tables} through
 * {@link ClickHouseReader}.
 */
final class ClickHouseTableDefinitions implements TableDefinitions {
    /** How long the one query may take. */
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final ClickHouseReader reader;

    private ClickHouseTableDefinitions(ClickHouseReader reader) {
        this.reader = reader;
    }

    /** Connects; the password goes to the client, never into the URL. */
    static TableDefinitions connect(String url, String user, String password) {
        return new ClickHouseTableDefinitions(
                ClickHouseReader.connect(url, user, password, TIMEOUT));
    }

    @Override
    public Map<String, String> createTableQueries(String database, List<String> tables) {
        return reader.createTableQueries(OutputTtl.query(database, tables));
    }

    @Override
    public void close() {
        reader.close();
    }
}
