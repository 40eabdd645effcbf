package io.torghut.ta.benchmarks.e2e.baseline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.torghut.ta.benchmarks.baseline.Ta4jRebuild;
import io.torghut.ta.core.bars.Bar;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.flink.annotation.VisibleForTesting;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.AggregateFunction;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichFlatMapFunction;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/**
 * The baseline of the end-to-end harness: the TA dataflow built the way the original job is built
 * (the original system's reference, sections 3 and 4), with its source and sinks passed in.
 *
 * <pre>
 * trades (JSON strings) -> Jackson tree decoding -> timestamps and watermarks
 *   -> keyBy(symbol) -> 1 s tumbling event-time window (aggregate + window function) -> bar sink
 *   -> keyBy(symbol) -> keep the last 360 bars, rebuild a ta4j series per bar -> signal sink
 * </pre>
 *
 * <p>As in the original, watermarks are assigned after decoding (bounded out-of-orderness, with
 * idleness), a record that does not decode is dropped and counted ({@code trades_parse_failures}),
 * late trades are dropped by the window operator, and the indicators use ta4j's {@code DecimalNum}.
 * Unlike the original, which kept one open bucket per symbol in its own keyed function, the bars
 * come from Flink's window operator; the quote join is left out (the throughput tape has no quotes,
 * so the original would write no imbalance either).
 */
public final class OriginalDesignTopology {
    /** The accumulator counting decoded trades, so the harness can check what a run read. */
    public static final String TRADES_DECODED = "original-trades-decoded";

    /** The bar length. */
    static final Duration BAR = Duration.ofSeconds(1);

    private final Source<String, ?, ?> trades;
    private final Sink<OriginalBar> bars;
    private final Sink<OriginalSignal> signals;
    private final Duration maxOutOfOrder;
    private final Duration idleTimeout;

    /**
     * A topology reading trade envelopes from {@code trades} and writing to {@code bars} and {@code
     * signals}; watermarks lag the newest event time by {@code maxOutOfOrder}, and an input without
     * records for {@code idleTimeout} stops holding them back.
     */
    public OriginalDesignTopology(
            Source<String, ?, ?> trades,
            Sink<OriginalBar> bars,
            Sink<OriginalSignal> signals,
            Duration maxOutOfOrder,
            Duration idleTimeout) {
        this.trades = Objects.requireNonNull(trades, "trades");
        this.bars = Objects.requireNonNull(bars, "bars");
        this.signals = Objects.requireNonNull(signals, "signals");
        this.maxOutOfOrder = Objects.requireNonNull(maxOutOfOrder, "maxOutOfOrder");
        this.idleTimeout = Objects.requireNonNull(idleTimeout, "idleTimeout");
    }

    /** Adds the dataflow to {@code env}. */
    public void build(StreamExecutionEnvironment env) {
        DataStream<OriginalTrade> parsed =
                env.fromSource(trades, WatermarkStrategy.noWatermarks(), "original-source-trades")
                        .flatMap(new DecodeTrades())
                        .name("original-parse-trades")
                        .assignTimestampsAndWatermarks(
                                WatermarkStrategy.<OriginalTrade>forBoundedOutOfOrderness(
                                                maxOutOfOrder)
                                        .withTimestampAssigner((t, ts) -> t.eventTs)
                                        .withIdleness(idleTimeout))
                        .name("original-watermarks");
        SingleOutputStreamOperator<OriginalBar> microbars = microbars(parsed);
        microbars.sinkTo(bars).name("original-sink-bars");
        microbars
                .keyBy(b -> b.symbol, Types.STRING)
                .process(new RebuildSignals())
                .uid("original-signals")
                .name("original-signals")
                .sinkTo(signals)
                .name("original-sink-signals");
    }

    /** The 1 s bars: keyBy symbol, Flink's tumbling event-time window, aggregate per window. */
    @VisibleForTesting
    static SingleOutputStreamOperator<OriginalBar> microbars(DataStream<OriginalTrade> trades) {
        return trades.keyBy(t -> t.symbol, Types.STRING)
                .window(TumblingEventTimeWindows.of(BAR))
                .aggregate(new BarAggregate(), new EmitBar())
                .uid("original-microbars")
                .name("original-microbars");
    }

    /**
     * Decodes a trade envelope with Jackson's tree model, as the original did: the whole record
     * into a tree, then field lookups (camelCase keys, ISO-8601 timestamps). Null when a required
     * field is missing or does not parse.
     */
    @VisibleForTesting
    static OriginalTrade decode(ObjectMapper mapper, String json) {
        try {
            JsonNode root = mapper.readTree(json);
            JsonNode payload = required(root, "payload");
            // Required by the original's envelope, though not used downstream.
            required(root, "feed");
            required(root, "channel");
            OriginalTrade t = new OriginalTrade();
            t.symbol = required(root, "symbol").asText();
            t.seq = required(root, "seq").asLong();
            t.eventTs = Instant.parse(required(root, "eventTs").asText()).toEpochMilli();
            t.ingestTs = Instant.parse(required(root, "ingestTs").asText()).toEpochMilli();
            t.price = required(payload, "p").asDouble();
            t.size = required(payload, "s").asDouble();
            t.tradeTs = Instant.parse(required(payload, "t").asText()).toEpochMilli();
            return t;
        } catch (Exception e) {
            return null;
        }
    }

    private static JsonNode required(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        if (v == null || v.isNull()) {
            throw new IllegalArgumentException("missing " + field);
        }
        return v;
    }

    /** Decodes each record ({@link #decode}), dropping and counting those that do not decode. */
    @VisibleForTesting
    static final class DecodeTrades extends RichFlatMapFunction<String, OriginalTrade> {
        private static final long serialVersionUID = 1L;

        private final LongCounter decoded = new LongCounter();
        private transient ObjectMapper mapper;
        private transient Counter failures;

        @Override
        public void open(OpenContext openContext) {
            mapper = new ObjectMapper();
            failures = getRuntimeContext().getMetricGroup().counter("trades_parse_failures");
            getRuntimeContext().addAccumulator(TRADES_DECODED, decoded);
        }

        @Override
        public void flatMap(String json, Collector<OriginalTrade> out) {
            OriginalTrade t = decode(mapper, json);
            if (t == null) {
                failures.inc();
            } else {
                decoded.add(1);
                out.collect(t);
            }
        }
    }

    /** A window's running bar: prices in arrival order, sums and count. A Flink POJO. */
    public static final class BarAccumulator {
        /** First price. */
        public double open;

        /** Highest price. */
        public double high;

        /** Lowest price. */
        public double low;

        /** Last price. */
        public double close;

        /** Sum of sizes. */
        public double volume;

        /** Sum of price times size. */
        public double notional;

        /** Trades added. */
        public long count;

        /** An empty bar. */
        public BarAccumulator() {}
    }

    /** Adds trades to the window's bar in the order they arrive. */
    @VisibleForTesting
    static final class BarAggregate
            implements AggregateFunction<OriginalTrade, BarAccumulator, BarAccumulator> {
        private static final long serialVersionUID = 1L;

        @Override
        public BarAccumulator createAccumulator() {
            return new BarAccumulator();
        }

        @Override
        public BarAccumulator add(OriginalTrade t, BarAccumulator acc) {
            if (acc.count == 0) {
                acc.open = t.price;
                acc.high = t.price;
                acc.low = t.price;
            } else {
                acc.high = Math.max(acc.high, t.price);
                acc.low = Math.min(acc.low, t.price);
            }
            acc.close = t.price;
            acc.volume += t.size;
            acc.notional += t.price * t.size;
            acc.count++;
            return acc;
        }

        @Override
        public BarAccumulator getResult(BarAccumulator acc) {
            return acc;
        }

        @Override
        public BarAccumulator merge(BarAccumulator a, BarAccumulator b) {
            // Only merging windows call this; tumbling windows never do. b arrived after a.
            if (a.count == 0) {
                return b;
            }
            if (b.count > 0) {
                a.high = Math.max(a.high, b.high);
                a.low = Math.min(a.low, b.low);
                a.close = b.close;
                a.volume += b.volume;
                a.notional += b.notional;
                a.count += b.count;
            }
            return a;
        }
    }

    /**
     * Turns a fired window's bar into an {@link OriginalBar}: the window's bounds, the next
     * per-symbol seq (kept across windows in the key's global state) and the wall clock.
     */
    @VisibleForTesting
    static final class EmitBar
            extends ProcessWindowFunction<BarAccumulator, OriginalBar, String, TimeWindow> {
        private static final long serialVersionUID = 1L;

        private static final ValueStateDescriptor<Long> SEQ =
                new ValueStateDescriptor<>("original-bar-seq", Types.LONG);

        @Override
        public void process(
                String symbol,
                Context context,
                Iterable<BarAccumulator> elements,
                Collector<OriginalBar> out)
                throws Exception {
            BarAccumulator acc = elements.iterator().next();
            ValueState<Long> seq = context.globalState().getState(SEQ);
            long next = seq.value() == null ? 1 : seq.value() + 1;
            seq.update(next);
            OriginalBar bar = new OriginalBar();
            bar.symbol = symbol;
            bar.seq = next;
            bar.ingestTs = System.currentTimeMillis();
            bar.windowStartMs = context.window().getStart();
            bar.windowEndMs = context.window().getEnd();
            bar.open = acc.open;
            bar.high = acc.high;
            bar.low = acc.low;
            bar.close = acc.close;
            bar.volume = acc.volume;
            bar.vwap = acc.volume > 0 ? acc.notional / acc.volume : null;
            bar.count = acc.count;
            out.collect(bar);
        }
    }

    /**
     * The original's signal function: per bar, read the retained bars from list state, append, trim
     * to 360, sort and write them back, add the bar to the session VWAP's sums, and rebuild and
     * evaluate the ta4j series ({@link Ta4jRebuild}, {@code DecimalNum}).
     */
    @VisibleForTesting
    static final class RebuildSignals
            extends KeyedProcessFunction<String, OriginalBar, OriginalSignal> {
        private static final long serialVersionUID = 1L;

        private transient ListState<Bar> retained;
        private transient ValueState<double[]> session;
        private transient Ta4jRebuild rebuild;

        @Override
        public void open(OpenContext openContext) {
            retained =
                    getRuntimeContext()
                            .getListState(
                                    new ListStateDescriptor<>("original-retained-bars", Bar.class));
            session =
                    getRuntimeContext()
                            .getState(
                                    new ValueStateDescriptor<>(
                                            "original-session-vwap", double[].class));
            rebuild = new Ta4jRebuild(Ta4jRebuild.NumType.DECIMAL, BAR);
        }

        @Override
        public void processElement(OriginalBar bar, Context ctx, Collector<OriginalSignal> out)
                throws Exception {
            List<Bar> bars = new ArrayList<>(Ta4jRebuild.SECOND_LANE_BARS + 1);
            Iterable<Bar> kept = retained.get();
            if (kept != null) {
                for (Bar b : kept) {
                    bars.add(b);
                }
            }
            Ta4jRebuild.retain(
                    bars,
                    new Bar(
                            bar.symbol,
                            bar.windowStartMs,
                            bar.windowEndMs,
                            bar.open,
                            bar.high,
                            bar.low,
                            bar.close,
                            bar.volume,
                            bar.vwap == null ? 0 : bar.vwap * bar.volume,
                            bar.count,
                            true),
                    Ta4jRebuild.SECOND_LANE_BARS);
            retained.update(bars);
            double[] sums = session.value();
            if (sums == null) {
                sums = new double[2];
            }
            // The original's session VWAP: closes weighted by volume, never reset.
            sums[0] += bar.close * bar.volume;
            sums[1] += bar.volume;
            session.update(sums);
            out.collect(
                    OriginalSignal.of(
                            bar,
                            rebuild.evaluate(
                                    bars,
                                    bar.windowEndMs,
                                    Ta4jRebuild.sessionVwap(sums[0], sums[1]))));
        }
    }
}
