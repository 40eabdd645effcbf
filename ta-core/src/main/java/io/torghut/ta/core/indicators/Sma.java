package io.torghut.ta.core.indicators;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * Simple moving average over the last {@code period} values.
 *
 * <p>Formula: {@code SMA = (x[t-n+1] + ... + x[t]) / n}, the same as TA-Lib's {@code TA_SMA}.
 *
 * <p>Parameters: {@code period} n &gt;= 1.
 *
 * <p>Warm-up: NaN until n values have been seen; ready on the n-th value (TA-Lib lookback n-1).
 *
 * <p>Non-finite input: rejected with {@link IllegalArgumentException}, state unchanged.
 *
 * <p>Cost: O(1) time per update (a ring buffer and a Neumaier-compensated running sum, so the sum
 * does not drift over millions of updates), O(n) memory.
 *
 * <pre>{@code
 * Sma sma = new Sma(3);
 * sma.update(1); sma.update(2); double v = sma.update(3); // v == 2.0
 * }</pre>
 */
public final class Sma implements Indicator {
    private static final long serialVersionUID = 1L;

    private final int period;
    private final double[] window;
    private int next;
    private int count;
    private double sum;
    private double compensation;

    /** Creates an SMA over {@code period} values. */
    public Sma(int period) {
        this.period = Checks.period("period", period, 1);
        this.window = new double[period];
    }

    private Sma(Sma other) {
        this.period = other.period;
        this.window = other.window.clone();
        this.next = other.next;
        this.count = other.count;
        this.sum = other.sum;
        this.compensation = other.compensation;
    }

    /** Adds a value and returns the average, or NaN during warm-up. */
    public double update(double x) {
        Checks.finite("x", x);
        push(x);
        return value();
    }

    /** {@link #update} without the check and the result, for composites that checked already. */
    void push(double x) {
        if (count == period) {
            add(-window[next]);
        } else {
            count++;
        }
        window[next] = x;
        next = next + 1 == period ? 0 : next + 1;
        add(x);
    }

    private void add(double x) {
        // Neumaier's variant of Kahan summation: exact enough that the ring's running sum matches
        // a fresh recomputation to the last few ulps, however long the stream runs.
        double t = sum + x;
        if (Math.abs(sum) >= Math.abs(x)) {
            compensation += (sum - t) + x;
        } else {
            compensation += (x - t) + sum;
        }
        sum = t;
    }

    /** The current average, or NaN during warm-up. */
    public double value() {
        return count == period ? (sum + compensation) / period : Double.NaN;
    }

    /** The window length n. */
    public int period() {
        return period;
    }

    /** Number of values needed before the first output: n. */
    public int warmupPeriod() {
        return period;
    }

    @Override
    public boolean isReady() {
        return count == period;
    }

    @Override
    public void reset() {
        Arrays.fill(window, 0);
        next = 0;
        count = 0;
        sum = 0;
        compensation = 0;
    }

    /**
     * Writes the state ({@link IndicatorState}): the ring, then the running sum and its
     * compensation, which depend on the whole history and so are not recomputed from the window.
     */
    void writeState(DataOutput out) throws IOException {
        StateIo.writeRing(out, window, count, next);
        if (count > 0) {
            StateIo.writeDouble(out, sum);
            StateIo.writeDouble(out, compensation);
        }
    }

    /** Restores what {@link #writeState} wrote into an SMA of the same period. */
    void readState(DataInput in) throws IOException {
        long fill = StateIo.readRingFill(in, period, toString());
        count = (int) (fill >>> 32);
        next = (int) fill;
        StateIo.readRingValues(in, window, count);
        sum = count > 0 ? StateIo.readDouble(in) : 0;
        compensation = count > 0 ? StateIo.readDouble(in) : 0;
    }

    /** Whether {@code sigma} holds the same values in the same ring positions (Bollinger's two). */
    boolean sameWindowAs(StdDev sigma) {
        return sigma.sameWindow(window, count, next);
    }

    /** Restores {@code sigma}'s scalars over a copy of this ring ({@link Bollinger}'s twin). */
    void readTwinState(StdDev sigma, DataInput in) throws IOException {
        sigma.readScalarsSharingWindow(in, window, count, next);
    }

    @Override
    public Sma copy() {
        return new Sma(this);
    }

    @Override
    public String toString() {
        return "SMA(" + period + ")";
    }
}
