package io.torghut.ta.core.indicators;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Quote imbalance of a top-of-book quote: spread, mid and the size imbalance ratio.
 *
 * <p>Formula: {@code spread = ask - bid}, {@code mid = (bid + ask) / 2}, {@code ratio = (bidSize -
 * askSize) / (bidSize + askSize)} in [-1, 1] (positive when the bid side is heavier). The ratio is
 * NaN when both sizes are 0. A crossed quote (ask &lt; bid) is reported as is, with a negative
 * spread, because it is real market state. Sizes stay fractional (the original truncated them).
 *
 * <p>Parameters: none.
 *
 * <p>Warm-up: ready after the first valid quote (one input).
 *
 * <p>Non-finite input: rejected with {@link IllegalArgumentException}, state unchanged; prices must
 * be &gt; 0 and sizes &gt;= 0.
 *
 * <p>Cost: O(1) time and memory.
 */
public final class QuoteImbalance implements Indicator {
    private static final long serialVersionUID = 1L;

    private boolean ready;
    private double bidPrice = Double.NaN;
    private double bidSize = Double.NaN;
    private double askPrice = Double.NaN;
    private double askSize = Double.NaN;

    /** Creates an empty quote imbalance. */
    public QuoteImbalance() {}

    /** Takes a quote and returns its size imbalance ratio (NaN when both sizes are 0). */
    public double update(double bidPx, double bidSz, double askPx, double askSz) {
        Checks.positive("bidPrice", bidPx);
        Checks.nonNegative("bidSize", bidSz);
        Checks.positive("askPrice", askPx);
        Checks.nonNegative("askSize", askSz);
        bidPrice = bidPx;
        bidSize = bidSz;
        askPrice = askPx;
        askSize = askSz;
        ready = true;
        return ratio();
    }

    /** Ask minus bid, or NaN before the first quote. */
    public double spread() {
        return askPrice - bidPrice;
    }

    /** Midpoint of bid and ask, or NaN before the first quote. */
    public double mid() {
        return (bidPrice + askPrice) / 2;
    }

    /** (bidSize - askSize) / (bidSize + askSize), or NaN before the first quote or if empty. */
    public double ratio() {
        double total = bidSize + askSize;
        return ready && total > 0 ? (bidSize - askSize) / total : Double.NaN;
    }

    /** The quote's bid price. */
    public double bidPrice() {
        return bidPrice;
    }

    /** The quote's bid size. */
    public double bidSize() {
        return bidSize;
    }

    /** The quote's ask price. */
    public double askPrice() {
        return askPrice;
    }

    /** The quote's ask size. */
    public double askSize() {
        return askSize;
    }

    @Override
    public boolean isReady() {
        return ready;
    }

    @Override
    public void reset() {
        ready = false;
        bidPrice = Double.NaN;
        bidSize = Double.NaN;
        askPrice = Double.NaN;
        askSize = Double.NaN;
    }

    /** Writes the state ({@link IndicatorState}): a flag, then the last quote once there is one. */
    void writeState(DataOutput out) throws IOException {
        out.writeByte(ready ? 1 : 0);
        if (ready) {
            StateIo.writeDouble(out, bidPrice);
            StateIo.writeDouble(out, bidSize);
            StateIo.writeDouble(out, askPrice);
            StateIo.writeDouble(out, askSize);
        }
    }

    /** Restores what {@link #writeState} wrote. */
    void readState(DataInput in) throws IOException {
        reset();
        if (StateIo.readFlags(in, 1, toString()) == 1) {
            ready = true;
            bidPrice = StateIo.readDouble(in);
            bidSize = StateIo.readDouble(in);
            askPrice = StateIo.readDouble(in);
            askSize = StateIo.readDouble(in);
        }
    }

    @Override
    public QuoteImbalance copy() {
        QuoteImbalance c = new QuoteImbalance();
        c.ready = ready;
        c.bidPrice = bidPrice;
        c.bidSize = bidSize;
        c.askPrice = askPrice;
        c.askSize = askSize;
        return c;
    }

    @Override
    public String toString() {
        return "QUOTE_IMBALANCE";
    }
}
