package io.torghut.ta.core.indicators;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Exponential moving average with smoothing {@code k = 2 / (n + 1)}, seeded like TA-Lib.
 *
 * <p>Formula: the first value is the SMA of the first n inputs; afterwards {@code EMA[t] = (x[t] -
 * EMA[t-1]) * k + EMA[t-1]}. This is TA-Lib's default ({@code TA_EMA}, classic seeding, unstable
 * period 0) and TradingView's; it differs from ta4j and pandas {@code ewm(adjust=False)}, which
 * seed with the first value and emit from the first bar.
 *
 * <p>Parameters: {@code period} n &gt;= 1.
 *
 * <p>Warm-up: NaN until n values have been seen; ready on the n-th value (TA-Lib lookback n-1).
 *
 * <p>Non-finite input: rejected with {@link IllegalArgumentException}, state unchanged.
 *
 * <p>Cost: O(1) time and memory per update.
 *
 * <pre>{@code
 * Ema ema = new Ema(12);
 * for (double close : closes) ema.update(close);
 * }</pre>
 */
public final class Ema implements Indicator {
    private static final long serialVersionUID = 1L;

    private final int period;
    private final double k;
    private int count;
    private double seedSum;
    private double value = Double.NaN;

    /** Creates an EMA over {@code period} values. */
    public Ema(int period) {
        this.period = Checks.period("period", period, 1);
        this.k = 2.0 / (period + 1);
    }

    private Ema(Ema other) {
        this.period = other.period;
        this.k = other.k;
        this.count = other.count;
        this.seedSum = other.seedSum;
        this.value = other.value;
    }

    /** Adds a value and returns the EMA, or NaN during warm-up. */
    public double update(double x) {
        Checks.finite("x", x);
        push(x);
        return value;
    }

    /**
     * {@link #update} without the finiteness check, for composites that checked their input once
     * already (MACD checks each value before its three EMAs see it).
     */
    void push(double x) {
        if (count < period) {
            seedSum += x;
            count++;
            if (count == period) {
                value = seedSum / period;
            }
        } else {
            // Same operation order as TA-Lib so golden comparisons agree to the last bits.
            value = ((x - value) * k) + value;
        }
    }

    /** The current EMA, or NaN during warm-up. */
    public double value() {
        return value;
    }

    /** The period n. */
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
        count = 0;
        seedSum = 0;
        value = Double.NaN;
    }

    /**
     * Writes the state ({@link IndicatorState}): the count, then the seed sum while warming up or
     * the value once ready. The seed sum is not written once ready because nothing reads it then
     * (only {@link #reset()} clears it), so a restored EMA keeps 0 there.
     */
    void writeState(DataOutput out) throws IOException {
        StateIo.writeVarLong(out, count);
        if (count == period) {
            StateIo.writeDouble(out, value);
        } else if (count > 0) {
            StateIo.writeDouble(out, seedSum);
        }
    }

    /** Restores what {@link #writeState} wrote into an EMA of the same period. */
    void readState(DataInput in) throws IOException {
        count = StateIo.readVarInt(in, 0, period, toString() + " count");
        seedSum = count > 0 && count < period ? StateIo.readDouble(in) : 0;
        value = count == period ? StateIo.readDouble(in) : Double.NaN;
    }

    @Override
    public Ema copy() {
        return new Ema(this);
    }

    @Override
    public String toString() {
        return "EMA(" + period + ")";
    }
}
