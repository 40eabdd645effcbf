package io.torghut.ta.core.signals;

/**
 * A top-of-book quote at an event time.
 *
 * @param eventTimeMs quote time, epoch milliseconds UTC
 * @param bidPrice best bid price, &gt; 0
 * @param bidSize best bid size, &gt;= 0
 * @param askPrice best ask price, &gt; 0
 * @param askSize best ask size, &gt;= 0
 */
public record Quote(
        long eventTimeMs, double bidPrice, double bidSize, double askPrice, double askSize) {}
