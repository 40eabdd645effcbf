package io.torghut.ta.benchmarks.legacy;

import io.torghut.ta.job.clickhouse.ColumnType;
import io.torghut.ta.job.clickhouse.TaTable;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * The ClickHouse path the job had before its RowBinary sink, kept as the baseline of the benchmarks
 * only: the legacy {@code ru.yandex} JDBC driver's prepared INSERT, each row bound as the old
 * statement builder did (timestamps as text, absent values as SQL NULL) and added to the driver's
 * batch, which renders it as text. Nothing is sent: the connection is made without a server (the
 * server time zone is given, so the driver asks nothing).
 */
public final class LegacyTextRows implements AutoCloseable {
    /** The legacy driver's class. */
    public static final String DRIVER = "ru.yandex.clickhouse.ClickHouseDriver";

    private static final DateTimeFormatter MILLIS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

    private final TaTable table;
    private final Connection connection;
    private final PreparedStatement insert;

    /** A prepared INSERT of every column of {@code table} into {@code database}. */
    public LegacyTextRows(TaTable table, String database) throws SQLException {
        this.table = table;
        try {
            Class.forName(DRIVER);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(DRIVER + " is not on the classpath", e);
        }
        Properties p = new Properties();
        p.setProperty("use_server_time_zone", "false");
        p.setProperty("use_time_zone", "UTC");
        this.connection =
                DriverManager.getConnection(
                        "jdbc:clickhouse://127.0.0.1:1/" + database + "?compress=false", p);
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
