package io.torghut.ta.job.operators;

import io.torghut.ta.core.bars.Bar;
import io.torghut.ta.core.signals.Quote;
import io.torghut.ta.core.signals.SignalEngine;
import io.torghut.ta.core.signals.SignalEngineConfig;
import io.torghut.ta.core.signals.SignalRow;
import io.torghut.ta.job.model.QuoteEvent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by symbol: one signal lane (1 s micro-bars or 1 min bars) and its event-time quote join.
 *
 * <p>Each lane is its own operator, so its watermark is the minimum of its bars' and the quotes'
 * watermarks only: the 1 s lane never waits for the 1 min bar topic, whose watermark moves once a
 * minute (sharing one operator held live 1 s signals back by up to the idle timeout).
 *
 * <p>Bars wait in state until the watermark reaches their end; then each is joined with the latest
 * quote at or before its end and fed to the lane's {@link SignalEngine}. Quotes are kept in buckets
 * of the lane's bar size: per second for the 1 s lane, per minute for 15 minutes for the 1 min
 * lane, whose bars come from another topic and may be read well after the quotes' watermark passed
 * their end; the minute join is exact while TA_QUOTE_STALE_AFTER_MS is at most 60 s. Waiting for
 * the watermark is what makes the join independent of how quotes and bars interleave on arrival. In
 * the revisable (1 min) lane a bar for the same minute as the last one replaces it (updated bars);
 * an exact repeat is dropped; an older one is counted as late.
 *
 * <p>State: the engine is kept with {@link SignalEngineSerializer} (its compact format), the rest
 * with Flink's type information.
 */
public final class SignalFunction
        extends KeyedCoProcessFunction<String, Bar, QuoteEvent, SignalRow> {
    private static final long serialVersionUID = 1L;

    /** How long per-second quotes are kept behind the watermark. */
    static final long SECOND_LANE_QUOTE_HORIZON_MS = 5_000;

    /**
     * How long per-minute quotes are kept behind the watermark: a 1 min bar (or an update of it)
     * read up to this long after the watermark passed its end still finds its quote, whatever the
     * speed at which its topic is read relative to the quotes.
     */
    static final long MINUTE_LANE_QUOTE_HORIZON_MS = 15 * 60_000;

    private final SignalEngineConfig lane;
    private final String suffix;
    private final long quoteHorizonMs;
    private final boolean reportsFreshness;
    private transient ValueState<SignalEngine> engine;
    private transient ValueState<Bar> lastBar;
    private transient ValueState<QuoteBook> quotes;
    private transient ListState<Bar> pending;
    private transient Counter signals;
    private transient Counter lateBars;
    private transient Counter duplicateBars;
    private transient Counter lateQuotes;

    /** Newest signal's event time; set in {@link #open}: a deserialised function has 0 here. */
    private transient volatile long lastSignalEventTs;

    private SignalFunction(
            SignalEngineConfig lane, String suffix, long quoteHorizonMs, boolean reportsFreshness) {
        this.lane = lane;
        this.suffix = suffix;
        this.quoteHorizonMs = quoteHorizonMs;
        this.reportsFreshness = reportsFreshness;
    }

    /**
     * The 1 s lane; it reports the {@code signal_freshness_lag_ms} gauge the freshness SLO is
     * measured on.
     */
    public static SignalFunction secondLane(SignalEngineConfig lane) {
        return new SignalFunction(
                lane, "1s", lane.quoteStaleAfterMs() + SECOND_LANE_QUOTE_HORIZON_MS, true);
    }

    /** The 1 min lane (revisable bars from the 1 min bar topic). */
    public static SignalFunction minuteLane(SignalEngineConfig lane) {
        return new SignalFunction(lane, "1m", MINUTE_LANE_QUOTE_HORIZON_MS, false);
    }

    @Override
    public void open(OpenContext openContext) {
        var ctx = getRuntimeContext();
        // The compact serializer, not Kryo's generic one: a third of the bytes per symbol. The
        // name is unchanged, so Kryo-written state in an older savepoint is migrated on restore.
        engine =
                ctx.getState(
                        new ValueStateDescriptor<>(
                                "engine-" + suffix, SignalEngineSerializer.INSTANCE));
        lastBar =
                ctx.getState(
                        new ValueStateDescriptor<>(
                                "last-" + suffix + "-bar", TypeInformation.of(Bar.class)));
        quotes =
                ctx.getState(
                        new ValueStateDescriptor<>(
                                "quotes-" + suffix, TypeInformation.of(QuoteBook.class)));
        pending =
                ctx.getListState(
                        new ListStateDescriptor<>("pending-bars", TypeInformation.of(Bar.class)));
        var group = ctx.getMetricGroup().addGroup("ta");
        signals = group.counter("signals");
        lateBars = group.counter("late_bars");
        duplicateBars = group.counter("duplicate_bars");
        lateQuotes = group.counter("late_quotes");
        lastSignalEventTs = Long.MIN_VALUE;
        if (reportsFreshness) {
            group.gauge("signal_freshness_lag_ms", this::freshnessLagMs);
        }
    }

    /** What {@code ta.signal_freshness_lag_ms} reads: ms since the newest signal, -1 before one. */
    long freshnessLagMs() {
        return lastSignalEventTs == Long.MIN_VALUE
                ? -1L
                : System.currentTimeMillis() - lastSignalEventTs;
    }

    @Override
    public void processElement1(Bar bar, Context ctx, Collector<SignalRow> out) throws Exception {
        pending.add(bar);
        ctx.timerService().registerEventTimeTimer(bar.windowEndMs());
    }

    @Override
    public void processElement2(QuoteEvent q, Context ctx, Collector<SignalRow> out)
            throws Exception {
        if (q.eventTs <= ctx.timerService().currentWatermark()) {
            lateQuotes.inc();
        }
        QuoteBook book = quotes.value();
        if (book == null) {
            book = new QuoteBook(lane.barSizeMs());
        }
        book.add(q.toQuote());
        quotes.update(book);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<SignalRow> out)
            throws Exception {
        List<Bar> due = new ArrayList<>();
        List<Bar> later = new ArrayList<>();
        for (Bar b : pending.get()) {
            (b.windowEndMs() <= timestamp ? due : later).add(b);
        }
        if (due.isEmpty()) {
            return;
        }
        due.sort(Comparator.comparingLong(Bar::windowEndMs));
        pending.update(later);
        QuoteBook book = quotes.value();
        for (Bar bar : due) {
            Quote quote = book == null ? null : book.latestAtOrBefore(bar.windowEndMs());
            SignalRow row = lane.revisable() ? applyRevisable(bar, quote) : apply(bar, quote);
            if (row != null) {
                signals.inc();
                lastSignalEventTs = Math.max(lastSignalEventTs, row.eventTimeMs());
                out.collect(row);
            }
        }
        if (book != null) {
            book.prune(timestamp - quoteHorizonMs);
            quotes.update(book);
        }
    }

    private SignalRow applyRevisable(Bar bar, Quote quote) throws Exception {
        if (bar.equals(lastBar.value())) {
            duplicateBars.inc();
            return null;
        }
        SignalRow row = apply(bar, quote);
        if (row != null) {
            lastBar.update(bar);
        }
        return row;
    }

    private SignalRow apply(Bar bar, Quote quote) throws Exception {
        SignalEngine e = engine.value();
        if (e == null) {
            e = new SignalEngine(lane);
        }
        SignalRow row = e.onBar(bar, quote);
        if (row == null) {
            lateBars.inc();
            getRuntimeContext().getLongCounter("ta.late-bars").add(1L);
            return null;
        }
        engine.update(e);
        return row;
    }
}
