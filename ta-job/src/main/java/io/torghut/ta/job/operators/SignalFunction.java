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
 * Keyed by symbol: the 1 s and 1 min signal lanes and the event-time quote join.
 *
 * <p>Bars (1 s micro-bars and 1 min bars, told apart by window size) wait in state until the
 * watermark of both inputs reaches their end; then each is joined with the latest quote at or
 * before its end and fed to its lane's {@link SignalEngine}. Quotes are kept per second for the 1 s
 * lane and per minute (for 15 minutes) for the 1 min lane, whose bars come from another topic and
 * may be read well after the watermark passed their end; the minute join is exact while
 * TA_QUOTE_STALE_AFTER_MS is at most 60 s. Waiting for the watermark is what makes the join
 * independent of how quotes and bars interleave on arrival. A 1 min bar for the same minute as the
 * last one replaces it (updated bars); an exact repeat is dropped; an older one is counted as late.
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

    private final SignalEngineConfig secondLane;
    private final SignalEngineConfig minuteLane;
    private transient ValueState<SignalEngine> engine1s;
    private transient ValueState<SignalEngine> engine1m;
    private transient ValueState<Bar> lastMinuteBar;
    private transient ValueState<QuoteBook> quotes;
    private transient ValueState<QuoteBook> minuteQuotes;
    private transient ListState<Bar> pending;
    private transient Counter signals;
    private transient Counter lateBars;
    private transient Counter duplicateBars;
    private transient Counter lateQuotes;
    private transient volatile long lastSignalEventTs = Long.MIN_VALUE;

    /** Creates the function with the configurations of the two lanes. */
    public SignalFunction(SignalEngineConfig secondLane, SignalEngineConfig minuteLane) {
        this.secondLane = secondLane;
        this.minuteLane = minuteLane;
    }

    @Override
    public void open(OpenContext openContext) {
        var ctx = getRuntimeContext();
        engine1s =
                ctx.getState(
                        new ValueStateDescriptor<>(
                                "engine-1s", TypeInformation.of(SignalEngine.class)));
        engine1m =
                ctx.getState(
                        new ValueStateDescriptor<>(
                                "engine-1m", TypeInformation.of(SignalEngine.class)));
        lastMinuteBar =
                ctx.getState(
                        new ValueStateDescriptor<>("last-1m-bar", TypeInformation.of(Bar.class)));
        quotes =
                ctx.getState(
                        new ValueStateDescriptor<>("quotes", TypeInformation.of(QuoteBook.class)));
        minuteQuotes =
                ctx.getState(
                        new ValueStateDescriptor<>(
                                "quotes-1m", TypeInformation.of(QuoteBook.class)));
        pending =
                ctx.getListState(
                        new ListStateDescriptor<>("pending-bars", TypeInformation.of(Bar.class)));
        var group = ctx.getMetricGroup().addGroup("ta");
        signals = group.counter("signals");
        lateBars = group.counter("late_bars");
        duplicateBars = group.counter("duplicate_bars");
        lateQuotes = group.counter("late_quotes");
        group.gauge(
                "signal_freshness_lag_ms",
                () ->
                        lastSignalEventTs == Long.MIN_VALUE
                                ? -1L
                                : System.currentTimeMillis() - lastSignalEventTs);
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
        Quote quote = q.toQuote();
        add(quotes, 1000, quote);
        add(minuteQuotes, 60_000, quote);
    }

    private static void add(ValueState<QuoteBook> state, long bucketMs, Quote quote)
            throws Exception {
        QuoteBook book = state.value();
        if (book == null) {
            book = new QuoteBook(bucketMs);
        }
        book.add(quote);
        state.update(book);
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
        due.sort(Comparator.comparingLong(Bar::windowEndMs).thenComparingLong(Bar::windowSizeMs));
        pending.update(later);
        QuoteBook book = quotes.value();
        QuoteBook minuteBook = minuteQuotes.value();
        for (Bar bar : due) {
            boolean secondBar = bar.windowSizeMs() == secondLane.barSizeMs();
            QuoteBook lookup = secondBar ? book : minuteBook;
            Quote quote = lookup == null ? null : lookup.latestAtOrBefore(bar.windowEndMs());
            SignalRow row =
                    secondBar ? apply(engine1s, secondLane, bar, quote) : applyMinute(bar, quote);
            if (row != null) {
                signals.inc();
                lastSignalEventTs = Math.max(lastSignalEventTs, row.eventTimeMs());
                out.collect(row);
            }
        }
        if (book != null) {
            book.prune(timestamp - secondLane.quoteStaleAfterMs() - SECOND_LANE_QUOTE_HORIZON_MS);
            quotes.update(book);
        }
        if (minuteBook != null) {
            minuteBook.prune(timestamp - MINUTE_LANE_QUOTE_HORIZON_MS);
            minuteQuotes.update(minuteBook);
        }
    }

    private SignalRow applyMinute(Bar bar, Quote quote) throws Exception {
        if (bar.equals(lastMinuteBar.value())) {
            duplicateBars.inc();
            return null;
        }
        SignalRow row = apply(engine1m, minuteLane, bar, quote);
        if (row != null) {
            lastMinuteBar.update(bar);
        }
        return row;
    }

    private SignalRow apply(
            ValueState<SignalEngine> state, SignalEngineConfig config, Bar bar, Quote quote)
            throws Exception {
        SignalEngine engine = state.value();
        if (engine == null) {
            engine = new SignalEngine(config);
        }
        SignalRow row = engine.onBar(bar, quote);
        if (row == null) {
            lateBars.inc();
            getRuntimeContext().getLongCounter("ta.late-bars").add(1L);
            return null;
        }
        state.update(engine);
        return row;
    }
}
