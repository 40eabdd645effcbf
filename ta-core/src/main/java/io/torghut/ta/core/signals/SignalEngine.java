package io.torghut.ta.core.signals;

import io.torghut.ta.core.bars.Bar;
import io.torghut.ta.core.indicators.Bollinger;
import io.torghut.ta.core.indicators.IndicatorState;
import io.torghut.ta.core.indicators.Macd;
import io.torghut.ta.core.indicators.RealizedVolatility;
import io.torghut.ta.core.indicators.RollingVwap;
import io.torghut.ta.core.indicators.Rsi;
import io.torghut.ta.core.indicators.SessionVwap;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.io.Serializable;
import java.time.DateTimeException;
import java.time.ZoneId;

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
 *
 * <p>State: {@link #writeState} and {@link #readState} are a compact, lossless binary form (the
 * job's keyed state): a format version byte, the configuration, the last window and the indicators'
 * state ({@link IndicatorState}), the rollback copy too in revisable lanes. A restored engine's
 * rows are bit for bit those the original would have produced.
 */
public final class SignalEngine implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The only state format version so far; {@link #readState} refuses any other. */
    private static final int STATE_VERSION = 1;

    private static final int EVENT_TIME_AT_END = 1;
    private static final int REVISABLE = 2;
    private static final int HAS_LAST_WINDOW = 4;
    private static final int HAS_BEFORE_LAST = 8;
    private static final int ALL_FLAGS =
            EVENT_TIME_AT_END | REVISABLE | HAS_LAST_WINDOW | HAS_BEFORE_LAST;

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

    /** An independent deep copy: the same state, shared with nothing. */
    public SignalEngine copy() {
        SignalEngine c = new SignalEngine(config);
        c.current = current.copy();
        c.beforeLast = beforeLast == null ? null : beforeLast.copy();
        c.lastWindowStartMs = lastWindowStartMs;
        return c;
    }

    /**
     * Writes the engine's state in the compact format {@link #readState} reads: the format version
     * (1), the configuration (varints, the zone id), flags, the last window start, then each
     * indicator's state, and in a revisable lane that has seen a bar the rollback copy too.
     */
    public void writeState(DataOutput out) throws IOException {
        SignalEngineConfig c = config;
        boolean hasLast = lastWindowStartMs != Long.MIN_VALUE;
        out.writeByte(STATE_VERSION);
        IndicatorState.writeVarLong(out, c.barSizeMs());
        out.writeByte(
                (c.eventTimeAtWindowEnd() ? EVENT_TIME_AT_END : 0)
                        | (c.revisable() ? REVISABLE : 0)
                        | (hasLast ? HAS_LAST_WINDOW : 0)
                        | (beforeLast != null ? HAS_BEFORE_LAST : 0));
        IndicatorState.writeVarLong(out, c.emaFast());
        IndicatorState.writeVarLong(out, c.emaSlow());
        IndicatorState.writeVarLong(out, c.macdSignal());
        IndicatorState.writeVarLong(out, c.rsiPeriod());
        IndicatorState.writeVarLong(out, c.bollingerPeriod());
        out.writeLong(Double.doubleToRawLongBits(c.bollingerDeviations()));
        IndicatorState.writeVarLong(out, c.vwapWindowMs());
        IndicatorState.writeVarLong(out, c.realizedVolWindowMs());
        IndicatorState.writeVarLong(out, c.quoteStaleAfterMs());
        out.writeUTF(c.sessionZone().getId());
        if (hasLast) {
            out.writeLong(lastWindowStartMs);
        }
        current.write(out);
        if (beforeLast != null) {
            beforeLast.write(out);
        }
    }

    /**
     * Reads an engine that {@link #writeState} wrote.
     *
     * @throws IOException if the stream is short, of another format version, or holds a state no
     *     engine could have had (an invalid configuration, counts out of range); the message names
     *     what was found and what is allowed
     */
    public static SignalEngine readState(DataInput in) throws IOException {
        int version = in.readUnsignedByte();
        if (version != STATE_VERSION) {
            throw new IOException(
                    "unknown signal engine state format version "
                            + version
                            + "; this build reads version "
                            + STATE_VERSION
                            + " only");
        }
        long barSizeMs = IndicatorState.readVarLong(in, 1, Long.MAX_VALUE, "bar size ms");
        int flags = in.readUnsignedByte();
        if ((flags & ~ALL_FLAGS) != 0) {
            throw corrupt(
                    "flags must use only bits 0x"
                            + Integer.toHexString(ALL_FLAGS)
                            + ", got 0x"
                            + Integer.toHexString(flags));
        }
        boolean revisable = (flags & REVISABLE) != 0;
        if ((flags & HAS_BEFORE_LAST) != 0 && !(revisable && (flags & HAS_LAST_WINDOW) != 0)) {
            throw corrupt("a rollback copy needs a revisable lane that has seen a bar");
        }
        int emaFast = period(in, "emaFast");
        int emaSlow = period(in, "emaSlow");
        int macdSignal = period(in, "macdSignal");
        int rsiPeriod = period(in, "rsiPeriod");
        int bollingerPeriod = period(in, "bollingerPeriod");
        double bollingerDeviations = Double.longBitsToDouble(in.readLong());
        long vwapWindowMs = millis(in, "vwapWindowMs");
        long realizedVolWindowMs = millis(in, "realizedVolWindowMs");
        long quoteStaleAfterMs = millis(in, "quoteStaleAfterMs");
        String zone = in.readUTF();
        SignalEngineConfig config;
        try {
            // The builder validates, so a restored lane is one the job could have configured.
            config =
                    SignalEngineConfig.builder()
                            .barSizeMs(barSizeMs)
                            .eventTimeAtWindowEnd((flags & EVENT_TIME_AT_END) != 0)
                            .revisable(revisable)
                            .macd(emaFast, emaSlow, macdSignal)
                            .rsiPeriod(rsiPeriod)
                            .bollinger(bollingerPeriod, bollingerDeviations)
                            .vwapWindowMs(vwapWindowMs)
                            .realizedVolWindowMs(realizedVolWindowMs)
                            .quoteStaleAfterMs(quoteStaleAfterMs)
                            .sessionZone(ZoneId.of(zone))
                            .build();
        } catch (IllegalArgumentException | DateTimeException e) {
            throw corrupt("invalid configuration: " + e.getMessage(), e);
        }
        SignalEngine engine = new SignalEngine(config);
        if ((flags & HAS_LAST_WINDOW) != 0) {
            long last = in.readLong();
            if (last == Long.MIN_VALUE) {
                throw corrupt("the last window start must not be Long.MIN_VALUE when present");
            }
            engine.lastWindowStartMs = last;
        }
        engine.current.read(in);
        if ((flags & HAS_BEFORE_LAST) != 0) {
            engine.beforeLast = new Indicators(config);
            engine.beforeLast.read(in);
        }
        return engine;
    }

    private static int period(DataInput in, String name) throws IOException {
        return (int) IndicatorState.readVarLong(in, 0, Integer.MAX_VALUE, name);
    }

    private static long millis(DataInput in, String name) throws IOException {
        return IndicatorState.readVarLong(in, 0, Long.MAX_VALUE, name);
    }

    private static IOException corrupt(String message) {
        return new IOException("corrupt signal engine state: " + message);
    }

    private static IOException corrupt(String message, Throwable cause) {
        return new IOException("corrupt signal engine state: " + message, cause);
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

        void write(DataOutput out) throws IOException {
            IndicatorState.write(macd, out);
            IndicatorState.write(rsi, out);
            IndicatorState.write(bollinger, out);
            IndicatorState.write(sessionVwap, out);
            IndicatorState.write(rollingVwap, out);
            IndicatorState.write(realizedVol, out);
        }

        void read(DataInput in) throws IOException {
            IndicatorState.readInto(macd, in);
            IndicatorState.readInto(rsi, in);
            IndicatorState.readInto(bollinger, in);
            IndicatorState.readInto(sessionVwap, in);
            IndicatorState.readInto(rollingVwap, in);
            IndicatorState.readInto(realizedVol, in);
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
