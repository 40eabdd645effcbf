package io.torghut.ta.core.indicators;

/**
 * Realized volatility: the population standard deviation of log returns over a rolling event-time
 * window, not annualised.
 *
 * <p>Formula: each observation after the first contributes {@code r = ln(p[t] / p[t-1])} at its
 * timestamp; {@code sigma = sqrt( sum(r^2)/N - (sum(r)/N)^2 )} over the N returns in {@code (t -
 * window, t]}, clamped at 0. Log returns of consecutive bars are small and centred near 0, so the
 * two running sums do not cancel catastrophically; they are recomputed from the buckets once per
 * window so rounding cannot drift.
 *
 * <p>Parameters: {@code windowMs} &gt; 0 and {@code granularityMs} &gt; 0 dividing it (the bar
 * length). The original job counted bars instead of time; here a gap in trading shrinks N.
 *
 * <p>Warm-up: NaN until the returns seen span a whole window; after that NaN whenever the window
 * holds fewer than 2 returns (a single return has no dispersion to measure).
 *
 * <p>Non-finite input: rejected with {@link IllegalArgumentException}, state unchanged; prices must
 * be &gt; 0 and timestamps must not go back in time.
 *
 * <p>Cost: amortised O(1) time per update; O(window / granularity) memory.
 */
public final class RealizedVolatility implements Indicator {
    private static final long serialVersionUID = 1L;

    private final long windowMs;
    private final TimeBuckets buckets;
    private double previousPrice = Double.NaN;

    /** Creates realized volatility over {@code windowMs} in buckets of {@code granularityMs}. */
    public RealizedVolatility(long windowMs, long granularityMs) {
        this.windowMs = windowMs;
        this.buckets = new TimeBuckets(windowMs, granularityMs);
    }

    private RealizedVolatility(RealizedVolatility other) {
        this.windowMs = other.windowMs;
        this.buckets = other.buckets.copy();
        this.previousPrice = other.previousPrice;
    }

    /** Adds a price at a timestamp and returns the volatility, or NaN (see warm-up). */
    public double update(long timestampMs, double price) {
        Checks.positive("price", price);
        buckets.checkNotBefore(timestampMs);
        if (Double.isNaN(previousPrice)) {
            previousPrice = price;
            return Double.NaN;
        }
        double r = Math.log(price / previousPrice);
        previousPrice = price;
        buckets.add(timestampMs, r, r * r);
        return value();
    }

    /** The current volatility, or NaN (see warm-up). */
    public double value() {
        long n = buckets.totalCount();
        if (!buckets.covered() || n < 2) {
            return Double.NaN;
        }
        double mean = buckets.totalA() / n;
        double variance = buckets.totalB() / n - mean * mean;
        return Math.sqrt(variance > 0 ? variance : 0);
    }

    /** The window length in milliseconds. */
    public long windowMs() {
        return windowMs;
    }

    /** Number of granularity buckets the returns must span before the first output. */
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
        previousPrice = Double.NaN;
    }

    @Override
    public RealizedVolatility copy() {
        return new RealizedVolatility(this);
    }

    @Override
    public String toString() {
        return "RVOL(" + windowMs + "ms)";
    }
}
