package io.torghut.ta.core.indicators;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

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

    /**
     * Writes the state ({@link IndicatorState}): the previous price (NaN before the first), then
     * the buckets in {@link ReturnSlots}.
     */
    void writeState(DataOutput out) throws IOException {
        StateIo.writeDouble(out, previousPrice);
        buckets.writeState(out, ReturnSlots.INSTANCE);
    }

    /** Restores what {@link #writeState} wrote into a volatility of the same window. */
    void readState(DataInput in) throws IOException {
        double price = StateIo.readDouble(in);
        if (!Double.isNaN(price) && !(Double.isFinite(price) && price > 0)) {
            throw StateIo.corrupt(toString() + " previous price must be NaN or > 0, got " + price);
        }
        buckets.readState(in, ReturnSlots.INSTANCE);
        previousPrice = price;
    }

    @Override
    public RealizedVolatility copy() {
        return new RealizedVolatility(this);
    }

    @Override
    public String toString() {
        return "RVOL(" + windowMs + "ms)";
    }

    /**
     * The slots of a returns ring: a bucket with one return r holds r and exactly {@code r * r} (a
     * sum of one term, bit for bit), so only r is written. Buckets that are not so (several returns
     * in one bucket) are listed first as (gap, count, sum, sum of squares), then the others'
     * returns follow raw: log returns have no structure a lossless encoding could use.
     */
    static final class ReturnSlots implements TimeBuckets.SlotFormat {
        static final ReturnSlots INSTANCE = new ReturnSlots();

        private ReturnSlots() {}

        private static boolean single(int count, double r, double square) {
            return count == 1
                    && Double.doubleToRawLongBits(square) == Double.doubleToRawLongBits(r * r);
        }

        @Override
        public void write(DataOutput out, double[] a, double[] b, int[] counts, int[] slots, int n)
                throws IOException {
            int others = 0;
            for (int i = 0; i < n; i++) {
                int s = slots[i];
                others += single(counts[s], a[s], b[s]) ? 0 : 1;
            }
            StateIo.writeVarLong(out, others);
            int last = -1;
            for (int i = 0; i < n; i++) {
                int s = slots[i];
                if (!single(counts[s], a[s], b[s])) {
                    StateIo.writeVarLong(out, i - last - 1);
                    StateIo.writeVarLong(out, counts[s]);
                    StateIo.writeDouble(out, a[s]);
                    StateIo.writeDouble(out, b[s]);
                    last = i;
                }
            }
            for (int i = 0; i < n; i++) {
                int s = slots[i];
                if (single(counts[s], a[s], b[s])) {
                    StateIo.writeDouble(out, a[s]);
                }
            }
        }

        @Override
        public void read(DataInput in, double[] a, double[] b, int[] counts, int[] slots, int n)
                throws IOException {
            int others = StateIo.readVarInt(in, 0, n, "number of buckets of several returns");
            int last = -1;
            for (int j = 0; j < others; j++) {
                int i = last + 1 + StateIo.readVarInt(in, 0, n - last - 2, "bucket gap");
                int s = slots[i];
                counts[s] = StateIo.readVarInt(in, 1, Integer.MAX_VALUE, "returns in a bucket");
                a[s] = StateIo.readDouble(in);
                b[s] = StateIo.readDouble(in);
                last = i;
            }
            for (int i = 0; i < n; i++) {
                int s = slots[i];
                if (counts[s] == 0) {
                    double r = StateIo.readDouble(in);
                    counts[s] = 1;
                    a[s] = r;
                    b[s] = r * r;
                }
            }
        }
    }
}
