package io.torghut.ta.benchmarks.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** When a freshly started job counts as settled: the last second whose p99 was too high. */
class SettledAfterTest {
    private static final long START = 1_000_000;

    private static TreeMap<Long, List<Long>> seconds(long... p99PerSecond) {
        TreeMap<Long, List<Long>> byEnd = new TreeMap<>();
        for (int i = 0; i < p99PerSecond.length; i++) {
            List<Long> l = new ArrayList<>();
            // 99 fast signals and one at the second's p99 value: the p99 of 100 is the 99th.
            for (int j = 0; j < 98; j++) {
                l.add(5L);
            }
            l.add(p99PerSecond[i]);
            l.add(p99PerSecond[i]);
            byEnd.put(START + (i + 1) * 1000L, l);
        }
        return byEnd;
    }

    @Test
    void theEndOfTheLastSlowSecondCounts() {
        assertThat(
                        EndToEndBenchmark.settledAfterMs(
                                seconds(5000, 800, 40, 300, 50, 60), START, 100))
                .isEqualTo(4000);
    }

    @Test
    void aJobFastFromTheStartSettledAtOnceAndOneSlowAtTheEndNever() {
        assertThat(EndToEndBenchmark.settledAfterMs(seconds(40, 50, 60), START, 100)).isZero();
        assertThat(EndToEndBenchmark.settledAfterMs(seconds(40, 50, 600), START, 100))
                .isEqualTo(-1);
    }

    @Test
    void aSingleSlowSignalInASecondIsBelowItsP99() {
        TreeMap<Long, List<Long>> byEnd = seconds(40, 40);
        byEnd.get(START + 1000).set(0, 9_000L);
        assertThat(EndToEndBenchmark.settledAfterMs(byEnd, START, 100)).isZero();
    }
}
