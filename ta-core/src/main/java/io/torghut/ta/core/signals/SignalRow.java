package io.torghut.ta.core.signals;

/**
 * One signal row: the {@code ta_signals} contract. Every indicator field is NaN when absent (during
 * warm-up, or without a fresh quote); writers turn NaN into JSON/SQL {@code null}.
 *
 * <p>Field names map one to one to the ClickHouse columns (camelCase here, snake_case there):
 * {@code macd, macd_signal, macd_hist, ema12, ema26, rsi14, boll_mid, boll_upper, boll_lower,
 * vwap_session, vwap_w5m, imbalance_spread, imbalance_bid_px, imbalance_ask_px, imbalance_bid_sz,
 * imbalance_ask_sz, vol_realized_w60s, microstructure_signal_v1} from the original schema, plus the
 * new {@code imbalance_mid} and {@code imbalance_ratio}. {@code ingest_ts} is added by the writer.
 *
 * @param symbol instrument
 * @param eventTimeMs event time: the bar end for 1 s bars, the bar start for 1 min bars
 * @param windowSizeMs window length
 * @param windowStartMs window start
 * @param windowEndMs window end
 * @param seq derived row id, see {@link RowIdentity}
 * @param isFinal whether the source bar was final
 * @param macd MACD line
 * @param macdSignal MACD signal line
 * @param macdHist MACD histogram
 * @param ema12 fast EMA
 * @param ema26 slow EMA
 * @param rsi14 RSI
 * @param bollMid Bollinger middle band
 * @param bollUpper Bollinger upper band
 * @param bollLower Bollinger lower band
 * @param vwapSession session VWAP
 * @param vwapW5m rolling-window VWAP
 * @param imbalanceSpread quote spread
 * @param imbalanceBidPx quote bid price
 * @param imbalanceAskPx quote ask price
 * @param imbalanceBidSz quote bid size
 * @param imbalanceAskSz quote ask size
 * @param imbalanceMid quote midpoint
 * @param imbalanceRatio quote size imbalance ratio
 * @param volRealizedW60s realized volatility
 * @param microstructureSignalV1 reserved, always null (never populated by the original either)
 */
public record SignalRow(
        String symbol,
        long eventTimeMs,
        long windowSizeMs,
        long windowStartMs,
        long windowEndMs,
        long seq,
        boolean isFinal,
        double macd,
        double macdSignal,
        double macdHist,
        double ema12,
        double ema26,
        double rsi14,
        double bollMid,
        double bollUpper,
        double bollLower,
        double vwapSession,
        double vwapW5m,
        double imbalanceSpread,
        double imbalanceBidPx,
        double imbalanceAskPx,
        double imbalanceBidSz,
        double imbalanceAskSz,
        double imbalanceMid,
        double imbalanceRatio,
        double volRealizedW60s,
        String microstructureSignalV1) {

    /** The source written with every row this engine produces. */
    public static final String SOURCE = "ta";

    /** The schema version written with every row. */
    public static final int VERSION = 1;
}
