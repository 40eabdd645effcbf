package io.torghut.ta.job.clickhouse;

import java.io.Serializable;
import java.util.List;

/**
 * What the sink sends for one table: the columns it names in its INSERT (the job's columns that the
 * table has, in the job's order) and how each value is encoded for that column's real type. Made at
 * start-up from the server's {@code system.columns} by {@link SchemaCheck}, carried to the writers
 * in the job graph.
 *
 * @param table the table definition
 * @param columns the column names of the INSERT, in order
 * @param valueIndex for each INSERT column, the index of its value in a {@link RowValues} row
 * @param encodings for each INSERT column, its RowBinary encoding
 */
public record InsertPlan(
        TaTable table, List<String> columns, int[] valueIndex, ColumnEncoding[] encodings)
        implements Serializable {

    /** The plan for a table that has every column with the types of our own DDL. */
    public static InsertPlan forOwnSchema(TaTable table, ClickHouseDialect dialect) {
        int n = table.columns().size();
        int[] index = new int[n];
        ColumnEncoding[] enc = new ColumnEncoding[n];
        for (int i = 0; i < n; i++) {
            TaTable.Column c = table.columns().get(i);
            index[i] = i;
            enc[i] = ColumnEncoding.resolve(c.type(), c.type().sql(dialect));
        }
        return new InsertPlan(table, table.columnNames(), index, enc);
    }

    /** Appends one row (values in {@link RowValues} order) as RowBinary. */
    public void write(Object[] values, RowBinaryBuffer out) {
        for (int i = 0; i < valueIndex.length; i++) {
            encodings[i].write(out, values[valueIndex[i]]);
        }
    }

    /** The job's columns the table does not have (left out of the INSERT). */
    public List<String> missing() {
        return table.columnNames().stream().filter(c -> !columns.contains(c)).toList();
    }
}
