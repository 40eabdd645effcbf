package io.torghut.ta.benchmarks.e2e.baseline;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A 1 s bar of the original design: o/h/l/c in arrival order, v, vwap ({@code null} without volume)
 * and count of one symbol's trades in one event-time second, with a per-symbol seq and the wall
 * clock at emit as ingest time. A Flink POJO.
 */
public final class OriginalBar {
    /** The instrument. */
    public String symbol;

    /** Per-symbol counter from 1. */
    public long seq;

    /** Wall clock when the window fired, epoch ms. */
    public long ingestTs;

    /** Inclusive window start, epoch ms. */
    public long windowStartMs;

    /** Exclusive window end, epoch ms: the bar's event time. */
    public long windowEndMs;

    /** First trade's price, by arrival. */
    public double open;

    /** Highest price. */
    public double high;

    /** Lowest price. */
    public double low;

    /** Last trade's price, by arrival. */
    public double close;

    /** Sum of sizes. */
    public double volume;

    /** Sum of price times size over sum of sizes; null when the volume is 0. */
    public Double vwap;

    /** Trades in the bar. */
    public long count;

    /** A bar with every field zero, for Flink's serializer. */
    public OriginalBar() {}

    /**
     * The row written to the bars topic, with the original's field names and its constants (source
     * "ta", version 1, window PT1S); timestamps as ISO-8601 strings.
     */
    public Map<String, Object> toRow() {
        Map<String, Object> row = new LinkedHashMap<>();
        envelope(row, this);
        row.put("o", open);
        row.put("h", high);
        row.put("l", low);
        row.put("c", close);
        row.put("v", volume);
        row.put("vwap", vwap);
        row.put("count", count);
        return row;
    }

    /** The fields bars and signals share, from {@code bar}. */
    static void envelope(Map<String, Object> row, OriginalBar bar) {
        row.put("ingest_ts", Instant.ofEpochMilli(bar.ingestTs).toString());
        row.put("event_ts", Instant.ofEpochMilli(bar.windowEndMs).toString());
        row.put("symbol", bar.symbol);
        row.put("seq", bar.seq);
        row.put("is_final", true);
        row.put("source", "ta");
        row.put("window_size", "PT1S");
        row.put("window_step", null);
        row.put("window_start", Instant.ofEpochMilli(bar.windowStartMs).toString());
        row.put("window_end", Instant.ofEpochMilli(bar.windowEndMs).toString());
        row.put("version", 1);
    }

    @Override
    public String toString() {
        return "OriginalBar" + toRow();
    }
}
