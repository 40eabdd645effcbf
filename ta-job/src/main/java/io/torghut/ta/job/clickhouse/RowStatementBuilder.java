package io.torghut.ta.job.clickhouse;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import org.apache.flink.connector.jdbc.JdbcStatementBuilder;
import org.apache.flink.util.function.SerializableFunction;

/**
 * Binds one output row to the table's INSERT: timestamps as text in the dialect's format, absent
 * values as SQL NULL (so NaN and infinities are written as NULL, never as numbers).
 */
public final class RowStatementBuilder<T> implements JdbcStatementBuilder<T> {
    private static final long serialVersionUID = 1L;

    private final TaTable table;
    private final ClickHouseDialect dialect;
    private final SerializableFunction<RowInput<T>, Object[]> values;

    /** The row and its ingest time. */
    public record RowInput<T>(T row, long ingestTs) {}

    /** Creates a builder for {@code table} from a function giving a row's values. */
    public RowStatementBuilder(
            TaTable table,
            ClickHouseDialect dialect,
            SerializableFunction<RowInput<T>, Object[]> values) {
        this.table = table;
        this.dialect = dialect;
        this.values = values;
    }

    @Override
    public void accept(PreparedStatement ps, T row) throws SQLException {
        Object[] v = values.apply(new RowInput<>(row, System.currentTimeMillis()));
        for (int i = 0; i < v.length; i++) {
            ColumnType type = table.columns().get(i).type();
            Object value = v[i];
            int index = i + 1;
            if (value == null) {
                boolean text = type.isTimestamp() || type == ColumnType.NULLABLE_STRING;
                ps.setNull(index, text ? Types.VARCHAR : Types.DOUBLE);
            } else if (type.isTimestamp()) {
                ps.setString(index, dialect.formatTimestamp((Long) value));
            } else if (value instanceof Double d) {
                ps.setDouble(index, d);
            } else if (value instanceof Long l) {
                ps.setLong(index, l);
            } else if (value instanceof Integer n) {
                ps.setInt(index, n);
            } else {
                ps.setString(index, value.toString());
            }
        }
    }
}
