package io.torghut.ta.chart;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One output row as a chart reads it: its identity, its times and its numeric values by column name
 * (a null value is an absent one, e.g. an indicator still warming up).
 *
 * @param kind bar or signal
 * @param symbol the symbol
 * @param windowSize {@code PT1S} or {@code PT1M}
 * @param windowStartMs the window's start, epoch ms: the time a chart draws the row at
 * @param eventTsMs the row's {@code event_ts}, epoch ms (bar end in the 1 s lane, start in 1 min)
 * @param ingestTsMs the row's {@code ingest_ts}, epoch ms: which of two versions is newer
 * @param values the {@link OutputKind#valueColumns() value columns}, by name
 */
public record ChartRow(
        OutputKind kind,
        String symbol,
        String windowSize,
        long windowStartMs,
        long eventTsMs,
        long ingestTsMs,
        Map<String, Double> values) {

    /** Copies the values (nulls allowed) into an unmodifiable map. */
    public ChartRow {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** The row's identity: what a replay rewrites instead of duplicating. */
    public Identity identity() {
        return new Identity(kind, symbol, windowSize, windowStartMs);
    }

    /** A value, or null when absent. */
    public Double value(String column) {
        return values.get(column);
    }

    /**
     * The identity of an output row, as the job defines it: (symbol, window size, window start),
     * within its table.
     *
     * @param kind the table
     * @param symbol the symbol
     * @param windowSize {@code PT1S} or {@code PT1M}
     * @param windowStartMs the window's start, epoch ms
     */
    public record Identity(OutputKind kind, String symbol, String windowSize, long windowStartMs)
            implements Comparable<Identity> {
        @Override
        public int compareTo(Identity o) {
            int c = Long.compare(windowStartMs, o.windowStartMs);
            if (c == 0) {
                c = kind.compareTo(o.kind);
            }
            if (c == 0) {
                c = windowSize.compareTo(o.windowSize);
            }
            return c != 0 ? c : symbol.compareTo(o.symbol);
        }
    }
}
