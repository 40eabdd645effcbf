package io.torghut.ta.job.model;

import io.torghut.ta.core.signals.Quote;

/** A quote from {@code torghut.quotes.v1}: payload {@code bp, bs, ap, as}. */
public class QuoteEvent extends InputRecord {
    /** Bid price. */
    public double bidPrice;

    /** Bid size. */
    public double bidSize;

    /** Ask price. */
    public double askPrice;

    /** Ask size. */
    public double askSize;

    /** Flink POJO constructor. */
    public QuoteEvent() {}

    /** The core quote. */
    public Quote toQuote() {
        return new Quote(eventTs, bidPrice, bidSize, askPrice, askSize);
    }
}
