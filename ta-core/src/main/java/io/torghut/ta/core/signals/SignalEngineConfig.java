package io.torghut.ta.core.signals;

import java.io.Serializable;
import java.time.ZoneId;

/**
 * Parameters of one {@link SignalEngine} lane. Build with {@link #builder()}; {@code build()}
 * validates everything and names what is wrong.
 *
 * @param barSizeMs bar length of the lane (1000 for micro-bars, 60000 for 1 min bars)
 * @param eventTimeAtWindowEnd whether {@code event_ts} is the bar end (1 s lane) or start (1 min)
 * @param revisable whether a bar for the last window replaces it (1 min updated bars)
 * @param emaFast fast EMA and MACD fast period
 * @param emaSlow slow EMA and MACD slow period
 * @param macdSignal MACD signal period
 * @param rsiPeriod RSI period
 * @param bollingerPeriod Bollinger period
 * @param bollingerDeviations Bollinger width in standard deviations
 * @param vwapWindowMs rolling VWAP window
 * @param realizedVolWindowMs realized volatility window
 * @param quoteStaleAfterMs the oldest quote, relative to the bar end, still joined
 * @param sessionZone the zone whose calendar days are the VWAP sessions
 */
public record SignalEngineConfig(
        long barSizeMs,
        boolean eventTimeAtWindowEnd,
        boolean revisable,
        int emaFast,
        int emaSlow,
        int macdSignal,
        int rsiPeriod,
        int bollingerPeriod,
        double bollingerDeviations,
        long vwapWindowMs,
        long realizedVolWindowMs,
        long quoteStaleAfterMs,
        ZoneId sessionZone)
        implements Serializable {

    /** A builder with the contract defaults of the 1 s lane. */
    public static Builder builder() {
        return new Builder();
    }

    /** The 1 s micro-bar lane with contract defaults. */
    public static SignalEngineConfig microBars() {
        return builder().build();
    }

    /**
     * The 1 min bar lane with contract defaults: bar start as event time, revisable bars. Its 60 s
     * realized-volatility window holds one return at most, so {@code vol_realized_w60s} is absent
     * (null) in this lane by definition; the original wrote a meaningless 0.
     */
    public static SignalEngineConfig minuteBars() {
        return builder().barSizeMs(60_000).eventTimeAtWindowEnd(false).revisable(true).build();
    }

    /** Builder for {@link SignalEngineConfig}; validates in {@link #build()}. */
    public static final class Builder {
        private long barSizeMs = 1000;
        private boolean eventTimeAtWindowEnd = true;
        private boolean revisable;
        private int emaFast = 12;
        private int emaSlow = 26;
        private int macdSignal = 9;
        private int rsiPeriod = 14;
        private int bollingerPeriod = 20;
        private double bollingerDeviations = 2.0;
        private long vwapWindowMs = 300_000;
        private long realizedVolWindowMs = 60_000;
        private long quoteStaleAfterMs = 2_000;
        private ZoneId sessionZone = ZoneId.of("America/New_York");

        private Builder() {}

        /** Bar length in ms. */
        public Builder barSizeMs(long v) {
            this.barSizeMs = v;
            return this;
        }

        /** Whether event_ts is the bar end (true) or the bar start (false). */
        public Builder eventTimeAtWindowEnd(boolean v) {
            this.eventTimeAtWindowEnd = v;
            return this;
        }

        /** Whether a bar for the last window replaces it. */
        public Builder revisable(boolean v) {
            this.revisable = v;
            return this;
        }

        /** EMA and MACD periods. */
        public Builder macd(int fast, int slow, int signal) {
            this.emaFast = fast;
            this.emaSlow = slow;
            this.macdSignal = signal;
            return this;
        }

        /** RSI period. */
        public Builder rsiPeriod(int v) {
            this.rsiPeriod = v;
            return this;
        }

        /** Bollinger period and width. */
        public Builder bollinger(int period, double deviations) {
            this.bollingerPeriod = period;
            this.bollingerDeviations = deviations;
            return this;
        }

        /** Rolling VWAP window in ms. */
        public Builder vwapWindowMs(long v) {
            this.vwapWindowMs = v;
            return this;
        }

        /** Realized volatility window in ms. */
        public Builder realizedVolWindowMs(long v) {
            this.realizedVolWindowMs = v;
            return this;
        }

        /** Oldest quote age still joined, in ms. */
        public Builder quoteStaleAfterMs(long v) {
            this.quoteStaleAfterMs = v;
            return this;
        }

        /** Session time zone. */
        public Builder sessionZone(ZoneId v) {
            this.sessionZone = v;
            return this;
        }

        /** Validates and builds; throws {@link IllegalArgumentException} naming the problem. */
        public SignalEngineConfig build() {
            require(
                    barSizeMs > 0 && barSizeMs % 1000 == 0,
                    "barSizeMs must be a positive whole number of seconds in ms, got " + barSizeMs);
            require(emaFast >= 1, "emaFast must be >= 1, got " + emaFast);
            require(
                    emaSlow > emaFast,
                    "emaSlow must be > emaFast (" + emaFast + "), got " + emaSlow);
            require(macdSignal >= 1, "macdSignal must be >= 1, got " + macdSignal);
            require(rsiPeriod >= 1, "rsiPeriod must be >= 1, got " + rsiPeriod);
            require(bollingerPeriod >= 2, "bollingerPeriod must be >= 2, got " + bollingerPeriod);
            require(
                    Double.isFinite(bollingerDeviations) && bollingerDeviations > 0,
                    "bollingerDeviations must be a finite number > 0, got " + bollingerDeviations);
            require(
                    vwapWindowMs >= barSizeMs && vwapWindowMs % barSizeMs == 0,
                    "vwapWindowMs must be a whole multiple of the bar size ("
                            + barSizeMs
                            + " ms), got "
                            + vwapWindowMs);
            require(
                    realizedVolWindowMs >= barSizeMs && realizedVolWindowMs % barSizeMs == 0,
                    "realizedVolWindowMs must be a whole multiple of the bar size ("
                            + barSizeMs
                            + " ms), got "
                            + realizedVolWindowMs);
            require(
                    quoteStaleAfterMs >= 0,
                    "quoteStaleAfterMs must be >= 0, got " + quoteStaleAfterMs);
            require(sessionZone != null, "sessionZone must be a time zone id, got null");
            return new SignalEngineConfig(
                    barSizeMs,
                    eventTimeAtWindowEnd,
                    revisable,
                    emaFast,
                    emaSlow,
                    macdSignal,
                    rsiPeriod,
                    bollingerPeriod,
                    bollingerDeviations,
                    vwapWindowMs,
                    realizedVolWindowMs,
                    quoteStaleAfterMs,
                    sessionZone);
        }

        private static void require(boolean ok, String message) {
            if (!ok) {
                throw new IllegalArgumentException(message);
            }
        }
    }
}
