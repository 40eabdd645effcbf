package io.torghut.ta.job.model;

import io.torghut.ta.core.bars.Bar;

/**
 * A 1 min bar from {@code torghut.bars.1m.v1}, in either payload shape the feed writes (the
 * micro-bar shape or Alpaca's {@code o,h,l,c,v,vw?,n?,t}). {@code isFinal == false} marks an
 * updated bar that replaces the earlier version of the same minute.
 */
public class MinuteBarEvent extends InputRecord {
    /** Bar start, epoch milliseconds (the payload's {@code t}, truncated to the minute). */
    public long windowStart;

    /** Open. */
    public double open;

    /** High. */
    public double high;

    /** Low. */
    public double low;

    /** Close. */
    public double close;

    /** Volume. */
    public double volume;

    /**
     * Traded notional: {@code vw * v} when the feed gives a VWAP, else the typical price {@code (h
     * + l + c) / 3} times volume.
     */
    public double notional;

    /** Trade count ({@code n}), 0 when absent. */
    public long count;

    /** Envelope {@code isFinal}. */
    public boolean isFinal = true;

    /** Flink POJO constructor. */
    public MinuteBarEvent() {}

    /** The core bar. */
    public Bar toBar() {
        return new Bar(
                symbol,
                windowStart,
                windowStart + 60_000,
                open,
                high,
                low,
                close,
                volume,
                notional,
                count,
                isFinal);
    }
}
