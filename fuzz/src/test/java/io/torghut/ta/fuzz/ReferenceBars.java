package io.torghut.ta.fuzz;

import io.torghut.ta.core.bars.Bar;
import io.torghut.ta.core.bars.MicroBarAggregator.Outcome;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A brute-force model of the {@code MicroBarAggregator} Javadoc, written for clarity, not speed:
 * every open window is a sorted set of its trades in canonical order, a trade is late when its
 * window's fire timestamp ({@code start + w - 1 + lateness}) is at or below the highest watermark
 * seen, a duplicate is a trade equal in all four fields, and a bar is aggregated from its sorted
 * trades when the watermark reaches the window's fire timestamp.
 */
final class ReferenceBars {
    /** A trade as given to {@code add}. Record equality compares doubles like Double.compare. */
    record Trade(long ts, long seq, double price, double size) {}

    /** The aggregator's canonical order: event time, then seq, then price, then size. */
    static final Comparator<Trade> CANONICAL =
            Comparator.comparingLong(Trade::ts)
                    .thenComparingLong(Trade::seq)
                    .thenComparingDouble(Trade::price)
                    .thenComparingDouble(Trade::size);

    private final String symbol;
    private final long windowMs;
    private final long allowedLatenessMs;
    private final TreeMap<Long, TreeSet<Trade>> open = new TreeMap<>();
    private long watermark = Long.MIN_VALUE;

    ReferenceBars(String symbol, long windowMs, long allowedLatenessMs) {
        this.symbol = symbol;
        this.windowMs = windowMs;
        this.allowedLatenessMs = allowedLatenessMs;
    }

    Outcome add(Trade t, long currentWatermark) {
        watermark = Math.max(watermark, currentWatermark);
        long start = Math.floorDiv(t.ts(), windowMs) * windowMs;
        if (fireTimestamp(start) <= watermark) {
            return Outcome.LATE;
        }
        return open.computeIfAbsent(start, s -> new TreeSet<>(CANONICAL)).add(t)
                ? Outcome.ACCEPTED
                : Outcome.DUPLICATE;
    }

    List<Bar> advance(long newWatermark) {
        watermark = Math.max(watermark, newWatermark);
        List<Bar> out = new ArrayList<>();
        while (!open.isEmpty() && fireTimestamp(open.firstKey()) <= watermark) {
            Map.Entry<Long, TreeSet<Trade>> w = open.pollFirstEntry();
            out.add(bar(symbol, w.getKey(), windowMs, new ArrayList<>(w.getValue())));
        }
        return out;
    }

    long fireTimestamp(long start) {
        return start + windowMs - 1 + allowedLatenessMs;
    }

    long nextFireTimestamp() {
        return open.isEmpty() ? Long.MAX_VALUE : fireTimestamp(open.firstKey());
    }

    int openWindows() {
        return open.size();
    }

    int bufferedTrades() {
        return open.values().stream().mapToInt(TreeSet::size).sum();
    }

    long watermark() {
        return watermark;
    }

    /** One window's bar from its trades in canonical order, sums taken in that order. */
    static Bar bar(String symbol, long start, long windowMs, List<Trade> sorted) {
        double high = Double.NEGATIVE_INFINITY;
        double low = Double.POSITIVE_INFINITY;
        double volume = 0;
        double notional = 0;
        for (Trade t : sorted) {
            high = Math.max(high, t.price());
            low = Math.min(low, t.price());
            volume += t.size();
            notional += t.price() * t.size();
        }
        return new Bar(
                symbol,
                start,
                start + windowMs,
                sorted.get(0).price(),
                high,
                low,
                sorted.get(sorted.size() - 1).price(),
                volume,
                notional,
                sorted.size(),
                true);
    }
}
