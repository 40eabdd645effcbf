package io.torghut.ta.chart;

/**
 * Where a chart's rows come from: the local run's JSONL files or ClickHouse. A source reads the
 * rows a query asks for, keeping only the newest version of each identity, and the newest {@code
 * event_ts} of each symbol it has (inside the range or not: that is the freshness of the output).
 */
public interface RowsSource {
    /** The rows of {@code query}; fails with a message a person can act on, never a secret. */
    SourceRows read(ChartQuery query) throws RowsUnavailableException;

    /** Where the rows come from, for the page and messages (never a password). */
    String describe();
}
