package io.torghut.ta.benchmarks.legacy;

import io.torghut.ta.job.clickhouse.ColumnType;
import io.torghut.ta.job.clickhouse.TaTable;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * The ClickHouse path the job had before its RowBinary sink, kept as the baseline of the benchmarks
 * only: the legacy {@code ru.yandex} JDBC driver's prepared INSERT, each row bound as the old
 * statement builder did (timestamps as text, absent values as SQL NULL) and added to the driver's
 * batch, which renders it as text. Nothing is sent; the driver asks the server its version once
 * when it connects, so it needs one running.
 *
 * <p>The driver and the 0.3.2 client it was built against are loaded from {@code
 * target/legacy-jdbc} (the build copies them there) in a class loader of their own: ClickHouse's
 * official client, which the job uses, has classes of the same names.
 */
public final class LegacyTextRows implements AutoCloseable {
    /** The legacy driver's class. */
    public static final String DRIVER = "ru.yandex.clickhouse.ClickHouseDriver";

    private static final DateTimeFormatter MILLIS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

    private static Driver driver;

    private final TaTable table;
    private final Connection connection;
    private final PreparedStatement insert;

    /**
     * A prepared INSERT of every column of {@code table} into {@code database} of the server at
     * {@code httpPort} on loopback.
     */
    public LegacyTextRows(TaTable table, String database, int httpPort) throws SQLException {
        this.table = table;
        Properties p = new Properties();
        p.setProperty("use_server_time_zone", "false");
        p.setProperty("use_time_zone", "UTC");
        this.connection =
                driver().connect(
                                "jdbc:clickhouse://127.0.0.1:"
                                        + httpPort
                                        + "/default?compress=false",
                                p);
        String names = String.join(", ", table.columnNames());
        String marks = table.columns().stream().map(c -> "?").collect(Collectors.joining(", "));
        this.insert =
                connection.prepareStatement(
                        "INSERT INTO "
                                + database
                                + "."
                                + table.name()
                                + " ("
                                + names
                                + ") VALUES ("
                                + marks
                                + ")");
    }

    /** The driver, from the JARs beside this class's (target/legacy-jdbc). */
    static synchronized Driver driver() {
        if (driver != null) {
            return driver;
        }
        try {
            Path classes =
                    Path.of(
                            LegacyTextRows.class
                                    .getProtectionDomain()
                                    .getCodeSource()
                                    .getLocation()
                                    .toURI());
            Path dir = classes.getParent().resolve("legacy-jdbc");
            List<URL> jars = new ArrayList<>();
            try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.jar")) {
                for (Path jar : files) {
                    jars.add(jar.toUri().toURL());
                }
            }
            if (jars.isEmpty()) {
                throw new IllegalStateException(
                        "no JARs in " + dir + ": build the benchmarks module (mvn package)");
            }
            // The platform loader as parent: java.sql is shared, nothing of the classpath is.
            ClassLoader loader =
                    new URLClassLoader(
                            jars.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
            driver =
                    (Driver)
                            Class.forName(DRIVER, true, loader)
                                    .getDeclaredConstructor()
                                    .newInstance();
            return driver;
        } catch (IOException | ReflectiveOperationException | URISyntaxException e) {
            throw new IllegalStateException(
                    "cannot load " + DRIVER + " from target/legacy-jdbc", e);
        }
    }

    /** Binds one row (values in RowValues order) and adds it to the batch. */
    public void add(Object[] values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            ColumnType type = table.columns().get(i).type();
            Object value = values[i];
            int index = i + 1;
            if (value == null) {
                boolean text = type.isTimestamp() || type == ColumnType.NULLABLE_STRING;
                insert.setNull(index, text ? Types.VARCHAR : Types.DOUBLE);
            } else if (type.isTimestamp()) {
                insert.setString(index, MILLIS.format(Instant.ofEpochMilli((Long) value)));
            } else if (value instanceof Double d) {
                insert.setDouble(index, d);
            } else if (value instanceof Long l) {
                insert.setLong(index, l);
            } else if (value instanceof Integer n) {
                insert.setInt(index, n);
            } else {
                insert.setString(index, value.toString());
            }
        }
        insert.addBatch();
    }

    /** Drops the batch (what the driver would have sent). */
    public void clear() throws SQLException {
        insert.clearBatch();
    }

    @Override
    public void close() throws SQLException {
        insert.close();
        connection.close();
    }
}
