package io.torghut.ta.core.signals;

import io.torghut.ta.core.bars.Bar;
import io.torghut.ta.core.indicators.Bollinger;
import io.torghut.ta.core.indicators.Macd;
import io.torghut.ta.core.indicators.RealizedVolatility;
import io.torghut.ta.core.indicators.RollingVwap;
import io.torghut.ta.core.indicators.Rsi;
import io.torghut.ta.core.indicators.SessionVwap;
import java.io.Serializable;

/**
 * One symbol's signal lane: bars in event-time order (and the latest quote) in, one {@link
 * SignalRow} per bar out.
 *
 * <p>Composition: MACD 12/26/9 (whose fast and slow EMAs are the {@code ema12}/{@code ema26}
 * columns), RSI 14, Bollinger 20/2 on closes; session VWAP and rolling VWAP from the bars' trade
 * notional and volume at the bar end; realized volatility of log closes; quote imbalance from the
 * latest quote at or before the bar end, if no older than {@code quoteStaleAfterMs}.
 *
 * <p>Order: bars must come in window order. A bar older than the last one applied is refused
 * ({@link #onBar} returns {@code null}; the caller counts it as late). In a {@linkplain
 * SignalEngineConfig#revisable() revisable} lane a bar for the same window as the last one
 * <em>replaces</em> it: the indicators are rolled back to their state before that window and the
 * new version is applied, so updated 1 min bars never count twice. In a non-revisable lane such a
 * bar is refused as a duplicate.
 *
 * <p>Cost: O(1) per bar (a state copy per bar in revisable lanes); memory bounded by the rolling
 * windows' bucket counts.
 */
public final class SignalEngine implements Serializable {
    private static final long serialVersionUID = 1L;

    private final SignalEngineConfig config;
    private Indicators current;
    private Indicators beforeLast;
    private long lastWindowStartMs = Long.MIN_VALUE;

    /** Creates an engine for one symbol's lane. */
    public SignalEngine(SignalEngineConfig config) {
        if (config == null) {
            throw new IllegalArgumentException("config must not be null");
        }
        this.config = config;
        this.current = new Indicators(config);
    }

    /**
     * Applies a bar and returns its signal row, or {@code null} when the bar is refused (older than
     * the last bar, or a repeat of it in a non-revisable lane).
     *
     * @param bar the bar, whose window size must equal the lane's bar size
     * @param latestQuote the latest quote at or before the bar end, or {@code null}
     */
    public SignalRow onBar(Bar bar, Quote latestQuote) {
        if (bar.windowSizeMs() != config.barSizeMs()) {
            throw new IllegalArgumentException(
                    "bar window must be "
                            + config.barSizeMs()
                            + " ms in this lane, got "
                            + bar.windowSizeMs());
        }
        long start = bar.windowStartMs();
        if (start < lastWindowStartMs) {
            return null;
        }
        if (start == lastWindowStartMs) {
            if (!config.revisable()) {
                return null;
            }
            current = beforeLast.copy();
        } else if (config.revisable()) {
            beforeLast = current.copy();
        }
        lastWindowStartMs = start;
        current.apply(bar);
        return row(bar, latestQuote);
    }

    private SignalRow row(Bar bar, Quote quote) {
        Indicators in = current;
        Macd macd = in.macd;
        boolean macdReady = macd.isReady();
        Bollinger boll = in.bollinger;
        long end = bar.windowEndMs();
        boolean fresh =
                quote != null
                        && quote.eventTimeMs() <= end
                        && end - quote.eventTimeMs() <= config.quoteStaleAfterMs();
        double bidPx = fresh ? quote.bidPrice() : Double.NaN;
        double askPx = fresh ? quote.askPrice() : Double.NaN;
        double bidSz = fresh ? quote.bidSize() : Double.NaN;
        double askSz = fresh ? quote.askSize() : Double.NaN;
        double sizes = bidSz + askSz;
        return new SignalRow(
                bar.symbol(),
                config.eventTimeAtWindowEnd() ? end : bar.windowStartMs(),
                config.barSizeMs(),
                bar.windowStartMs(),
                end,
                RowIdentity.seq(bar.windowStartMs(), config.barSizeMs()),
                bar.isFinal(),
                macdReady ? macd.line() : Double.NaN,
                macdReady ? macd.signal() : Double.NaN,
                macdReady ? macd.histogram() : Double.NaN,
                macd.fastEma(),
                macd.slowEma(),
                in.rsi.value(),
                boll.middle(),
                boll.upper(),
                boll.lower(),
                in.sessionVwap.value(),
                in.rollingVwap.value(),
                askPx - bidPx,
                bidPx,
                askPx,
                bidSz,
                askSz,
                (bidPx + askPx) / 2,
                sizes > 0 ? (bidSz - askSz) / sizes : Double.NaN,
                in.realizedVol.value(),
                null);
    }

    /** The lane's configuration. */
    public SignalEngineConfig config() {
        return config;
    }

    /** Window start of the last bar applied, or {@code Long.MIN_VALUE}. */
    public long lastWindowStartMs() {
        return lastWindowStartMs;
    }

    /** The indicator state of one lane; copied whole to roll back a revised bar. */
    private static final class Indicators implements Serializable {
        private static final long serialVersionUID = 1L;
        private final Macd macd;
        private final Rsi rsi;
        private final Bollinger bollinger;
        private final SessionVwap sessionVwap;
        private final RollingVwap rollingVwap;
        private final RealizedVolatility realizedVol;

        Indicators(SignalEngineConfig c) {
            macd = new Macd(c.emaFast(), c.emaSlow(), c.macdSignal());
            rsi = new Rsi(c.rsiPeriod());
            bollinger = new Bollinger(c.bollingerPeriod(), c.bollingerDeviations());
            sessionVwap = new SessionVwap(c.sessionZone());
            rollingVwap = new RollingVwap(c.vwapWindowMs(), c.barSizeMs());
            realizedVol = new RealizedVolatility(c.realizedVolWindowMs(), c.barSizeMs());
        }

        private Indicators(Indicators o) {
            macd = o.macd.copy();
            rsi = o.rsi.copy();
            bollinger = o.bollinger.copy();
            sessionVwap = o.sessionVwap.copy();
            rollingVwap = o.rollingVwap.copy();
            realizedVol = o.realizedVol.copy();
        }

        Indicators copy() {
            return new Indicators(this);
        }

        void apply(Bar bar) {
            double close = bar.close();
            long end = bar.windowEndMs();
            macd.update(close);
            rsi.update(close);
            bollinger.update(close);
            sessionVwap.update(bar.windowStartMs(), bar.notional(), bar.volume());
            rollingVwap.update(end, bar.notional(), bar.volume());
            realizedVol.update(end, close);
        }
    }
}
