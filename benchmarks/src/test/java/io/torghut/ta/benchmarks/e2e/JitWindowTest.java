package io.torghut.ta.benchmarks.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Tests for {@link EndToEndBenchmark.JitWindow}, the latency warm-up's end. */
class JitWindowTest {

    /** The answers of one sample a second, with the JIT's total compiling time given per sample. */
    private static List<Boolean> answers(int parallelism, long... totalMs) {
        long[] next = {0};
        EndToEndBenchmark.JitWindow w =
                new EndToEndBenchmark.JitWindow(parallelism, () -> totalMs[(int) next[0]++]);
        List<Boolean> out = new ArrayList<>();
        for (int i = 0; i < totalMs.length; i++) {
            out.add(w.settled());
        }
        return out;
    }

    @Test
    void settledOnlyOnceFiveWholeSecondsCompiledAtMostFivePercentOfTheCores() {
        // 2 cores: 5 % of 5 s x 2 = 500 ms of compiling in the last five seconds at most.
        assertThat(answers(2, 0, 0, 0, 0, 0, 0, 0))
                .as("idle: settled from the sixth sample, the first with five whole seconds")
                .containsExactly(false, false, false, false, false, true, true);
        assertThat(answers(2, 0, 100, 200, 300, 400, 500, 601, 702))
                .as("100 ms a second is exactly the bar; 101 ms is over it")
                .containsExactly(false, false, false, false, false, true, false, false);
        assertThat(answers(1, 0, 1000, 2000, 2000, 2000, 2000, 2000, 2200, 2300, 2300))
                .as("one core: 250 ms at most in any five seconds")
                .containsExactly(
                        false, false, false, false, false, false, false, true, false, false);
    }
}
