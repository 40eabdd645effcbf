package io.torghut.ta.benchmarks.e2e.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.torghut.ta.benchmarks.e2e.TradeTape;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;

/**
 * The original design's baseline does the work ours does: it decodes the envelopes the tape writes,
 * and its window operator makes the 1 s bars a brute-force grouping of the same trades makes, and
 * one signal per bar. Otherwise the ratio in the end-to-end report would compare unequal work.
 */
class OriginalDesignTopologyTest {
    private static final long OPEN_MS = 1_772_548_200_000L; // 2026-03-03 14:30 UTC

    @Test
    void decodesTheTapesEnvelopeAndRejectsWhatIsMissing() {
        ObjectMapper mapper = new ObjectMapper();
        String json = new TradeTape(3, 2, 1).next(OPEN_MS + 250, OPEN_MS + 300);

        OriginalTrade t = OriginalDesignTopology.decode(mapper, json);

        assertThat(t).isNotNull();
        assertThat(t.symbol).matches("S000[0-2]");
        assertThat(t.seq).isEqualTo(1);
        assertThat(t.eventTs).isEqualTo(OPEN_MS + 250);
        assertThat(t.ingestTs).isEqualTo(OPEN_MS + 300);
        assertThat(t.price).isPositive();
        assertThat(t.size).isBetween(1.0, 500.0);
        assertThat(OriginalDesignTopology.decode(mapper, json.replace("\"payload\"", "\"x\"")))
                .isNull();
        assertThat(OriginalDesignTopology.decode(mapper, "{not json")).isNull();
    }

    @Test
    void itsBarsAreTheTradesGroupedBySymbolAndSecondAndEachBarGetsASignal() throws Exception {
        TradeTape tape = new TradeTape(4, 2, 11);
        ObjectMapper mapper = new ObjectMapper();
        List<String> envelopes = new ArrayList<>();
        // The oracle: per symbol and second, open/close in arrival order, sums and count.
        Map<String, double[]> expected = new TreeMap<>();
        for (int i = 0; i < 2_000; i++) {
            long ts = OPEN_MS + i * 37L;
            String json = tape.next(ts, ts);
            envelopes.add(json);
            OriginalTrade t = OriginalDesignTopology.decode(mapper, json);
            String key = t.symbol + "|" + (ts - ts % 1000);
            double[] b = expected.get(key);
            if (b == null) {
                expected.put(key, new double[] {t.price, t.price, t.price, t.price, t.size, 1});
            } else {
                b[1] = Math.max(b[1], t.price);
                b[2] = Math.min(b[2], t.price);
                b[3] = t.price;
                b[4] += t.size;
                b[5]++;
            }
        }
        envelopes.add("{not json");

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        DataStream<OriginalTrade> trades =
                env.fromData(envelopes)
                        .setParallelism(1)
                        .flatMap(new OriginalDesignTopology.DecodeTrades())
                        .setParallelism(1)
                        .assignTimestampsAndWatermarks(
                                WatermarkStrategy.<OriginalTrade>forBoundedOutOfOrderness(
                                                Duration.ofMillis(500))
                                        .withTimestampAssigner((t, ts) -> t.eventTs))
                        .setParallelism(1);
        var bars = OriginalDesignTopology.microbars(trades);
        List<OriginalBar> barsOut = new ArrayList<>();
        List<OriginalSignal> signalsOut = new ArrayList<>();
        try (var it = bars.executeAndCollect("original-bars-test")) {
            it.forEachRemaining(barsOut::add);
        }
        StreamExecutionEnvironment env2 = StreamExecutionEnvironment.getExecutionEnvironment();
        env2.setParallelism(2);
        try (var it =
                env2.fromData(barsOut)
                        .keyBy(b -> b.symbol, Types.STRING)
                        .process(new OriginalDesignTopology.RebuildSignals())
                        .executeAndCollect("original-signals-test")) {
            it.forEachRemaining(signalsOut::add);
        }

        Map<String, double[]> actual = new TreeMap<>();
        for (OriginalBar b : barsOut) {
            assertThat(b.windowEndMs - b.windowStartMs).isEqualTo(1000);
            actual.put(
                    b.symbol + "|" + b.windowStartMs,
                    new double[] {b.open, b.high, b.low, b.close, b.volume, b.count});
        }
        assertThat(actual).hasSameSizeAs(expected).containsOnlyKeys(expected.keySet());
        expected.forEach((k, v) -> assertThat(actual.get(k)).as(k).containsExactly(v));
        assertThat(signalsOut).hasSameSizeAs(barsOut);
        for (OriginalSignal s : signalsOut) {
            assertThat(s.ema12).isCloseTo(s.bar.close, within(s.bar.close * 0.05));
            if (s.rsi14 != null) {
                assertThat(s.rsi14).isBetween(0.0, 100.0);
            }
        }
    }
}
