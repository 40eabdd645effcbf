package io.torghut.ta.chart;

/** Of two versions of one identity, the one ClickHouse's ReplacingMergeTree keeps. */
final class Newest {
    private Newest() {}

    /** The row with the later {@code ingest_ts}; on a tie the later one read, as a merge would. */
    static ChartRow of(ChartRow a, ChartRow b) {
        return b.ingestTsMs() >= a.ingestTsMs() ? b : a;
    }
}
