package io.torghut.ta.benchmarks;

import io.torghut.ta.benchmarks.baseline.Ta4jRebuild;
import io.torghut.ta.core.bars.Bar;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Baseline: the original job's per-bar approach with ta4j 0.16 (see the original system's
 * reference, section 3), as {@link Ta4jRebuild} implements it for this benchmark and the end-to-end
 * baseline topology alike.
 *
 * <p>For every new 1 s bar: append it to the retained list, trim the list to N bars (360 for the 1
 * s lane, 65 for the 1 min lane), sort it, rebuild a ta4j {@code BarSeries} from scratch, build the
 * indicators on it and read EMA 12/26, MACD 12/26/9 with its signal and histogram, RSI 14 and
 * Bollinger 20/2 at the series end; the 5 min VWAP and the 60-bar realized volatility are loops
 * over the retained bars, and the session VWAP is a running sum, as in the original.
 *
 * <p>{@code num=decimal} is ta4j's default number type ({@code DecimalNum}, what the original ran);
 * {@code num=double} is ta4j's faster {@code DoubleNum}, a kinder baseline.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class Ta4jRebuildBenchmark {
    /** Retained bars: 360 (1 s lane) or 65 (1 min lane). */
    @Param({"360", "65"})
    public int window;

    /** ta4j number type. */
    @Param({"decimal", "double"})
    public String num;

    private static final long BAR_MS = 1_000;

    private final MarketData data = new MarketData();
    private final List<Bar> retained = new ArrayList<>();
    private Ta4jRebuild rebuild;
    private double sessionNotional;
    private double sessionVolume;
    private long start;
    private int i;

    /** Fills the retained list to its steady-state length once per trial. */
    @Setup(Level.Trial)
    public void setUp() {
        rebuild =
                new Ta4jRebuild(
                        "decimal".equals(num)
                                ? Ta4jRebuild.NumType.DECIMAL
                                : Ta4jRebuild.NumType.DOUBLE,
                        Duration.ofMillis(BAR_MS));
        retained.clear();
        sessionNotional = 0;
        sessionVolume = 0;
        start = MarketData.START_MS;
        for (i = 0; i < window; i++) {
            append(nextBar());
        }
    }

    /** The next bar of the synthetic data, one second after the last. */
    Bar nextBar() {
        double c = data.close(i);
        double v = data.volume(i);
        Bar bar =
                new Bar(
                        "AAPL",
                        start,
                        start + BAR_MS,
                        c,
                        c + 0.01,
                        c - 0.01,
                        c,
                        v,
                        c * v,
                        17,
                        true);
        start += BAR_MS;
        i++;
        return bar;
    }

    private void append(Bar bar) {
        Ta4jRebuild.retain(retained, bar, window);
        sessionNotional += bar.close() * bar.volume();
        sessionVolume += bar.volume();
    }

    /** One new bar: the original's whole per-bar computation. */
    @Benchmark
    public void rebuildAndEvaluate(Blackhole bh) {
        bh.consume(evaluateNext());
    }

    /** Appends the next bar and evaluates it: what {@link #rebuildAndEvaluate} measures. */
    Ta4jRebuild.Values evaluateNext() {
        Bar bar = nextBar();
        append(bar);
        return rebuild.evaluate(
                retained,
                bar.windowEndMs(),
                Ta4jRebuild.sessionVwap(sessionNotional, sessionVolume));
    }
}
