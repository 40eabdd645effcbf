package io.torghut.ta.job.model;

import org.apache.flink.api.common.typeinfo.TypeInfo;

/**
 * A trade from {@code torghut.trades.v1}: payload {@code p} (price) and {@code s} (size). Flink
 * serializes it with {@link TradeEventSerializer}.
 */
@TypeInfo(TradeEventTypeInfo.Factory.class)
public class TradeEvent extends InputRecord {
    /** Trade price, finite and &gt; 0 when valid. */
    public double price;

    /** Trade size, finite and &gt;= 0 when valid. */
    public double size;

    /**
     * Set by the source when the trade is beyond the out-of-orderness bound relative to the newest
     * trade already read from its own partition: late by a rule that depends only on the
     * partition's order, not on how fast other partitions are read.
     */
    public boolean lateInPartition;

    /** An empty trade, filled in by the decoder or the serializer. */
    public TradeEvent() {}
}
