package io.torghut.ta.benchmarks;

import io.torghut.ta.core.indicators.Bollinger;
import io.torghut.ta.core.indicators.Ema;
import io.torghut.ta.core.indicators.Macd;
import io.torghut.ta.core.indicators.QuoteImbalance;
import io.torghut.ta.core.indicators.RealizedVolatility;
import io.torghut.ta.core.indicators.RollingVwap;
import io.torghut.ta.core.indicators.Rsi;
import io.torghut.ta.core.indicators.SessionVwap;
import io.torghut.ta.core.indicators.Sma;
import io.torghut.ta.core.indicators.StdDev;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Nanoseconds per {@code update} of each ta-core indicator, with the signal engine's parameters, on
 * warmed-up indicators (the steady state a long-running job is in).
 *
 * <p>Timed indicators get a timestamp one 1 s bar later on every call, as the engine gives them;
 * the counter never wraps in a run. {@code bollinger20} and {@code macd} return a freshly allocated
 * record, as their API does; the {@code ...Fields} variants read the doubles instead, which is how
 * the signal engine uses them.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class IndicatorBenchmark {
    private final MarketData data = new MarketData();
    private int i;
    private long t;

    private Sma sma;
    private Ema ema;
    private StdDev stdDev;
    private Bollinger bollinger;
    private Macd macd;
    private Rsi rsi;
    private SessionVwap sessionVwap;
    private RollingVwap rollingVwap;
    private RealizedVolatility realizedVol;
    private QuoteImbalance quoteImbalance;

    /** Fresh indicators, warmed past every window, once per trial. */
    @Setup(Level.Trial)
    public void setUp() {
        sma = new Sma(20);
        ema = new Ema(12);
        stdDev = new StdDev(20);
        bollinger = new Bollinger(20, 2.0);
        macd = new Macd(12, 26, 9);
        rsi = new Rsi(14);
        sessionVwap = new SessionVwap();
        rollingVwap = new RollingVwap(300_000, 1_000);
        realizedVol = new RealizedVolatility(60_000, 1_000);
        quoteImbalance = new QuoteImbalance();
        t = MarketData.START_MS;
        for (i = 0; i < 2 * MarketData.WINDOW; i++) {
            double x = data.close(i);
            double v = data.volume(i);
            t += 1_000;
            sma.update(x);
            ema.update(x);
            stdDev.update(x);
            bollinger.update(x);
            macd.update(x);
            rsi.update(x);
            sessionVwap.update(t, x * v, v);
            rollingVwap.update(t, x * v, v);
            realizedVol.update(t, x);
            quoteImbalance.update(x - 0.01, v, x + 0.01, v + 100);
        }
    }

    /** SMA(20). */
    @Benchmark
    public double sma20() {
        return sma.update(data.close(i++));
    }

    /** EMA(12). */
    @Benchmark
    public double ema12() {
        return ema.update(data.close(i++));
    }

    /** Population standard deviation over 20. */
    @Benchmark
    public double stdDev20() {
        return stdDev.update(data.close(i++));
    }

    /** Bollinger(20, 2) through its record-returning API. */
    @Benchmark
    public Object bollinger20() {
        return bollinger.update(data.close(i++));
    }

    /** Bollinger(20, 2) read as three doubles, as the signal engine does. */
    @Benchmark
    public void bollinger20Fields(Blackhole bh) {
        bollinger.update(data.close(i++));
        bh.consume(bollinger.middle());
        bh.consume(bollinger.upper());
        bh.consume(bollinger.lower());
    }

    /** MACD(12, 26, 9) through its record-returning API. */
    @Benchmark
    public Object macd() {
        return macd.update(data.close(i++));
    }

    /** MACD(12, 26, 9) read as doubles, as the signal engine does. */
    @Benchmark
    public void macdFields(Blackhole bh) {
        macd.update(data.close(i++));
        bh.consume(macd.line());
        bh.consume(macd.signal());
        bh.consume(macd.histogram());
    }

    /** RSI(14), Wilder smoothing. */
    @Benchmark
    public double rsi14() {
        return rsi.update(data.close(i++));
    }

    /** Session VWAP (New York days); a session change costs a time-zone lookup once a day. */
    @Benchmark
    public double sessionVwap() {
        int k = i++;
        double v = data.volume(k);
        return sessionVwap.update(t += 1_000, data.close(k) * v, v);
    }

    /** Rolling 5 min VWAP in 1 s buckets (the 1 s lane's vwap_w5m). */
    @Benchmark
    public double rollingVwap5m() {
        int k = i++;
        double v = data.volume(k);
        return rollingVwap.update(t += 1_000, data.close(k) * v, v);
    }

    /** Realized volatility over 60 s in 1 s buckets (the 1 s lane's vol_realized_w60s). */
    @Benchmark
    public double realizedVol60s() {
        return realizedVol.update(t += 1_000, data.close(i++));
    }

    /** Quote imbalance of one top-of-book quote. */
    @Benchmark
    public double quoteImbalance() {
        int k = i++;
        double x = data.close(k);
        double v = data.volume(k);
        return quoteImbalance.update(x - 0.01, v, x + 0.01, v + 100);
    }
}
