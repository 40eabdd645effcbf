package io.torghut.ta.benchmarks.baseline;

import io.torghut.ta.core.bars.Bar;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
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
 * The original job's per-bar computation with ta4j 0.16 (the original system's reference, section
 * 3), in one place for the JMH baseline ({@code Ta4jRebuildBenchmark}) and the end-to-end baseline
 * topology: {@link #retain} appends a bar to the retained list, trims it to N bars and sorts it;
 * {@link #evaluate} rebuilds a ta4j {@code BarSeries} from the retained bars, builds the indicators
 * on it and reads EMA 12/26, MACD 12/26/9 with its signal and histogram, RSI 14 and Bollinger 20/2
 * at the series end, and loops over the series for the 5 min VWAP and the 60-bar realized
 * volatility. The session VWAP is the caller's running sum ({@link #sessionVwap}).
 *
 * <p>Everything is rebuilt on every call, on purpose: that is the design being measured. An
 * instance holds only the number type and the bar length, nothing between calls.
 */
public final class Ta4jRebuild {
    /** The 1 s lane's retained bars: max(volBars + 5, vwapBars + 60) = 360. */
    public static final int SECOND_LANE_BARS = 360;

    /** The 5 min VWAP looks at bars ending in (end - this, end]. */
    static final long VWAP_WINDOW_MS = 300_000;

    /** Log returns in the realized volatility: ceil(60 s / 1 s bar). */
    static final int VOL_RETURNS = 60;

    private static final Comparator<Bar> BY_START = Comparator.comparingLong(Bar::windowStartMs);

    /** ta4j's number types. */
    public enum NumType {
        /** ta4j's default {@code DecimalNum}: what the original job ran. */
        DECIMAL(DecimalNum::valueOf),
        /** ta4j's faster {@code DoubleNum}: a kinder baseline. */
        DOUBLE(DoubleNum::valueOf);

        final Function<Number, Num> factory;

        NumType(Function<Number, Num> factory) {
            this.factory = factory;
        }
    }

    /**
     * The values read for one bar; each at the series end.
     *
     * @param bars bars in the rebuilt series
     */
    public record Values(
            int bars,
            double ema12,
            double ema26,
            double macd,
            double macdSignal,
            double macdHist,
            double rsi14,
            double bollMid,
            double bollUpper,
            double bollLower,
            double vwapW5m,
            double vwapSession,
            double volRealizedW60s) {}

    private final NumType num;
    private final Duration barDuration;

    /** A rebuild over bars of {@code barDuration} in the number type {@code num}. */
    public Ta4jRebuild(NumType num, Duration barDuration) {
        this.num = Objects.requireNonNull(num, "num");
        this.barDuration = Objects.requireNonNull(barDuration, "barDuration");
    }

    /**
     * Appends {@code bar} to {@code retained}, drops the oldest entry once there are more than
     * {@code window}, and sorts by window start: the original's list-state handling.
     */
    public static void retain(List<Bar> retained, Bar bar, int window) {
        retained.add(bar);
        if (retained.size() > window) {
            retained.remove(0);
        }
        retained.sort(BY_START);
    }

    /** The session VWAP from its running sums: 0 without volume, as the original wrote it. */
    public static double sessionVwap(double closeTimesVolume, double volume) {
        return volume > 0 ? closeTimesVolume / volume : 0.0;
    }

    /**
     * Rebuilds the series from {@code retained} (sorted by {@link #retain}) and reads every value
     * at its end. {@code endMs} is the end of the bar that triggered the computation (the 5 min
     * VWAP's reference, as in the original, even when that bar is not the last in the series).
     */
    public Values evaluate(List<Bar> retained, long endMs, double sessionVwap) {
        BarSeries series = new BaseBarSeriesBuilder().withNumTypeOf(num.factory).build();
        long lastEnd = Long.MIN_VALUE;
        for (Bar b : retained) {
            // ta4j refuses a bar that does not end after the last one; the original skipped it.
            if (b.windowEndMs() <= lastEnd) {
                continue;
            }
            lastEnd = b.windowEndMs();
            ZonedDateTime end =
                    ZonedDateTime.ofInstant(Instant.ofEpochMilli(b.windowEndMs()), ZoneOffset.UTC);
            series.addBar(barDuration, end, b.open(), b.high(), b.low(), b.close(), b.volume());
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
        // Read in the order the original wrote its fields (each indicator has its own cache).
        double e12 = ema12.getValue(last).doubleValue();
        double e26 = ema26.getValue(last).doubleValue();
        double m = macd.getValue(last).doubleValue();
        double s = signal.getValue(last).doubleValue();
        double r = rsi.getValue(last).doubleValue();
        double bMid = mid.getValue(last).doubleValue();
        double bUpper = new BollingerBandsUpperIndicator(mid, sd, k).getValue(last).doubleValue();
        double bLower = new BollingerBandsLowerIndicator(mid, sd, k).getValue(last).doubleValue();

        // vwap.w5m: bars ending in (end - 300 s, end], in the series' number type.
        Num pv = series.numOf(0);
        Num vol = series.numOf(0);
        for (int j = last; j >= 0; j--) {
            org.ta4j.core.Bar b = series.getBar(j);
            if (b.getEndTime().toInstant().toEpochMilli() <= endMs - VWAP_WINDOW_MS) {
                break;
            }
            pv = pv.plus(b.getClosePrice().multipliedBy(b.getVolume()));
            vol = vol.plus(b.getVolume());
        }
        double w5m = vol.isZero() ? 0.0 : pv.dividedBy(vol).doubleValue();

        // vol_realized.w60s: population sigma of the last 60 log close returns.
        int from = Math.max(1, last - (VOL_RETURNS - 1));
        double sum = 0;
        double sumSq = 0;
        int n = 0;
        for (int j = from; j <= last; j++) {
            double ret =
                    Math.log(
                            series.getBar(j).getClosePrice().doubleValue()
                                    / series.getBar(j - 1).getClosePrice().doubleValue());
            sum += ret;
            sumSq += ret * ret;
            n++;
        }
        double mean = n > 0 ? sum / n : 0;
        double realized = n > 0 ? Math.sqrt(Math.max(0, sumSq / n - mean * mean)) : 0.0;
        return new Values(
                series.getBarCount(),
                e12,
                e26,
                m,
                s,
                m - s,
                r,
                bMid,
                bUpper,
                bLower,
                w5m,
                sessionVwap,
                realized);
    }
}
