package io.torghut.ta.core.indicators;

import java.util.Arrays;

/**
 * Population standard deviation over the last {@code period} values.
 *
 * <p>Formula: {@code sigma = sqrt( sum((x[i] - mean)^2) / n )} over the window (population, divide
 * by n, as TA-Lib's {@code TA_STDDEV} with nbDev 1 and the Bollinger definition).
 *
 * <p>Numerics: a sliding Welford update of the mean and the sum of squared deviations, with an
 * exact two-pass recomputation over the window once every n updates (amortised O(1)) so rounding
 * cannot accumulate; the variance is clamped at 0. Unlike the textbook {@code E[x^2] - E[x]^2}
 * (which TA-Lib uses) it keeps full precision when the level is large and the spread is tiny.
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
    private double mean;
    private double m2;

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
        this.mean = other.mean;
        this.m2 = other.m2;
    }

    /** Adds a value and returns the standard deviation, or NaN during warm-up. */
    public double update(double x) {
        Checks.finite("x", x);
        if (count < period) {
            count++;
            double delta = x - mean;
            mean += delta / count;
            m2 += delta * (x - mean);
        } else {
            double old = window[next];
            double oldMean = mean;
            mean += (x - old) / period;
            m2 += (x - old) * (x - mean + old - oldMean);
        }
        window[next] = x;
        next = next + 1 == period ? 0 : next + 1;
        if (count == period && ++sinceRecompute >= period) {
            recompute();
        }
        return value();
    }

    private void recompute() {
        double s = 0;
        for (double v : window) {
            s += v;
        }
        double m = s / period;
        double acc = 0;
        for (double v : window) {
            double d = v - m;
            acc += d * d;
        }
        mean = m;
        m2 = acc;
        sinceRecompute = 0;
    }

    /** The current standard deviation, or NaN during warm-up. */
    public double value() {
        return count == period ? Math.sqrt(variance()) : Double.NaN;
    }

    /** The mean of the window, or NaN during warm-up. */
    public double mean() {
        return count == period ? mean : Double.NaN;
    }

    private double variance() {
        double v = m2 / period;
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
        mean = 0;
        m2 = 0;
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
