package io.torghut.ta.job.operators;

import static org.assertj.core.api.Assertions.assertThat;

import io.torghut.ta.core.bars.Bar;
import io.torghut.ta.core.bars.MicroBarAggregator;
import io.torghut.ta.job.model.LateTrade;
import io.torghut.ta.job.model.TradeEvent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.StateBackend;
import org.apache.flink.runtime.state.hashmap.HashMapStateBackend;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link MicroBarFunction} in Flink's keyed-operator harness against {@link MicroBarAggregator}
 * driven directly with the same trades and watermarks: the same bars per symbol, in the same order,
 * and the same late trades, through out-of-order trades that open earlier windows, several windows
 * closing on one watermark, duplicates, and a snapshot and restore in the middle, on the heap and
 * RocksDB backends. The operator registers its timer only when a trade opens a window, so a missing
 * timer shows up here as a missing or delayed bar.
 */
class MicroBarFunctionTest {
    private static final long BOUND_MS = 2_000;
    private static final String[] SYMBOLS = {"AAPL", "MSFT", "NVDA"};

    private record Step(TradeEvent trade, long watermark) {}

    private static List<Step> tape(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Step> steps = new ArrayList<>();
        long clock = 1_772_548_200_000L;
        long newest = Long.MIN_VALUE;
        long seq = 0;
        for (int i = 0; i < 4_000; i++) {
            clock += random.nextInt(40);
            TradeEvent t = new TradeEvent();
            t.symbol = new String(SYMBOLS[random.nextInt(SYMBOLS.length)]);
            // Mostly in order, some up to 3 s behind (past the bound: late or into an old window).
            t.eventTs = clock - (random.nextInt(10) == 0 ? random.nextInt(3_000) : 0);
            t.seq = ++seq;
            t.price = 100 + random.nextInt(100) / 100.0;
            t.size = 1 + random.nextInt(50);
            steps.add(new Step(t, Long.MIN_VALUE));
            if (random.nextInt(20) == 0) {
                // An exact repeat: counted as a duplicate, not added.
                steps.add(new Step(t, Long.MIN_VALUE));
            }
            newest = Math.max(newest, t.eventTs);
            if (random.nextInt(random.nextInt(10) == 0 ? 200 : 25) == 0) {
                steps.add(new Step(null, newest - BOUND_MS - 1));
            }
        }
        steps.add(new Step(null, Long.MAX_VALUE));
        return steps;
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, TradeEvent, Bar> harness(
            String backend) throws Exception {
        var h =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        new KeyedProcessOperator<>(new MicroBarFunction(1000, 0)),
                        SymbolKey.<TradeEvent>of(t -> t.symbol),
                        Types.STRING);
        StateBackend b =
                backend.equals("rocksdb")
                        ? new EmbeddedRocksDBStateBackend()
                        : new HashMapStateBackend();
        h.setStateBackend(b);
        return h;
    }

    @ParameterizedTest
    @CsvSource({"heap, 1", "heap, 2", "rocksdb, 3"})
    void barsAndLateTradesEqualTheAggregatorDrivenDirectly(String backend, long seed)
            throws Exception {
        List<Step> steps = tape(seed);

        Map<String, MicroBarAggregator> direct = new LinkedHashMap<>();
        // Per symbol: each bar with the index of the step (watermark) that emitted it, so a bar
        // emitted late (a missing timer caught up by a later one) fails as well as a lost one.
        Map<String, List<String>> expected = new LinkedHashMap<>();
        List<Long> expectedLate = new ArrayList<>();
        long watermark = Long.MIN_VALUE;
        for (int i = 0; i < steps.size(); i++) {
            Step s = steps.get(i);
            int step = i;
            if (s.trade() != null) {
                TradeEvent t = s.trade();
                MicroBarAggregator agg =
                        direct.computeIfAbsent(t.symbol, k -> new MicroBarAggregator(k, 1000, 0));
                if (agg.add(t.eventTs, t.seq, t.price, t.size, watermark)
                        == MicroBarAggregator.Outcome.LATE) {
                    expectedLate.add(t.seq);
                }
            } else {
                watermark = s.watermark();
                for (MicroBarAggregator agg : direct.values()) {
                    agg.advance(
                            watermark,
                            b ->
                                    expected.computeIfAbsent(b.symbol(), k -> new ArrayList<>())
                                            .add(step + ": " + b));
                }
            }
        }

        Map<String, List<String>> actual = new LinkedHashMap<>();
        List<Long> late = new ArrayList<>();
        int cut = steps.size() / 2;
        OperatorSubtaskState snapshot;
        try (var first = harness(backend)) {
            first.open();
            for (int i = 0; i < cut; i++) {
                feed(first, steps.get(i), i, actual);
            }
            snapshot = first.snapshot(1, 1);
            collectLate(first, late);
        }
        try (var second = harness(backend)) {
            second.initializeState(snapshot);
            second.open();
            for (int i = cut; i < steps.size(); i++) {
                feed(second, steps.get(i), i, actual);
            }
            collectLate(second, late);
        }

        assertThat(expected.values().stream().mapToInt(List::size).sum()).isGreaterThan(200);
        assertThat(expectedLate).isNotEmpty();
        for (String symbol : SYMBOLS) {
            assertThat(actual.get(symbol)).as(symbol).isEqualTo(expected.get(symbol));
        }
        assertThat(late).containsExactlyInAnyOrderElementsOf(expectedLate);
    }

    /** Feeds step {@code index}; the bars it emits are recorded under that index. */
    private static void feed(
            KeyedOneInputStreamOperatorTestHarness<String, TradeEvent, Bar> h,
            Step s,
            int index,
            Map<String, List<String>> emitted)
            throws Exception {
        int before = h.extractOutputValues().size();
        if (s.trade() != null) {
            h.processElement(new StreamRecord<>(s.trade(), s.trade().eventTs));
        } else {
            h.processWatermark(new Watermark(s.watermark()));
        }
        List<Bar> out = h.extractOutputValues();
        for (Bar b : out.subList(before, out.size())) {
            emitted.computeIfAbsent(b.symbol(), k -> new ArrayList<>()).add(index + ": " + b);
        }
    }

    private static void collectLate(
            KeyedOneInputStreamOperatorTestHarness<String, TradeEvent, Bar> h, List<Long> late) {
        var side = h.getSideOutput(MicroBarFunction.LATE_TRADES);
        if (side != null) {
            for (StreamRecord<LateTrade> r : side) {
                late.add(r.getValue().seq);
            }
        }
    }

    /**
     * What a watermark costs does not grow with symbols that have no open window: a symbol holds an
     * event-time timer only while it has one, so after its bars close it has none for Flink's timer
     * queue to look at, and a watermark that closes nothing fires nothing.
     */
    @Test
    void onlySymbolsWithAnOpenWindowHoldATimer() throws Exception {
        try (var h = harness("heap")) {
            h.open();
            long start = 1_772_548_200_000L;
            for (int i = 0; i < 5_000; i++) {
                TradeEvent t = new TradeEvent();
                t.symbol = "S" + i;
                t.eventTs = start + 100;
                t.seq = 1;
                t.price = 100;
                t.size = 1;
                h.processElement(new StreamRecord<>(t, t.eventTs));
            }
            assertThat(h.numEventTimeTimers()).isEqualTo(5_000);

            h.processWatermark(new Watermark(start + 1_000));
            assertThat(h.extractOutputValues()).hasSize(5_000);
            assertThat(h.numEventTimeTimers()).isZero();

            TradeEvent active = new TradeEvent();
            active.symbol = "S7";
            active.eventTs = start + 1_500;
            active.seq = 2;
            active.price = 101;
            active.size = 1;
            h.processElement(new StreamRecord<>(active, active.eventTs));
            assertThat(h.numEventTimeTimers()).isEqualTo(1);
            int before = h.extractOutputValues().size();
            for (long w = start + 1_010; w < start + 2_000; w += 10) {
                h.processWatermark(new Watermark(w));
            }
            // A hundred watermarks that close nothing emitted nothing and left the one timer.
            assertThat(h.extractOutputValues()).hasSize(before);
            assertThat(h.numEventTimeTimers()).isEqualTo(1);
        }
    }
}
