package io.torghut.ta.clickhouse26;

import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import io.torghut.ta.job.clickhouse.ClickHouseSql;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * ClickHouse 26 in this process: chDB's {@code libchdb.so} (the npm package {@code
 * @chdb/lib-linux-x64-gnu}) called through its C API, with its data under a directory of the
 * test's. The same {@link ClickHouseSql} the job's schema check and the replay tool's readers use,
 * plus RowBinary inserts of the bytes the sink would send.
 *
 * <p>The library's path comes from {@code TA_CHDB_LIB}, which {@code .ci/run} sets after fetching
 * the package; without it the tier fails, naming how to get it, and is never skipped. chDB installs
 * native signal handlers of its own, which the JVM needs too: they are switched off before it
 * starts, and the tier runs in this module's own forked JVM.
 */
final class EmbeddedClickHouse implements ClickHouseSql {
    /** The environment variable naming libchdb.so. */
    static final String LIBRARY_ENV = "TA_CHDB_LIB";

    /** The C API of libchdb (chdb.h). */
    interface Chdb extends Library {
        Pointer chdb_connect(int argc, String[] argv);

        void chdb_close_conn(Pointer connection);

        Pointer chdb_query_n(
                Pointer connection, Pointer query, long queryLength, String format, long length);

        Pointer chdb_result_buffer(Pointer result);

        long chdb_result_length(Pointer result);

        String chdb_result_error(Pointer result);

        void chdb_destroy_query_result(Pointer result);

        void chdb_set_signal_handlers_enabled(boolean enabled);
    }

    private static Chdb library;
    private final Pointer handle;
    private final Pointer connection;
    private final Path dataDir;

    private EmbeddedClickHouse(Pointer handle, Path dataDir) {
        this.handle = handle;
        this.dataDir = dataDir;
        this.connection = handle.getPointer(0);
    }

    /** Opens an engine whose databases live under {@code dataDir}. */
    static synchronized EmbeddedClickHouse open(Path dataDir) {
        if (library == null) {
            String path = System.getenv(LIBRARY_ENV);
            if (path == null || !Files.isRegularFile(Path.of(path))) {
                throw new IllegalStateException(
                        "ClickHouse 26 (libchdb.so) not found: "
                                + LIBRARY_ENV
                                + "="
                                + path
                                + ". Run the tests through `bash .ci/run`, which fetches npm"
                                + " @chdb/lib-linux-x64-gnu into ~/.cache/torghut-ta and sets it,"
                                + " or set it to that package's package/libchdb.so.");
            }
            library = Native.load(path, Chdb.class);
            library.chdb_set_signal_handlers_enabled(false);
        }
        Pointer handle = library.chdb_connect(2, new String[] {"clickhouse", "--path=" + dataDir});
        if (handle == null || handle.getPointer(0) == null) {
            throw new IllegalStateException("chdb_connect failed for " + dataDir);
        }
        return new EmbeddedClickHouse(handle, dataDir);
    }

    /** Runs a query and returns its answer in {@code format}, failing with the engine's error. */
    byte[] query(byte[] sql, String format) {
        Memory q = new Memory(Math.max(1, sql.length));
        q.write(0, sql, 0, sql.length);
        Pointer r =
                library.chdb_query_n(
                        connection,
                        q,
                        sql.length,
                        format,
                        format.getBytes(StandardCharsets.UTF_8).length);
        try {
            String error = library.chdb_result_error(r);
            if (error != null) {
                String text = new String(sql, 0, Math.min(sql.length, 300), StandardCharsets.UTF_8);
                throw new IllegalStateException(
                        "ClickHouse 26: " + error.trim() + "\n  in: " + text);
            }
            Pointer buffer = library.chdb_result_buffer(r);
            long length = library.chdb_result_length(r);
            return buffer == null || length == 0
                    ? new byte[0]
                    : buffer.getByteArray(0, (int) length);
        } finally {
            library.chdb_destroy_query_result(r);
        }
    }

    @Override
    public List<List<String>> select(String sql) {
        return ClickHouseSql.parseTabSeparated(
                new String(
                        query(sql.getBytes(StandardCharsets.UTF_8), "TabSeparated"),
                        StandardCharsets.UTF_8));
    }

    @Override
    public void execute(String sql) {
        query(sql.getBytes(StandardCharsets.UTF_8), "TabSeparated");
    }

    /** {@code INSERT INTO table (columns) FORMAT RowBinary} with the data inline, as sent. */
    void insertRowBinary(String table, List<String> columns, byte[] data, int length) {
        // The engine's parser reads inline data after FORMAT only up to what it takes for the
        // query's text and can drop bytes of a binary batch; a file is read as it is, so the
        // engine sees exactly the bytes the sink sends.
        Path batch = null;
        try {
            batch = Files.createTempFile(dataDir, "batch-", ".rowbinary");
            try (var out = Files.newOutputStream(batch)) {
                out.write(data, 0, length);
            }
            execute(
                    "INSERT INTO "
                            + table
                            + " ("
                            + String.join(", ", columns)
                            + ") FROM INFILE '"
                            + batch
                            + "' FORMAT RowBinary");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("writing a RowBinary batch for " + table, e);
        } finally {
            if (batch != null) {
                try {
                    Files.deleteIfExists(batch);
                } catch (java.io.IOException ignored) {
                    // the data directory is the test's and goes with it
                }
            }
        }
    }

    @Override
    public void close() {
        library.chdb_close_conn(handle);
    }
}
