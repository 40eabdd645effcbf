package io.torghut.ta.fuzz;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts one fuzz target's executions and, after the run, prints them and checks that fuzzing
 * really happened: in fuzzing mode ({@code JAZZER_FUZZ} set, as the fuzz executions of the pom do)
 * a run with fewer than {@code fuzz.minExecutions} inputs fails, so a misconfiguration that
 * silently falls back to replaying the seeds cannot pass as a fuzzing run.
 */
final class FuzzRun {
    private final String target;
    private final AtomicLong executions = new AtomicLong();
    private final long startNanos = System.nanoTime();

    FuzzRun(String target) {
        this.target = target;
    }

    /** Called once per fuzzer input. */
    void executed() {
        executions.incrementAndGet();
    }

    /** Prints the summary line and, in fuzzing mode, enforces the minimum execution count. */
    void finish(String notes) {
        long n = executions.get();
        boolean fuzzing = isFuzzing();
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        System.out.printf(
                "fuzz summary: target=%s mode=%s executions=%d seconds=%.1f %s%n",
                target, fuzzing ? "fuzzing" : "regression", n, seconds, notes);
        long min = Long.getLong("fuzz.minExecutions", 1000);
        if (fuzzing && n < min) {
            throw new AssertionError(
                    target
                            + " ran "
                            + n
                            + " inputs in fuzzing mode, fewer than fuzz.minExecutions = "
                            + min
                            + ": the fuzzer did not really run");
        }
    }

    /** Whether Jazzer runs in fuzzing mode, which it decides from the same variable. */
    static boolean isFuzzing() {
        String v = System.getenv("JAZZER_FUZZ");
        return v != null && !v.isEmpty();
    }
}
