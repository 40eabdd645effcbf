package io.torghut.ta.core.indicators;

/**
 * Volume-weighted average price over a rolling event-time window.
 *
 * <p>Formula: {@code VWAP = sum(notional) / sum(volume)} over the observations whose timestamp
 * falls in {@code (t - window, t]}, where t is the newest timestamp. Fed with bars, notional is the
 * bar's traded notional {@code sum(p * q)} of its trades, so the result is the exact trade-level
 * VWAP of the window, not a close-price approximation.
 *
 * <p>Parameters: {@code windowMs} &gt; 0 and {@code granularityMs} &gt; 0 dividing it (the bar
 * length: 1000 for 1 s bars); timestamps are exact on granularity boundaries (bar ends).
 *
 * <p>Warm-up: NaN until the history spans a whole window ({@code window / granularity} buckets from
 * the first observation). After that the value is also NaN while the window holds no volume.
 *
 * <p>Non-finite input: rejected with {@link IllegalArgumentException}, state unchanged; negative
 * volume is rejected too, and timestamps must not go back in time.
 *
 * <p>Cost: amortised O(1) time per update; O(window / granularity) memory.
 */
public final class RollingVwap implements Indicator {
    private static final long serialVersionUID = 1L;

    private final long windowMs;
    private final TimeBuckets buckets;

    /** Creates a rolling VWAP over {@code windowMs} in buckets of {@code granularityMs}. */
    public RollingVwap(long windowMs, long granularityMs) {
        this.windowMs = windowMs;
        this.buckets = new TimeBuckets(windowMs, granularityMs);
    }

    private RollingVwap(RollingVwap other) {
        this.windowMs = other.windowMs;
        this.buckets = other.buckets.copy();
    }

    /**
     * Adds an observation (for a bar: its end time, its notional and its volume) and returns the
     * VWAP, or NaN during warm-up or when the window has no volume.
     */
    public double update(long timestampMs, double notional, double volume) {
        Checks.finite("notional", notional);
        Checks.nonNegative("volume", volume);
        buckets.add(timestampMs, notional, volume);
        return value();
    }

    /** The current VWAP, or NaN during warm-up or when the window has no volume. */
    public double value() {
        double volume = buckets.totalB();
        return buckets.covered() && volume > 0 ? buckets.totalA() / volume : Double.NaN;
    }

    /** The window length in milliseconds. */
    public long windowMs() {
        return windowMs;
    }

    /** Number of granularity buckets the history must span before the first output. */
    public int warmupPeriod() {
        return buckets.capacity();
    }

    @Override
    public boolean isReady() {
        return buckets.covered();
    }

    @Override
    public void reset() {
        buckets.reset();
    }

    @Override
    public RollingVwap copy() {
        return new RollingVwap(this);
    }

    @Override
    public String toString() {
        return "VWAP(" + windowMs + "ms)";
    }
}
