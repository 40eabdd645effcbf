package io.torghut.ta.benchmarks;

import com.tictactec.ta.lib.Core;
import com.tictactec.ta.lib.MAType;
import com.tictactec.ta.lib.MInteger;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * Baseline: TA-Lib's Java port used the only way it can be used on a stream, a batch call over the
 * retained 360-bar window for every new bar, taking the last output.
 *
 * <p>TA-Lib has no incremental API, so this is its streaming-comparable call: each call recomputes
 * the whole window (its outputs for the earlier bars are thrown away), as the original job did with
 * ta4j. The window slides by one bar per call over {@link MarketData}'s closes, in place, so no
 * copying is measured. {@code allSignals} is the signal engine's close-based set in one go.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class TaLibBaselineBenchmark {
    private static final int W = MarketData.WINDOW;

    private final Core core = new Core();
    private final double[] closes = new MarketData().closes();
    private final MInteger begin = new MInteger();
    private final MInteger count = new MInteger();
    private final double[] out1 = new double[W];
    private final double[] out2 = new double[W];
    private final double[] out3 = new double[W];
    private int i;

    private int start() {
        int s = i;
        i = s + 1 == closes.length - W ? 0 : s + 1;
        return s;
    }

    private double last(double[] out) {
        return out[count.value - 1];
    }

    /** TA_SMA(20) over the window. */
    @Benchmark
    public double sma20() {
        int s = start();
        core.sma(s, s + W - 1, closes, 20, begin, count, out1);
        return last(out1);
    }

    /** TA_EMA(12) over the window. */
    @Benchmark
    public double ema12() {
        int s = start();
        core.ema(s, s + W - 1, closes, 12, begin, count, out1);
        return last(out1);
    }

    /** TA_STDDEV(20, 1) over the window. */
    @Benchmark
    public double stdDev20() {
        int s = start();
        core.stdDev(s, s + W - 1, closes, 20, 1.0, begin, count, out1);
        return last(out1);
    }

    /** TA_BBANDS(20, 2, 2, SMA) over the window. */
    @Benchmark
    public double bollinger20() {
        int s = start();
        core.bbands(s, s + W - 1, closes, 20, 2.0, 2.0, MAType.Sma, begin, count, out1, out2, out3);
        return last(out1) + last(out2) + last(out3);
    }

    /** TA_MACD(12, 26, 9) over the window. */
    @Benchmark
    public double macd() {
        int s = start();
        core.macd(s, s + W - 1, closes, 12, 26, 9, begin, count, out1, out2, out3);
        return last(out1) + last(out2) + last(out3);
    }

    /** TA_RSI(14) over the window. */
    @Benchmark
    public double rsi14() {
        int s = start();
        core.rsi(s, s + W - 1, closes, 14, begin, count, out1);
        return last(out1);
    }

    /** EMA 12 and 26, MACD 12/26/9, RSI 14 and Bollinger 20/2 over the window, per bar. */
    @Benchmark
    public double allSignals() {
        int s = start();
        int e = s + W - 1;
        double acc = 0;
        core.ema(s, e, closes, 12, begin, count, out1);
        acc += last(out1);
        core.ema(s, e, closes, 26, begin, count, out1);
        acc += last(out1);
        core.macd(s, e, closes, 12, 26, 9, begin, count, out1, out2, out3);
        acc += last(out1) + last(out2) + last(out3);
        core.rsi(s, e, closes, 14, begin, count, out1);
        acc += last(out1);
        core.bbands(s, e, closes, 20, 2.0, 2.0, MAType.Sma, begin, count, out1, out2, out3);
        return acc + last(out1) + last(out2) + last(out3);
    }
}
