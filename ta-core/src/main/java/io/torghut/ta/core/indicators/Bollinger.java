package io.torghut.ta.core.indicators;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Bollinger bands: an SMA middle band and bands {@code k} population standard deviations away.
 *
 * <p>Formula: {@code middle = SMA(n)}, {@code upper = middle + k * sigma}, {@code lower = middle -
 * k * sigma}, with sigma the population standard deviation over the same n values ({@link StdDev});
 * this is TA-Lib's {@code TA_BBANDS} with SMA and equal deviations, and the original job's
 * definition. Defaults in the signal engine: n = 20, k = 2.
 *
 * <p>Parameters: {@code period} n &gt;= 2, {@code deviations} k finite and &gt; 0.
 *
 * <p>Warm-up: {@code null} until n values have been seen; ready on the n-th value.
 *
 * <p>Non-finite input: rejected with {@link IllegalArgumentException}, state unchanged.
 *
 * <p>Cost: amortised O(1) time per update, O(n) memory.
 */
public final class Bollinger implements Indicator {
    private static final long serialVersionUID = 1L;

    /** The three bands. */
    public record Bands(double middle, double upper, double lower) {}

    private final double deviations;
    private final Sma middle;
    private final StdDev sigma;

    /** Creates bands over {@code period} values at {@code deviations} standard deviations. */
    public Bollinger(int period, double deviations) {
        Checks.period("period", period, 2);
        this.deviations = Checks.positive("deviations", deviations);
        this.middle = new Sma(period);
        this.sigma = new StdDev(period);
    }

    private Bollinger(Bollinger other) {
        this.deviations = other.deviations;
        this.middle = other.middle.copy();
        this.sigma = other.sigma.copy();
    }

    /** Adds a value and returns the bands, or {@code null} during warm-up. */
    public Bands update(double x) {
        Checks.finite("x", x);
        middle.push(x);
        sigma.push(x);
        return value();
    }

    /** The current bands, or {@code null} during warm-up. */
    public Bands value() {
        if (!isReady()) {
            return null;
        }
        return new Bands(middle(), upper(), lower());
    }

    /** The middle band, or NaN during warm-up. */
    public double middle() {
        return middle.value();
    }

    /** The upper band, or NaN during warm-up. */
    public double upper() {
        return middle.value() + deviations * sigma.value();
    }

    /** The lower band, or NaN during warm-up. */
    public double lower() {
        return middle.value() - deviations * sigma.value();
    }

    /** Number of values needed before the first output: n. */
    public int warmupPeriod() {
        return middle.period();
    }

    @Override
    public boolean isReady() {
        return middle.isReady();
    }

    @Override
    public void reset() {
        middle.reset();
        sigma.reset();
    }

    /**
     * Writes the state ({@link IndicatorState}). The SMA and the standard deviation are fed the
     * same values, so their rings are identical and written once (a flag says so); should they ever
     * differ, both are written whole.
     */
    void writeState(DataOutput out) throws IOException {
        boolean shared = middle.sameWindowAs(sigma);
        out.writeByte(shared ? 1 : 0);
        middle.writeState(out);
        if (shared) {
            sigma.writeScalars(out);
        } else {
            sigma.writeState(out);
        }
    }

    /** Restores what {@link #writeState} wrote into bands of the same period. */
    void readState(DataInput in) throws IOException {
        boolean shared = StateIo.readFlags(in, 1, toString()) == 1;
        middle.readState(in);
        if (shared) {
            middle.readTwinState(sigma, in);
        } else {
            sigma.readState(in);
        }
    }

    @Override
    public Bollinger copy() {
        return new Bollinger(this);
    }

    @Override
    public String toString() {
        return "BBANDS(" + middle.period() + "," + deviations + ")";
    }
}
