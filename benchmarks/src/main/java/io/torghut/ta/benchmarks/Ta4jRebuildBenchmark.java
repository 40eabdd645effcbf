package io.torghut.ta.benchmarks;

import io.torghut.ta.core.bars.Bar;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
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
import org.ta4j.core.BarSeries;
import org.ta4j.core.BaseBarSeriesBuilder;
import org.ta4j.core.indicators.EMAIndicator;
import org.ta4j.core.indicators.MACDIndicator;
import org.ta4j.core.indicators.RSIIndicator;
import org.ta4j.core.indicators.SMAIndicator;
import org.ta4j.core.indicators.bollinger.BollingerBandsLowerIndicator;
import org.ta4j.core.indicators.bollinger.BollingerBandsMiddleIndicator;
import org.ta4j.core.indicators.bollinger.BollingerBandsUpperIndicator;
import org.ta4j.core.indicators.helpers.ClosePriceIndicator;
import org.ta4j.core.indicators.statistics.StandardDeviationIndicator;
import org.ta4j.core.num.DecimalNum;
import org.ta4j.core.num.DoubleNum;
import org.ta4j.core.num.Num;

/**
 * Baseline: the original job's per-bar approach with ta4j 0.16 (see the original system's
 * reference, section 3).
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
    private static final Duration BAR = Duration.ofMillis(BAR_MS);
    private static final Comparator<Bar> BY_START = Comparator.comparingLong(Bar::windowStartMs);

    private final MarketData data = new MarketData();
    private final List<Bar> retained = new ArrayList<>();
    private Function<Number, Num> numFunction;
    private double sessionNotional;
    private double sessionVolume;
    private long start;
    private int i;

    /** Fills the retained list to its steady-state length once per trial. */
    @Setup(Level.Trial)
    public void setUp() {
        numFunction = "decimal".equals(num) ? DecimalNum::valueOf : DoubleNum::valueOf;
        retained.clear();
        sessionNotional = 0;
        sessionVolume = 0;
        start = MarketData.START_MS;
        for (i = 0; i < window; i++) {
            append(nextBar());
        }
    }

    private Bar nextBar() {
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
        retained.add(bar);
        if (retained.size() > window) {
            retained.remove(0);
        }
        retained.sort(BY_START);
        sessionNotional += bar.close() * bar.volume();
        sessionVolume += bar.volume();
    }

    /** One new bar: the original's whole per-bar computation. */
    @Benchmark
    public void rebuildAndEvaluate(Blackhole bh) {
        Bar bar = nextBar();
        append(bar);

        BarSeries series =
                new BaseBarSeriesBuilder().withName("AAPL").withNumTypeOf(numFunction).build();
        for (Bar b : retained) {
            ZonedDateTime end =
                    ZonedDateTime.ofInstant(Instant.ofEpochMilli(b.windowEndMs()), ZoneOffset.UTC);
            series.addBar(BAR, end, b.open(), b.high(), b.low(), b.close(), b.volume());
        }
        int last = series.getEndIndex();
        ClosePriceIndicator close = new ClosePriceIndicator(series);
        EMAIndicator ema12 = new EMAIndicator(close, 12);
        EMAIndicator ema26 = new EMAIndicator(close, 26);
        MACDIndicator macd = new MACDIndicator(close, 12, 26);
        EMAIndicator signal = new EMAIndicator(macd, 9);
        RSIIndicator rsi = new RSIIndicator(close, 14);
        BollingerBandsMiddleIndicator mid =
                new BollingerBandsMiddleIndicator(new SMAIndicator(close, 20));
        StandardDeviationIndicator sd = new StandardDeviationIndicator(close, 20);
        Num k = series.numOf(2);
        bh.consume(ema12.getValue(last).doubleValue());
        bh.consume(ema26.getValue(last).doubleValue());
        double m = macd.getValue(last).doubleValue();
        double s = signal.getValue(last).doubleValue();
        bh.consume(m);
        bh.consume(s);
        bh.consume(m - s);
        bh.consume(rsi.getValue(last).doubleValue());
        bh.consume(mid.getValue(last).doubleValue());
        bh.consume(new BollingerBandsUpperIndicator(mid, sd, k).getValue(last).doubleValue());
        bh.consume(new BollingerBandsLowerIndicator(mid, sd, k).getValue(last).doubleValue());

        // vwap.w5m: bars ending in (end - 300 s, end], in the series' number type.
        long endMs = bar.windowEndMs();
        Num pv = series.numOf(0);
        Num vol = series.numOf(0);
        for (int j = last; j >= 0; j--) {
            org.ta4j.core.Bar b = series.getBar(j);
            if (b.getEndTime().toInstant().toEpochMilli() <= endMs - 300_000) {
                break;
            }
            pv = pv.plus(b.getClosePrice().multipliedBy(b.getVolume()));
            vol = vol.plus(b.getVolume());
        }
        bh.consume(vol.isZero() ? 0.0 : pv.dividedBy(vol).doubleValue());
        bh.consume(sessionVolume > 0 ? sessionNotional / sessionVolume : 0.0);

        // vol_realized.w60s: population sigma of the last 60 log close returns.
        int from = Math.max(1, last - 59);
        double sum = 0;
        double sumSq = 0;
        int n = 0;
        for (int j = from; j <= last; j++) {
            double r =
                    Math.log(
                            series.getBar(j).getClosePrice().doubleValue()
                                    / series.getBar(j - 1).getClosePrice().doubleValue());
            sum += r;
            sumSq += r * r;
            n++;
        }
        double mean = n > 0 ? sum / n : 0;
        bh.consume(n > 0 ? Math.sqrt(Math.max(0, sumSq / n - mean * mean)) : 0.0);
    }
}
