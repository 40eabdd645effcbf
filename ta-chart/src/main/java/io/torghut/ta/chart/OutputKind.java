package io.torghut.ta.chart;

import io.torghut.ta.job.clickhouse.ColumnType;
import io.torghut.ta.job.clickhouse.TaTable;
import io.torghut.ta.job.clickhouse.TaTables;
import java.util.ArrayList;
import java.util.List;

/**
 * The two kinds of output row a chart reads: 1 s bars ({@code ta_microbars}, files {@code
 * bars-<n>.jsonl}) and signals ({@code ta_signals}, files {@code signals-<n>.jsonl}).
 */
public enum OutputKind {
    /** 1 s bars. */
    BARS(TaTables.MICROBARS, "bars"),
    /** Signals of the 1 s and the 1 min lane. */
    SIGNALS(TaTables.SIGNALS, "signals");

    private final TaTable table;
    private final String fileStem;
    private final List<String> valueColumns;

    OutputKind(TaTable table, String fileStem) {
        this.table = table;
        this.fileStem = fileStem;
        this.valueColumns = valueColumns(table);
    }

    /** The ClickHouse table, whose column names are also the JSON field names. */
    public TaTable table() {
        return table;
    }

    /** The local run's file name stem: {@code <stem>-<subtask>.jsonl}. */
    public String fileStem() {
        return fileStem;
    }

    /**
     * The numeric columns after the row's identity and metadata ({@code version} ends those), in
     * table order: what a chart draws and a parity check compares. Taken from {@link TaTables}, so
     * a column added there is charted and compared without a change here.
     */
    public List<String> valueColumns() {
        return valueColumns;
    }

    private static List<String> valueColumns(TaTable table) {
        List<String> out = new ArrayList<>();
        int first = table.indexOf("version") + 1;
        List<TaTable.Column> columns = table.columns();
        for (int i = first; i < columns.size(); i++) {
            ColumnType type = columns.get(i).type();
            if (type != ColumnType.NULLABLE_STRING
                    && type != ColumnType.LOW_CARDINALITY_STRING
                    && type != ColumnType.SYMBOL) {
                out.add(columns.get(i).name());
            }
        }
        return List.copyOf(out);
    }
}
