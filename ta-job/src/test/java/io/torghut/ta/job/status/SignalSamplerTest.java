package io.torghut.ta.job.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.torghut.ta.core.bars.Bar;
import io.torghut.ta.core.signals.SignalEngine;
import io.torghut.ta.core.signals.SignalEngineConfig;
import io.torghut.ta.core.signals.SignalRow;
import io.torghut.ta.job.model.StatusSample;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.util.ListCollector;
import org.junit.jupiter.api.Test;

/** Tests for {@link SignalSampler}: few samples, and no row lost from the counts. */
class SignalSamplerTest {
    private static List<SignalRow> rows(int n) {
        SignalEngine engine = new SignalEngine(SignalEngineConfig.builder().build());
        List<SignalRow> rows = new ArrayList<>();
        long t0 = 1_780_000_000_000L;
        for (int i = 0; i < n; i++) {
            double px = 100 + (i % 7) * 0.01;
            rows.add(
                    engine.onBar(
                            new Bar(
                                    "AAPL",
                                    t0 + i * 1000L,
                                    t0 + i * 1000L + 1000,
                                    px,
                                    px,
                                    px,
                                    px,
                                    10,
                                    10 * px,
                                    1,
                                    true),
                            null));
        }
        return rows;
    }

    @Test
    void reportsTheFirstRowAtOnceAndSummarisesTheRest() throws Exception {
        SignalSampler sampler = new SignalSampler("signals");
        sampler.open(null);
        List<StatusSample> out = new ArrayList<>();
        List<SignalRow> rows = rows(5_000);
        long start = System.currentTimeMillis();
        for (SignalRow r : rows) {
            sampler.processElement(r, null, new ListCollector<>(out));
        }
        long elapsedMs = System.currentTimeMillis() - start;

        assertThat(out).isNotEmpty();
        assertThat(out.get(0).count).isEqualTo(1);
        assertThat(out.get(0).maxEventTs).isEqualTo(rows.get(0).eventTimeMs());
        assertThat(out).allSatisfy(s -> assertThat(s.stream).isEqualTo("signals"));
        // One sample, plus one per elapsed interval at most.
        assertThat(out)
                .hasSizeLessThanOrEqualTo(1 + (int) (elapsedMs / SignalSampler.INTERVAL_MS) + 1);

        // The next row after a pause carries every row not reported yet, and the newest event time.
        Thread.sleep(SignalSampler.INTERVAL_MS + 50);
        SignalRow last = rows(5_001).get(5_000);
        sampler.processElement(last, null, new ListCollector<>(out));
        assertThat(out.stream().mapToLong(s -> s.count).sum()).isEqualTo(5_001);
        assertThat(out.get(out.size() - 1).maxEventTs).isEqualTo(last.eventTimeMs());
    }
}
