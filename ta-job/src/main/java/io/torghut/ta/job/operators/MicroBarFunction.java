package io.torghut.ta.job.operators;

import io.torghut.ta.core.bars.Bar;
import io.torghut.ta.core.bars.MicroBarAggregator;
import io.torghut.ta.job.model.LateTrade;
import io.torghut.ta.job.model.TradeEvent;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Keyed by symbol: aggregates trades into 1 s bars with {@link MicroBarAggregator} and emits each
 * bar once, from an event-time timer, when the watermark passes its end (plus allowed lateness).
 * Late trades go to {@link #LATE_TRADES} and the {@code late_trades} counter; exact duplicates are
 * counted in {@code duplicate_trades}. State is the open windows' trades only, and is cleared when
 * no window is open.
 */
public final class MicroBarFunction extends KeyedProcessFunction<String, TradeEvent, Bar> {
    private static final long serialVersionUID = 1L;

    /** Side output of trades that arrived after their window closed. */
    public static final OutputTag<LateTrade> LATE_TRADES = new OutputTag<>("late-trades") {};

    private final long windowMs;
    private final long allowedLatenessMs;
    private transient ValueState<MicroBarAggregator> aggregator;
    private transient ValueState<Long> timer;
    private transient Counter late;
    private transient Counter duplicates;
    private transient Counter bars;

    /** Creates the function for bars of {@code windowMs} with the given allowed lateness. */
    public MicroBarFunction(long windowMs, long allowedLatenessMs) {
        this.windowMs = windowMs;
        this.allowedLatenessMs = allowedLatenessMs;
    }

    @Override
    public void open(OpenContext openContext) {
        aggregator =
                getRuntimeContext()
                        .getState(
                                new ValueStateDescriptor<>(
                                        "aggregator",
                                        TypeInformation.of(MicroBarAggregator.class)));
        timer = getRuntimeContext().getState(new ValueStateDescriptor<>("timer", Long.class));
        var group = getRuntimeContext().getMetricGroup().addGroup("ta");
        late = group.counter("late_trades");
        duplicates = group.counter("duplicate_trades");
        bars = group.counter("bars_1s");
    }

    @Override
    public void processElement(TradeEvent t, Context ctx, Collector<Bar> out) throws Exception {
        MicroBarAggregator agg = aggregator.value();
        if (agg == null) {
            agg = new MicroBarAggregator(t.symbol, windowMs, allowedLatenessMs);
        }
        long watermark = ctx.timerService().currentWatermark();
        int windowsBefore = agg.openWindows();
        MicroBarAggregator.Outcome outcome =
                t.lateInPartition
                        ? MicroBarAggregator.Outcome.LATE
                        : agg.add(t.eventTs, t.seq, t.price, t.size, watermark);
        switch (outcome) {
            case LATE:
                late.inc();
                getRuntimeContext().getLongCounter("ta.late-trades").add(1L);
                LateTrade lt = new LateTrade();
                lt.symbol = t.symbol;
                lt.eventTs = t.eventTs;
                lt.watermark = watermark;
                lt.price = t.price;
                lt.size = t.size;
                lt.seq = t.seq;
                ctx.output(LATE_TRADES, lt);
                return;
            case DUPLICATE:
                duplicates.inc();
                getRuntimeContext().getLongCounter("ta.duplicate-trades").add(1L);
                return;
            default:
                break;
        }
        aggregator.update(agg);
        // The next fire time only moves when a window opens: a trade joining an open window
        // leaves the registered timer right, and skipping the timer-state read saves a keyed
        // state access per trade.
        if (agg.openWindows() != windowsBefore) {
            schedule(agg, ctx.timerService());
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Bar> out) throws Exception {
        MicroBarAggregator agg = aggregator.value();
        timer.clear();
        if (agg == null) {
            return;
        }
        int emitted = agg.advance(timestamp, out::collect);
        bars.inc(emitted);
        if (agg.openWindows() == 0) {
            aggregator.clear();
        } else {
            aggregator.update(agg);
            schedule(agg, ctx.timerService());
        }
    }

    private void schedule(MicroBarAggregator agg, org.apache.flink.streaming.api.TimerService ts)
            throws Exception {
        long next = agg.nextFireTimestamp();
        Long current = timer.value();
        if (current == null || next < current) {
            if (current != null) {
                ts.deleteEventTimeTimer(current);
            }
            ts.registerEventTimeTimer(next);
            timer.update(next);
        }
    }
}
