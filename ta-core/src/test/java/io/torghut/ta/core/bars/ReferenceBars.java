package io.torghut.ta.core.bars;

import io.torghut.ta.core.bars.MicroBarAggregator.Outcome;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The one brute-force model of {@link MicroBarAggregator}'s contract, written for clarity, not
 * speed, that every bar test compares with (this module's unit tests, the fuzz tests and the
 * testkit's reference of a whole tape): every open window is a sorted set of its trades in
 * canonical order, a trade is late when its window's fire timestamp ({@code start + w - 1 +
 * lateness}) is at or below the highest watermark seen, a duplicate is a trade equal in all four
 * fields, and a bar is folded from its sorted trades when the watermark reaches the window's fire
 * timestamp.
 */
public final class ReferenceBars {
    /** A trade as given to {@code add}. Record equality compares doubles like Double.compare. */
    public record Trade(long ts, long seq, double price, double size) {}

    /** The aggregator's canonical order: event time, then seq, then price, then size. */
    public static final Comparator<Trade> CANONICAL =
            Comparator.comparingLong(Trade::ts)
                    .thenComparingLong(Trade::seq)
                    .thenComparingDouble(Trade::price)
                    .thenComparingDouble(Trade::size);

    private final String symbol;
    private final long windowMs;
    private final long allowedLatenessMs;
    private final TreeMap<Long, TreeSet<Trade>> open = new TreeMap<>();
    private long watermark = Long.MIN_VALUE;

    /** A model of {@code new MicroBarAggregator(symbol, windowMs, allowedLatenessMs)}. */
    public ReferenceBars(String symbol, long windowMs, long allowedLatenessMs) {
        this.symbol = symbol;
        this.windowMs = windowMs;
        this.allowedLatenessMs = allowedLatenessMs;
    }

    /**
     * The bars of trades that are all on time, whatever their order: every window of {@code
     * windowMs} that holds a trade, duplicates counted once, in window order.
     */
    public static List<Bar> of(String symbol, long windowMs, Collection<Trade> trades) {
        ReferenceBars model = new ReferenceBars(symbol, windowMs, 0);
        trades.forEach(t -> model.add(t, Long.MIN_VALUE));
        return model.advance(Long.MAX_VALUE);
    }

    /** What {@code MicroBarAggregator.add} answers for this trade at this watermark. */
    public Outcome add(Trade t, long currentWatermark) {
        watermark = Math.max(watermark, currentWatermark);
        long start = Math.floorDiv(t.ts(), windowMs) * windowMs;
        if (fireTimestamp(start) <= watermark) {
            return Outcome.LATE;
        }
        return open.computeIfAbsent(start, s -> new TreeSet<>(CANONICAL)).add(t)
                ? Outcome.ACCEPTED
                : Outcome.DUPLICATE;
    }

    /** The bars the watermark closes, in window order. */
    public List<Bar> advance(long newWatermark) {
        watermark = Math.max(watermark, newWatermark);
        List<Bar> out = new ArrayList<>();
        while (!open.isEmpty() && fireTimestamp(open.firstKey()) <= watermark) {
            Map.Entry<Long, TreeSet<Trade>> w = open.pollFirstEntry();
            out.add(bar(symbol, w.getKey(), windowMs, new ArrayList<>(w.getValue())));
        }
        return out;
    }

    /** The watermark at which the window starting at {@code start} closes. */
    public long fireTimestamp(long start) {
        return start + windowMs - 1 + allowedLatenessMs;
    }

    /** The fire timestamp of the oldest open window, or {@code Long.MAX_VALUE}. */
    public long nextFireTimestamp() {
        return open.isEmpty() ? Long.MAX_VALUE : fireTimestamp(open.firstKey());
    }

    /** Windows holding at least one trade. */
    public int openWindows() {
        return open.size();
    }

    /** Trades held in open windows. */
    public int bufferedTrades() {
        return open.values().stream().mapToInt(TreeSet::size).sum();
    }

    /** The highest watermark seen. */
    public long watermark() {
        return watermark;
    }

    /** One window's bar from its trades in canonical order, sums taken in that order. */
    private static Bar bar(String symbol, long start, long windowMs, List<Trade> sorted) {
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
