package io.torghut.ta.core.indicators;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * Population standard deviation over the last {@code period} values.
 *
 * <p>Formula: {@code sigma = sqrt( sum((x[i] - mean)^2) / n )} over the window (population, divide
 * by n, as TA-Lib's {@code TA_STDDEV} with nbDev 1 and the Bollinger definition).
 *
 * <p>Numerics: running sums of {@code x - K} and {@code (x - K)^2} around a shift K taken from the
 * window itself, so the subtraction {@code x - K} is exact (Sterbenz) and the sums stay on the
 * scale of the spread, not of the price level; every n updates the shift is re-taken and the sums
 * recomputed exactly from the window (amortised O(1)), so rounding cannot accumulate. The variance
 * is clamped at 0. Unlike the textbook {@code E[x^2] - E[x]^2} (which TA-Lib uses) this keeps full
 * precision when the level is large and the spread tiny.
 *
 * <p>Parameters: {@code period} n &gt;= 1 (n = 1 gives 0 once ready).
 *
 * <p>Warm-up: NaN until n values have been seen; ready on the n-th value.
 *
 * <p>Non-finite input: rejected with {@link IllegalArgumentException}, state unchanged.
 *
 * <p>Cost: amortised O(1) time per update, O(n) memory.
 */
public final class StdDev implements Indicator {
    private static final long serialVersionUID = 1L;

    private final int period;
    private final double[] window;
    private int next;
    private int count;
    private int sinceRecompute;
    private double shift;
    private double sum;
    private double sumSquares;

    /** Creates a population standard deviation over {@code period} values. */
    public StdDev(int period) {
        this.period = Checks.period("period", period, 1);
        this.window = new double[period];
    }

    private StdDev(StdDev other) {
        this.period = other.period;
        this.window = other.window.clone();
        this.next = other.next;
        this.count = other.count;
        this.sinceRecompute = other.sinceRecompute;
        this.shift = other.shift;
        this.sum = other.sum;
        this.sumSquares = other.sumSquares;
    }

    /** Adds a value and returns the standard deviation, or NaN during warm-up. */
    public double update(double x) {
        Checks.finite("x", x);
        push(x);
        return value();
    }

    /**
     * {@link #update} without the check and the result (a square root), for composites that checked
     * already and read the deviation only when they need it.
     */
    void push(double x) {
        if (count == 0) {
            shift = x;
        }
        double d = x - shift;
        if (count < period) {
            count++;
        } else {
            double old = window[next] - shift;
            sum -= old;
            sumSquares -= old * old;
        }
        sum += d;
        sumSquares += d * d;
        window[next] = x;
        next = next + 1 == period ? 0 : next + 1;
        if (++sinceRecompute >= period) {
            recompute(x);
        }
    }

    private void recompute(double newShift) {
        double s = 0;
        double q = 0;
        for (int i = 0; i < count; i++) {
            double d = window[i] - newShift;
            s += d;
            q += d * d;
        }
        shift = newShift;
        sum = s;
        sumSquares = q;
        sinceRecompute = 0;
    }

    /** The current standard deviation, or NaN during warm-up. */
    public double value() {
        return count == period ? Math.sqrt(variance()) : Double.NaN;
    }

    /** The mean of the window, or NaN during warm-up. */
    public double mean() {
        return count == period ? shift + sum / period : Double.NaN;
    }

    private double variance() {
        double m = sum / period;
        double v = sumSquares / period - m * m;
        return v > 0 ? v : 0;
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
        sinceRecompute = 0;
        shift = 0;
        sum = 0;
        sumSquares = 0;
    }

    /** Writes the state ({@link IndicatorState}): the ring, then {@link #writeScalars the rest}. */
    void writeState(DataOutput out) throws IOException {
        StateIo.writeRing(out, window, count, next);
        writeScalars(out);
    }

    /** Restores what {@link #writeState} wrote into a standard deviation of the same period. */
    void readState(DataInput in) throws IOException {
        long fill = StateIo.readRingFill(in, period, toString());
        StateIo.readRingValues(in, window, (int) (fill >>> 32));
        readScalars(in, (int) (fill >>> 32), (int) fill);
    }

    /**
     * The state besides the ring: the shift and the shifted sums (running values, exact only up to
     * the next recompute, so written as they are) and the updates since the last recompute.
     */
    void writeScalars(DataOutput out) throws IOException {
        StateIo.writeVarLong(out, sinceRecompute);
        if (count > 0) {
            StateIo.writeDouble(out, shift);
            StateIo.writeDouble(out, sum);
            StateIo.writeDouble(out, sumSquares);
        }
    }

    /** Restores the scalars after the ring was restored from a twin ({@link Bollinger}). */
    void readScalarsSharingWindow(DataInput in, double[] values, int count, int next)
            throws IOException {
        System.arraycopy(values, 0, window, 0, period);
        readScalars(in, count, next);
    }

    private void readScalars(DataInput in, int count, int next) throws IOException {
        this.count = count;
        this.next = next;
        sinceRecompute =
                StateIo.readVarInt(in, 0, period - 1, toString() + " updates since recompute");
        shift = count > 0 ? StateIo.readDouble(in) : 0;
        sum = count > 0 ? StateIo.readDouble(in) : 0;
        sumSquares = count > 0 ? StateIo.readDouble(in) : 0;
    }

    /** Whether this ring holds exactly these values, bit for bit, at the same fill. */
    boolean sameWindow(double[] values, int count, int next) {
        if (values.length != period || count != this.count || next != this.next) {
            return false;
        }
        for (int i = 0; i < period; i++) {
            if (Double.doubleToRawLongBits(values[i]) != Double.doubleToRawLongBits(window[i])) {
                return false;
            }
        }
        return true;
    }

    @Override
    public StdDev copy() {
        return new StdDev(this);
    }

    @Override
    public String toString() {
        return "STDDEV(" + period + ")";
    }
}
