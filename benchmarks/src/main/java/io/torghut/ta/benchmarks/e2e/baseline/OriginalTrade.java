package io.torghut.ta.benchmarks.e2e.baseline;

/**
 * A trade as the original design decoded it from the envelope: the envelope's symbol, seq and
 * timestamps and the payload's price, size and trade time. A Flink POJO (public fields, no-arg
 * constructor), so it crosses the network with Flink's POJO serializer.
 */
public final class OriginalTrade {
    /** The envelope's symbol. */
    public String symbol;

    /** The envelope's seq. */
    public long seq;

    /** The envelope's {@code eventTs}, epoch ms: the record's timestamp. */
    public long eventTs;

    /** The envelope's {@code ingestTs}, epoch ms. */
    public long ingestTs;

    /** The payload's {@code t}, epoch ms. */
    public long tradeTs;

    /** The payload's price {@code p}. */
    public double price;

    /** The payload's size {@code s}. */
    public double size;

    /** A trade with every field zero, for Flink's serializer. */
    public OriginalTrade() {}

    @Override
    public String toString() {
        return "OriginalTrade{"
                + symbol
                + " "
                + seq
                + " @"
                + eventTs
                + " "
                + size
                + "x"
                + price
                + "}";
    }
}
