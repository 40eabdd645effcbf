package io.torghut.ta.chart;

import java.util.List;
import java.util.Map;

/**
 * What a {@link RowsSource} read.
 *
 * @param rows the rows of the query, one per identity (the newest version)
 * @param newestEventTsMs per symbol asked for, its newest {@code event_ts} in the source, epoch ms
 *     (absent: the source has no row of the symbol)
 */
public record SourceRows(List<ChartRow> rows, Map<String, Long> newestEventTsMs) {
    /** Copies both. */
    public SourceRows {
        rows = List.copyOf(rows);
        newestEventTsMs = Map.copyOf(newestEventTsMs);
    }
}
