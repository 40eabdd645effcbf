package io.torghut.ta.job.model;

/** A trade that arrived after its 1 s window had closed: counted and side-output, not merged. */
public class LateTrade {
    /** Symbol. */
    public String symbol;

    /** The trade's event time. */
    public long eventTs;

    /** The watermark when it arrived. */
    public long watermark;

    /** Price. */
    public double price;

    /** Size. */
    public double size;

    /** seq. */
    public long seq;

    /** Flink POJO constructor. */
    public LateTrade() {}
}
