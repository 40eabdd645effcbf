package io.torghut.ta.core.indicators;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Relative strength index with Wilder's smoothing, seeded like TA-Lib.
 *
 * <p>Formula: with {@code d = x[t] - x[t-1]}, gain = max(d, 0), loss = max(-d, 0). The first
 * averages are the plain means of the first n gains and losses (n + 1 inputs); afterwards {@code
 * avg = (avg * (n - 1) + current) / n}. {@code RSI = 100 * avgGain / (avgGain + avgLoss)}, which
 * equals the textbook {@code 100 - 100 / (1 + RS)}. This is TA-Lib's {@code TA_RSI} (classic mode,
 * unstable period 0), computed in the same operation order.
 *
 * <p>Flat series: when both averages are 0 (no movement in the smoothed history) the value is
 * defined as 50, neutral. TA-Lib returns 0 there and ta4j 0 or 100; 0 would read as "extremely
 * oversold" to a trading rule, which a flat market is not.
 *
 * <p>Parameters: {@code period} n &gt;= 1.
 *
 * <p>Warm-up: NaN until n + 1 values have been seen (TA-Lib lookback n).
 *
 * <p>Non-finite input: rejected with {@link IllegalArgumentException}, state unchanged.
 *
 * <p>Cost: O(1) time and memory per update.
 */
public final class Rsi implements Indicator {
    private static final long serialVersionUID = 1L;

    /** The value reported for a flat history, where gains and losses are both zero. */
    public static final double FLAT_VALUE = 50.0;

    private final int period;
    private int count;
    private double previous;
    private double avgGain;
    private double avgLoss;

    /** Creates an RSI over {@code period} price changes. */
    public Rsi(int period) {
        this.period = Checks.period("period", period, 1);
    }

    private Rsi(Rsi other) {
        this.period = other.period;
        this.count = other.count;
        this.previous = other.previous;
        this.avgGain = other.avgGain;
        this.avgLoss = other.avgLoss;
    }

    /** Adds a value and returns the RSI in [0, 100], or NaN during warm-up. */
    public double update(double x) {
        Checks.finite("x", x);
        if (count == 0) {
            previous = x;
            count = 1;
            return Double.NaN;
        }
        double change = x - previous;
        previous = x;
        if (count <= period) {
            if (change < 0) {
                avgLoss -= change;
            } else {
                avgGain += change;
            }
            count++;
            if (count == period + 1) {
                avgLoss /= period;
                avgGain /= period;
            }
        } else {
            avgLoss *= (period - 1);
            avgGain *= (period - 1);
            if (change < 0) {
                avgLoss -= change;
            } else {
                avgGain += change;
            }
            avgLoss /= period;
            avgGain /= period;
        }
        return value();
    }

    /** The current RSI, or NaN during warm-up. */
    public double value() {
        if (!isReady()) {
            return Double.NaN;
        }
        double total = avgGain + avgLoss;
        return total == 0 ? FLAT_VALUE : 100.0 * (avgGain / total);
    }

    /** The period n. */
    public int period() {
        return period;
    }

    /** Number of values needed before the first output: n + 1. */
    public int warmupPeriod() {
        return period + 1;
    }

    @Override
    public boolean isReady() {
        return count > period;
    }

    @Override
    public void reset() {
        count = 0;
        previous = 0;
        avgGain = 0;
        avgLoss = 0;
    }

    /**
     * Writes the state ({@link IndicatorState}): the count, the previous input once there is one,
     * and the two averages once there is a change (before that they are 0).
     */
    void writeState(DataOutput out) throws IOException {
        StateIo.writeVarLong(out, count);
        if (count > 0) {
            StateIo.writeDouble(out, previous);
        }
        if (count > 1) {
            StateIo.writeDouble(out, avgGain);
            StateIo.writeDouble(out, avgLoss);
        }
    }

    /** Restores what {@link #writeState} wrote into an RSI of the same period. */
    void readState(DataInput in) throws IOException {
        count = StateIo.readVarInt(in, 0, period + 1, toString() + " count");
        previous = count > 0 ? StateIo.readDouble(in) : 0;
        avgGain = count > 1 ? StateIo.readDouble(in) : 0;
        avgLoss = count > 1 ? StateIo.readDouble(in) : 0;
    }

    @Override
    public Rsi copy() {
        return new Rsi(this);
    }

    @Override
    public String toString() {
        return "RSI(" + period + ")";
    }
}
