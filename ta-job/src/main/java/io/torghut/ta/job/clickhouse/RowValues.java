package io.torghut.ta.job.clickhouse;

import io.torghut.ta.core.bars.Bar;
import io.torghut.ta.core.signals.RowIdentity;
import io.torghut.ta.core.signals.SignalRow;

/**
 * Output rows as values in {@link TaTables} column order: timestamps as {@code Long} epoch
 * milliseconds, absent numbers (NaN or infinite) as {@code null}, flags as {@code Integer} 0/1.
 * Both the Kafka JSON writer and the ClickHouse statement builder read these, so the two outputs
 * cannot drift apart.
 */
public final class RowValues {
    private RowValues() {}

    private static Double nullable(double v) {
        return Double.isFinite(v) ? v : null;
    }

    /** A 1 s bar's values; {@code ingestTs} is the wall-clock write time. */
    public static Object[] bar(Bar b, long ingestTs) {
        String size = RowIdentity.windowSizeLabel(b.windowSizeMs());
        return new Object[] {
            b.symbol(),
            b.windowEndMs(),
            ingestTs,
            RowIdentity.seq(b.windowStartMs(), b.windowSizeMs()),
            b.isFinal() ? 1 : 0,
            SignalRow.SOURCE,
            size,
            size,
            b.windowStartMs(),
            b.windowEndMs(),
            SignalRow.VERSION,
            b.open(),
            b.high(),
            b.low(),
            b.close(),
            b.volume(),
            nullable(b.vwap()),
            b.count()
        };
    }

    /** A signal row's values; {@code ingestTs} is the wall-clock write time. */
    public static Object[] signal(SignalRow r, long ingestTs) {
        String size = RowIdentity.windowSizeLabel(r.windowSizeMs());
        return new Object[] {
            r.symbol(),
            r.eventTimeMs(),
            ingestTs,
            r.seq(),
            r.isFinal() ? 1 : 0,
            SignalRow.SOURCE,
            size,
            size,
            r.windowStartMs(),
            r.windowEndMs(),
            SignalRow.VERSION,
            nullable(r.macd()),
            nullable(r.macdSignal()),
            nullable(r.macdHist()),
            nullable(r.ema12()),
            nullable(r.ema26()),
            nullable(r.rsi14()),
            nullable(r.bollMid()),
            nullable(r.bollUpper()),
            nullable(r.bollLower()),
            nullable(r.vwapSession()),
            nullable(r.vwapW5m()),
            nullable(r.imbalanceSpread()),
            nullable(r.imbalanceBidPx()),
            nullable(r.imbalanceAskPx()),
            nullable(r.imbalanceBidSz()),
            nullable(r.imbalanceAskSz()),
            nullable(r.imbalanceMid()),
            nullable(r.imbalanceRatio()),
            nullable(r.volRealizedW60s()),
            r.microstructureSignalV1()
        };
    }
}
