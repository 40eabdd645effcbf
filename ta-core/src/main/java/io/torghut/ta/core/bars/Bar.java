package io.torghut.ta.core.bars;

/**
 * One OHLCV bar over the event-time window {@code [windowStartMs, windowEndMs)}.
 *
 * <p>{@code notional} is the traded value {@code sum(price * size)} of the bar's trades, so {@link
 * #vwap()} is the exact trade-level VWAP and longer VWAPs can be built from bars without error.
 * Micro-bars from {@link MicroBarAggregator} are always final; 1 min bars from the market-data feed
 * may be revised ({@code isFinal == false}) and are then replaced, never appended.
 *
 * @param symbol the instrument
 * @param windowStartMs inclusive window start, epoch milliseconds UTC
 * @param windowEndMs exclusive window end, epoch milliseconds UTC
 * @param open price of the first trade by (event time, seq)
 * @param high highest trade price
 * @param low lowest trade price
 * @param close price of the last trade by (event time, seq)
 * @param volume sum of trade sizes
 * @param notional sum of price times size
 * @param count number of trades
 * @param isFinal whether this is the bar's final version
 */
public record Bar(
        String symbol,
        long windowStartMs,
        long windowEndMs,
        double open,
        double high,
        double low,
        double close,
        double volume,
        double notional,
        long count,
        boolean isFinal) {

    /** The bar's VWAP {@code notional / volume}, or NaN when the volume is 0. */
    public double vwap() {
        return volume > 0 ? notional / volume : Double.NaN;
    }

    /** The window length in milliseconds. */
    public long windowSizeMs() {
        return windowEndMs - windowStartMs;
    }
}
