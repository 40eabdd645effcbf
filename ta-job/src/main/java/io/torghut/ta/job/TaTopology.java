package io.torghut.ta.job;

import io.torghut.ta.core.bars.Bar;
import io.torghut.ta.core.signals.SignalEngineConfig;
import io.torghut.ta.core.signals.SignalRow;
import io.torghut.ta.job.config.TaConfig;
import io.torghut.ta.job.model.BarSerializer;
import io.torghut.ta.job.model.DeadLetter;
import io.torghut.ta.job.model.InputRecord;
import io.torghut.ta.job.model.LateTrade;
import io.torghut.ta.job.model.MinuteBarEvent;
import io.torghut.ta.job.model.QuoteEvent;
import io.torghut.ta.job.model.StatusSample;
import io.torghut.ta.job.model.TradeEvent;
import io.torghut.ta.job.operators.InputValidator;
import io.torghut.ta.job.operators.MicroBarFunction;
import io.torghut.ta.job.operators.SignalFunction;
import io.torghut.ta.job.operators.SymbolKey;
import io.torghut.ta.job.sources.InputKind;
import io.torghut.ta.job.status.InputSampler;
import io.torghut.ta.job.status.SignalSampler;
import io.torghut.ta.job.status.StatusFunction;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.Collector;

/**
 * The TA job's dataflow, independent of where its inputs come from and where its outputs go: the
 * caller passes the sources and sinks (Kafka and ClickHouse in production, files in the local run,
 * the same Kafka and ClickHouse servers on loopback in the tests).
 *
 * <pre>
 * trades  -> sample -> validate -> keyBy(symbol) -> microbars (1 s, event time) --+--> bar sinks
 * bars1m  -> sample -> validate -> to bar -------------------------------------+ |
 *                                                                               v v
 * quotes  -> sample -> validate -> keyBy(symbol) ----------------------> signals (1 s + 1 min lanes)
 *                                                                               -> signal sinks
 * refused records -> dead-letter sink;   late trades -> late sink;   samples -> status heartbeat
 * </pre>
 *
 * <p>Watermarks are generated in the sources, per Kafka partition (or file split), with bounded
 * out-of-orderness and idleness. Every operator has a stable uid ({@link #UIDS}); refused records
 * carry no event time, so they cannot move a watermark.
 */
public final class TaTopology {
    /** Every operator uid; a test pins this list so no uid changes by accident. */
    public static final List<String> UIDS =
            List.of(
                    "ta-source-trades",
                    "ta-validate-trades",
                    "ta-sample-trades",
                    "ta-source-quotes",
                    "ta-validate-quotes",
                    "ta-sample-quotes",
                    "ta-source-bars1m",
                    "ta-validate-bars1m",
                    "ta-sample-bars1m",
                    "ta-bars1m-to-bar",
                    "ta-microbars",
                    "ta-signals",
                    "ta-signals-1m",
                    "ta-no-quotes-1s",
                    "ta-clock-1m",
                    "ta-signals-sample",
                    "ta-status");

    /** The inputs; quotes and 1 min bars may be null (disabled). */
    public record Inputs(
            Source<TradeEvent, ?, ?> trades,
            Source<QuoteEvent, ?, ?> quotes,
            Source<MinuteBarEvent, ?, ?> bars1m) {}

    /**
     * The outputs by name (the name becomes part of the sink's uid, e.g. {@code
     * ta-sink-microbars-kafka}); status, dead letters and late trades may be null.
     */
    public record Outputs(
            Map<String, Sink<Bar>> bars,
            Map<String, Sink<SignalRow>> signals,
            Sink<String> status,
            Sink<DeadLetter> deadLetters,
            Sink<LateTrade> lateTrades) {}

    private final TaConfig config;
    private final Inputs inputs;
    private final Outputs outputs;
    private final int clickhouseSinkParallelism;

    /** Creates the topology for a configuration, inputs and outputs. */
    public TaTopology(TaConfig config, Inputs inputs, Outputs outputs) {
        this.config = config;
        this.inputs = inputs;
        this.outputs = outputs;
        this.clickhouseSinkParallelism = config.clickhouseSinkParallelism;
    }

    /** The signal-engine configuration of the 1 s lane. */
    public static SignalEngineConfig secondLane(TaConfig c) {
        return SignalEngineConfig.builder()
                .vwapWindowMs(c.vwapWindowMs)
                .realizedVolWindowMs(c.realizedVolWindowMs)
                .quoteStaleAfterMs(c.quoteStaleAfterMs)
                .sessionZone(c.sessionZone)
                .build();
    }

    /** The signal-engine configuration of the 1 min lane. */
    public static SignalEngineConfig minuteLane(TaConfig c) {
        return SignalEngineConfig.builder()
                .barSizeMs(60_000)
                .eventTimeAtWindowEnd(false)
                .revisable(true)
                .vwapWindowMs(Math.max(60_000, c.vwapWindowMs - c.vwapWindowMs % 60_000))
                .realizedVolWindowMs(
                        Math.max(60_000, c.realizedVolWindowMs - c.realizedVolWindowMs % 60_000))
                .quoteStaleAfterMs(c.quoteStaleAfterMs)
                .sessionZone(c.sessionZone)
                .build();
    }

    private <T extends InputRecord> WatermarkStrategy<T> watermarks() {
        return WatermarkStrategy.<T>forBoundedOutOfOrderness(
                        Duration.ofMillis(config.maxOutOfOrderMs))
                .withTimestampAssigner((e, ts) -> e.watermarkTimestamp())
                .withIdleness(Duration.ofMillis(config.watermarkIdleTimeoutMs));
    }

    private final class Input<T extends InputRecord> {
        final SingleOutputStreamOperator<T> valid;
        final DataStream<DeadLetter> deadLetters;
        final DataStream<StatusSample> samples;

        Input(StreamExecutionEnvironment env, Source<T, ?, ?> source, InputKind kind) {
            String l = kind.label();
            TypeInformation<T> type = TypeInformation.of(kind.<T>type());
            DataStream<T> raw =
                    env.fromSource(source, TaTopology.this.<T>watermarks(), "source-" + l, type)
                            .uid("ta-source-" + l);
            SingleOutputStreamOperator<T> sampled =
                    raw.process(new InputSampler<T>(l), type)
                            .uid("ta-sample-" + l)
                            .name("sample-" + l);
            valid =
                    sampled.process(new InputValidator<T>(l), type)
                            .uid("ta-validate-" + l)
                            .name("validate-" + l);
            deadLetters = valid.getSideOutput(InputValidator.DEAD_LETTERS);
            samples = sampled.getSideOutput(InputSampler.SAMPLES);
        }
    }

    /** Adds the dataflow to {@code env}. */
    public void build(StreamExecutionEnvironment env) {
        List<DataStream<DeadLetter>> deadLetters = new ArrayList<>();
        List<DataStream<StatusSample>> samples = new ArrayList<>();

        Input<TradeEvent> trades = new Input<>(env, inputs.trades(), InputKind.TRADES);
        deadLetters.add(trades.deadLetters);
        samples.add(trades.samples);

        SingleOutputStreamOperator<Bar> microbars =
                trades.valid
                        .keyBy(SymbolKey.<TradeEvent>of(t -> t.symbol), Types.STRING)
                        .process(
                                new MicroBarFunction(1000, config.allowedLatenessMs),
                                BarSerializer.TYPE_INFO)
                        .uid("ta-microbars")
                        .name("microbars-1s");
        DataStream<LateTrade> late = microbars.getSideOutput(MicroBarFunction.LATE_TRADES);

        DataStream<QuoteEvent> quotes = null;
        if (inputs.quotes() != null) {
            Input<QuoteEvent> q = new Input<>(env, inputs.quotes(), InputKind.QUOTES);
            deadLetters.add(q.deadLetters);
            samples.add(q.samples);
            quotes = q.valid;
        }

        // One operator per lane, so the 1 s lane's watermark never waits for the 1 min bar topic
        // (the 1 min lane still follows the trades' watermark, see minuteLaneClock).
        DataStream<SignalRow> signals =
                microbars
                        .keyBy(SymbolKey.of(Bar::symbol), Types.STRING)
                        .connect(
                                quotesFor(quotes, microbars, "1s")
                                        .keyBy(
                                                SymbolKey.<QuoteEvent>of(q -> q.symbol),
                                                Types.STRING))
                        .process(
                                SignalFunction.secondLane(secondLane(config)),
                                TypeInformation.of(SignalRow.class))
                        .uid("ta-signals")
                        .name("signals-1s");
        if (inputs.bars1m() != null) {
            Input<MinuteBarEvent> bars1m = new Input<>(env, inputs.bars1m(), InputKind.BARS1M);
            deadLetters.add(bars1m.deadLetters);
            samples.add(bars1m.samples);
            DataStream<Bar> minuteBars =
                    bars1m.valid
                            .map(MinuteBarEvent::toBar, BarSerializer.TYPE_INFO)
                            .uid("ta-bars1m-to-bar")
                            .name("bars1m-to-bar");
            signals =
                    signals.union(
                            minuteBars
                                    .keyBy(SymbolKey.of(Bar::symbol), Types.STRING)
                                    .connect(
                                            minuteLaneClock(quotes, microbars)
                                                    .keyBy(
                                                            SymbolKey.<QuoteEvent>of(q -> q.symbol),
                                                            Types.STRING))
                                    .process(
                                            SignalFunction.minuteLane(minuteLane(config)),
                                            TypeInformation.of(SignalRow.class))
                                    .uid("ta-signals-1m")
                                    .name("signals-1m"));
        }

        for (Map.Entry<String, Sink<Bar>> e : outputs.bars().entrySet()) {
            var s =
                    microbars
                            .sinkTo(e.getValue())
                            .uid("ta-sink-microbars-" + e.getKey())
                            .name("sink-microbars-" + e.getKey());
            if (e.getKey().equals("clickhouse")) {
                s.setParallelism(clickhouseSinkParallelism);
            }
        }
        for (Map.Entry<String, Sink<SignalRow>> e : outputs.signals().entrySet()) {
            var s =
                    signals.sinkTo(e.getValue())
                            .uid("ta-sink-signals-" + e.getKey())
                            .name("sink-signals-" + e.getKey());
            if (e.getKey().equals("clickhouse")) {
                s.setParallelism(clickhouseSinkParallelism);
            }
        }
        if (outputs.deadLetters() != null) {
            union(deadLetters)
                    .sinkTo(outputs.deadLetters())
                    .uid("ta-sink-deadletters")
                    .name("sink-deadletters");
        }
        if (outputs.lateTrades() != null) {
            late.sinkTo(outputs.lateTrades()).uid("ta-sink-late-trades").name("sink-late-trades");
        }
        if (outputs.status() != null) {
            samples.add(
                    signals.process(
                                    new SignalSampler("signals"),
                                    TypeInformation.of(StatusSample.class))
                            .uid("ta-signals-sample")
                            .name("signals-sample"));
            union(samples)
                    .keyBy(s -> "ta")
                    .process(
                            new StatusFunction(
                                    config.statusIntervalMs,
                                    config.freshnessAlertMs,
                                    config.sourceLagDegradedAfterMs),
                            TypeInformation.of(String.class))
                    .uid("ta-status")
                    .name("status")
                    .setParallelism(1)
                    .sinkTo(outputs.status())
                    .uid("ta-sink-status")
                    .name("sink-status")
                    .setParallelism(1);
        }
    }

    /**
     * The quotes, or, with quotes disabled, a stream that never carries a record but forwards the
     * lane's own watermark, so the lane joins no quote and waits for nothing else.
     */
    private static DataStream<QuoteEvent> quotesFor(
            DataStream<QuoteEvent> quotes, DataStream<Bar> lane, String laneName) {
        if (quotes != null) {
            return quotes;
        }
        return lane.flatMap(
                        (Bar b, Collector<QuoteEvent> out) -> {},
                        TypeInformation.of(QuoteEvent.class))
                .uid("ta-no-quotes-" + laneName)
                .name("no-quotes-" + laneName);
    }

    /**
     * The 1 min lane's second input: the quotes (if enabled) and a record-free stream carrying the
     * trades' watermark. A 1 min bar closes when the minimum of the bars', quotes' and trades'
     * watermarks passes its end, as when both lanes were one operator: at the end of a stream (a
     * replay's closing sentinel, end of input) the trades still move the clock when the 1 min bar
     * and quote partitions have gone idle.
     */
    private static DataStream<QuoteEvent> minuteLaneClock(
            DataStream<QuoteEvent> quotes, DataStream<Bar> microbars) {
        DataStream<QuoteEvent> clock =
                microbars
                        .flatMap(
                                (Bar b, Collector<QuoteEvent> out) -> {},
                                TypeInformation.of(QuoteEvent.class))
                        .uid("ta-clock-1m")
                        .name("trade-clock-1m");
        return quotes == null ? clock : quotes.union(clock);
    }

    private static <T> DataStream<T> union(List<DataStream<T>> streams) {
        DataStream<T> first = streams.get(0);
        if (streams.size() == 1) {
            return first;
        }
        @SuppressWarnings("unchecked")
        DataStream<T>[] rest = streams.subList(1, streams.size()).toArray(new DataStream[0]);
        return first.union(rest);
    }

    /** Outputs with just the given bar and signal sinks. */
    public static Outputs outputs(
            Map<String, Sink<Bar>> bars, Map<String, Sink<SignalRow>> signals) {
        return new Outputs(
                new LinkedHashMap<>(bars), new LinkedHashMap<>(signals), null, null, null);
    }
}
