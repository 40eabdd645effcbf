package io.torghut.ta.core.indicators;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * MACD: the difference of a fast and a slow EMA, its signal EMA, and their difference.
 *
 * <p>Formula: {@code line = EMA(fast) - EMA(slow)}, {@code signal = EMA(signalPeriod)} of the line,
 * {@code histogram = line - signal}. Defaults 12/26/9.
 *
 * <p>Seeding (a documented choice; sources disagree, see docs/indicators.md): each EMA is a
 * standalone {@link Ema}, seeded by the SMA of its own first n inputs. So the fast line equals the
 * {@code ema12} column exactly and {@code macd == ema12 - ema26} always holds. The signal EMA is
 * seeded by the SMA of the first {@code signalPeriod} line values. TA-Lib's {@code TA_MACD} instead
 * seeds the fast EMA with the SMA of the <em>last</em> 12 of the first 26 inputs; the two agree
 * exactly on warm-up length (lookback 33 for 12/26/9) and converge geometrically afterwards (the
 * difference shrinks by 11/13 a bar, below 1e-12 relative within ~200 bars).
 *
 * <p>Parameters: {@code fast} &gt;= 1, {@code slow} &gt; {@code fast}, {@code signal} &gt;= 1.
 *
 * <p>Warm-up: {@code null} until {@code slow + signal - 1} values have been seen (34 for 12/26/9);
 * {@link #line()} alone is available from the {@code slow}-th value.
 *
 * <p>Non-finite input: rejected with {@link IllegalArgumentException}, state unchanged.
 *
 * <p>Cost: O(1) time and memory per update.
 */
public final class Macd implements Indicator {
    private static final long serialVersionUID = 1L;

    /** MACD line, signal line and histogram. */
    public record Value(double line, double signal, double histogram) {}

    private final Ema fast;
    private final Ema slow;
    private final Ema signal;

    /** Creates a MACD with the given EMA periods. */
    public Macd(int fastPeriod, int slowPeriod, int signalPeriod) {
        Checks.period("fastPeriod", fastPeriod, 1);
        Checks.period("signalPeriod", signalPeriod, 1);
        if (slowPeriod <= fastPeriod) {
            throw new IllegalArgumentException(
                    "slowPeriod must be an integer > fastPeriod ("
                            + fastPeriod
                            + "), got "
                            + slowPeriod);
        }
        this.fast = new Ema(fastPeriod);
        this.slow = new Ema(slowPeriod);
        this.signal = new Ema(signalPeriod);
    }

    /** Creates the standard 12/26/9 MACD. */
    public Macd() {
        this(12, 26, 9);
    }

    private Macd(Macd other) {
        this.fast = other.fast.copy();
        this.slow = other.slow.copy();
        this.signal = other.signal.copy();
    }

    /** Adds a value and returns line/signal/histogram, or {@code null} during warm-up. */
    public Value update(double x) {
        Checks.finite("x", x);
        fast.push(x);
        slow.push(x);
        if (slow.isReady()) {
            // Checked: the difference of two finite EMAs can still overflow.
            signal.update(fast.value() - slow.value());
        }
        return value();
    }

    /** The current value, or {@code null} during warm-up. */
    public Value value() {
        return isReady() ? new Value(line(), signal(), histogram()) : null;
    }

    /** The MACD line, or NaN until the slow EMA is ready. */
    public double line() {
        return fast.value() - slow.value();
    }

    /** The signal line, or NaN during warm-up. */
    public double signal() {
        return signal.value();
    }

    /** The histogram, or NaN during warm-up. */
    public double histogram() {
        return line() - signal.value();
    }

    /** The fast EMA's current value (equal to a standalone {@link Ema} of the fast period). */
    public double fastEma() {
        return fast.value();
    }

    /** The slow EMA's current value (equal to a standalone {@link Ema} of the slow period). */
    public double slowEma() {
        return slow.value();
    }

    /** Number of values needed before the first output: slow + signal - 1. */
    public int warmupPeriod() {
        return slow.period() + signal.period() - 1;
    }

    @Override
    public boolean isReady() {
        return signal.isReady();
    }

    @Override
    public void reset() {
        fast.reset();
        slow.reset();
        signal.reset();
    }

    /** Writes the state ({@link IndicatorState}): the three EMAs'. */
    void writeState(DataOutput out) throws IOException {
        fast.writeState(out);
        slow.writeState(out);
        signal.writeState(out);
    }

    /** Restores what {@link #writeState} wrote into a MACD of the same periods. */
    void readState(DataInput in) throws IOException {
        fast.readState(in);
        slow.readState(in);
        signal.readState(in);
    }

    @Override
    public Macd copy() {
        return new Macd(this);
    }

    @Override
    public String toString() {
        return "MACD(" + fast.period() + "," + slow.period() + "," + signal.period() + ")";
    }
}
