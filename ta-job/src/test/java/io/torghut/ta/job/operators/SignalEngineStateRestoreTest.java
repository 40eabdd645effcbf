package io.torghut.ta.job.operators;

import static org.assertj.core.api.Assertions.assertThat;

import io.torghut.ta.core.bars.Bar;
import io.torghut.ta.core.signals.SignalEngine;
import io.torghut.ta.core.signals.SignalEngineConfig;
import io.torghut.ta.core.signals.SignalRow;
import io.torghut.ta.job.model.QuoteEvent;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.StateBackend;
import org.apache.flink.runtime.state.hashmap.HashMapStateBackend;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.apache.flink.util.Collector;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Restoring the signal operator's engine state through Flink's state backends: state that Kryo
 * wrote (the job before {@link SignalEngineSerializer}, a generic type under the same state name)
 * is migrated on restore into {@link SignalFunction}, and state the compact serializer wrote
 * restores again; in both lanes (the 1 min lane with revisions across the restore), on the heap and
 * the RocksDB backend, every row after each restore equals, bit for bit, the row of an engine that
 * never stopped.
 */
class SignalEngineStateRestoreTest {

    /**
     * The job's engine state as it was before the compact serializer: the same state name, the
     * engine as a generic type (Kryo), one row per bar applied.
     */
    static final class KryoEngineState extends KeyedProcessFunction<String, Bar, SignalRow> {
        private static final long serialVersionUID = 1L;
        private final SignalEngineConfig lane;
        private final String suffix;
        private transient ValueState<SignalEngine> engine;

        KryoEngineState(SignalEngineConfig lane, String suffix) {
            this.lane = lane;
            this.suffix = suffix;
        }

        @Override
        public void open(OpenContext openContext) {
            engine =
                    getRuntimeContext()
                            .getState(
                                    new ValueStateDescriptor<>(
                                            "engine-" + suffix,
                                            TypeInformation.of(SignalEngine.class)));
        }

        @Override
        public void processElement(Bar bar, Context ctx, Collector<SignalRow> out)
                throws Exception {
            SignalEngine e = engine.value() == null ? new SignalEngine(lane) : engine.value();
            SignalRow row = e.onBar(bar, null);
            engine.update(e);
            if (row != null) {
                out.collect(row);
            }
        }
    }

    @ParameterizedTest(name = "{0} lane, {1}")
    @CsvSource({"1s, heap", "1m, heap", "1s, rocksdb", "1m, rocksdb"})
    void kryoStateMigratesAndCompactStateRestoresBitForBit(String lane, String backend)
            throws Exception {
        boolean second = lane.equals("1s");
        SignalEngineConfig config =
                second ? SignalEngineConfig.microBars() : SignalEngineConfig.minuteBars();
        List<Bar> bars = SignalEngineSerializerTest.bars(config, 11, second ? 900 : 400);
        int firstCut = bars.size() / 3;
        int secondCut = 2 * bars.size() / 3;

        // An engine that never stops; like SignalFunction, the 1 min lane drops an exact repeat of
        // the last bar it applied (the seeded walk makes a few).
        SignalEngine uninterrupted = new SignalEngine(config);
        List<SignalRow> expected = new ArrayList<>();
        Bar last = null;
        for (int i = 0; i < bars.size(); i++) {
            Bar bar = bars.get(i);
            if (config.revisable() && bar.equals(last)) {
                continue;
            }
            SignalRow row = uninterrupted.onBar(bar, null);
            if (row != null) {
                last = bar;
                if (i >= firstCut) {
                    expected.add(row);
                }
            }
        }

        OperatorSubtaskState kryoWritten;
        try (var old =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        new KeyedProcessOperator<>(new KryoEngineState(config, lane)),
                        Bar::symbol,
                        Types.STRING)) {
            old.setStateBackend(backend(backend));
            old.open();
            for (Bar bar : bars.subList(0, firstCut)) {
                old.processElement(new StreamRecord<>(bar, bar.windowEndMs()));
            }
            kryoWritten = old.snapshot(1, 1);
        }

        List<SignalRow> actual = new ArrayList<>();
        OperatorSubtaskState compactWritten;
        try (var migrated = signalHarness(config, backend, kryoWritten)) {
            feed(migrated, bars.subList(firstCut, secondCut));
            actual.addAll(migrated.extractOutputValues());
            compactWritten = migrated.snapshot(2, 2);
        }
        try (var restored = signalHarness(config, backend, compactWritten)) {
            feed(restored, bars.subList(secondCut, bars.size()));
            actual.addAll(restored.extractOutputValues());
        }

        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            assertSameRow(actual.get(i), expected.get(i), lane + " row " + i);
        }
    }

    private static KeyedTwoInputStreamOperatorTestHarness<String, Bar, QuoteEvent, SignalRow>
            signalHarness(SignalEngineConfig config, String backend, OperatorSubtaskState state)
                    throws Exception {
        SignalFunction function =
                config.revisable()
                        ? SignalFunction.minuteLane(config)
                        : SignalFunction.secondLane(config);
        var harness =
                new KeyedTwoInputStreamOperatorTestHarness<>(
                        new KeyedCoProcessOperator<>(function),
                        Bar::symbol,
                        (QuoteEvent q) -> q.symbol,
                        Types.STRING);
        harness.setStateBackend(backend(backend));
        harness.initializeState(state);
        harness.open();
        return harness;
    }

    /** Bars of one window (a bar and its revisions) together, then the watermark to its end. */
    private static void feed(
            KeyedTwoInputStreamOperatorTestHarness<String, Bar, QuoteEvent, SignalRow> harness,
            List<Bar> bars)
            throws Exception {
        for (int i = 0; i < bars.size(); i++) {
            Bar bar = bars.get(i);
            harness.processElement1(new StreamRecord<>(bar, bar.windowEndMs()));
            boolean lastOfWindow =
                    i + 1 == bars.size() || bars.get(i + 1).windowStartMs() != bar.windowStartMs();
            if (lastOfWindow) {
                harness.processWatermark1(new Watermark(bar.windowEndMs()));
                harness.processWatermark2(new Watermark(bar.windowEndMs()));
            }
        }
    }

    private static StateBackend backend(String name) {
        return name.equals("rocksdb")
                ? new EmbeddedRocksDBStateBackend()
                : new HashMapStateBackend();
    }

    /** Every component equal; doubles by their raw bits. */
    private static void assertSameRow(SignalRow actual, SignalRow expected, String where) {
        for (RecordComponent c : SignalRow.class.getRecordComponents()) {
            try {
                Object a = c.getAccessor().invoke(actual);
                Object e = c.getAccessor().invoke(expected);
                if (a instanceof Double x) {
                    assertThat(Double.doubleToRawLongBits(x))
                            .as("%s %s", where, c.getName())
                            .isEqualTo(Double.doubleToRawLongBits((Double) e));
                } else {
                    assertThat(a).as("%s %s", where, c.getName()).isEqualTo(e);
                }
            } catch (ReflectiveOperationException ex) {
                throw new IllegalStateException(ex);
            }
        }
    }
}
