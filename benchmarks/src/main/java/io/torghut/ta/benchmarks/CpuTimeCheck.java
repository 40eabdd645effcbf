package io.torghut.ta.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.openjdk.jmh.infra.Blackhole;

/**
 * A noise-robust cross-check of the headline figures: the same benchmark methods, called in a plain
 * loop and timed with the thread's CPU time instead of the wall clock.
 *
 * <p>Why: on a machine whose cores are shared with other work, a JMH iteration also counts the time
 * its thread waited for a core, which inflates and scatters the wall-clock figures. CPU time leaves
 * that out (not cache or memory-bandwidth contention, which it still includes), so the two together
 * say how much of a figure is the code and how much is the machine. JMH's figures stay the
 * reference; this is not a replacement for them.
 */
public final class CpuTimeCheck {
    private CpuTimeCheck() {}

    /**
     * One figure.
     *
     * @param name what was measured (the JMH benchmark and its parameters)
     * @param minNs the fastest repetition, CPU ns per operation
     * @param medianNs the median repetition, CPU ns per operation
     * @param opsPerRep operations per timed repetition
     * @param reps timed repetitions (after as many untimed warm-up ones)
     */
    public record Figure(String name, double minNs, double medianNs, int opsPerRep, int reps) {}

    /** Whether this JVM can measure the current thread's CPU time. */
    public static boolean supported() {
        ThreadMXBean t = ManagementFactory.getThreadMXBean();
        return t.isCurrentThreadCpuTimeSupported() && t.isThreadCpuTimeEnabled();
    }

    /**
     * Measures the headline figures; {@code scale} shrinks the operation counts (1 for a real run,
     * small for a smoke test).
     */
    public static List<Figure> measureAll(double scale) {
        List<Figure> figures = new ArrayList<>();
        if (!supported()) {
            return figures;
        }
        Blackhole bh =
                new Blackhole(
                        "Today's password is swordfish. I understand instantiating Blackholes"
                                + " directly is dangerous.");

        SignalEngineBenchmark engine = new SignalEngineBenchmark();
        engine.lane = "micro";
        engine.setUp();
        figures.add(
                measure(
                        "SignalEngineBenchmark.onBar lane=micro",
                        ops(2_000_000, scale),
                        15,
                        n -> {
                            for (int i = 0; i < n; i++) {
                                bh.consume(engine.onBar());
                            }
                        }));

        AggregatorBenchmark aggregator = new AggregatorBenchmark();
        aggregator.tradesPerBar = 100;
        aggregator.order = "inOrder";
        aggregator.setUp();
        figures.add(
                measure(
                        "AggregatorBenchmark.addTrade tradesPerBar=100 order=inOrder",
                        ops(2_000_000, scale),
                        15,
                        n -> {
                            for (int i = 0; i < n; i++) {
                                bh.consume(aggregator.addTrade());
                            }
                        }));

        TaLibBaselineBenchmark talib = new TaLibBaselineBenchmark();
        figures.add(
                measure(
                        "TaLibBaselineBenchmark.allSignals",
                        ops(20_000, scale),
                        9,
                        n -> {
                            for (int i = 0; i < n; i++) {
                                bh.consume(talib.allSignals());
                            }
                        }));

        for (String num : new String[] {"double", "decimal"}) {
            Ta4jRebuildBenchmark ta4j = new Ta4jRebuildBenchmark();
            ta4j.window = MarketData.WINDOW;
            ta4j.num = num;
            ta4j.setUp();
            figures.add(
                    measure(
                            "Ta4jRebuildBenchmark.rebuildAndEvaluate window=360 num=" + num,
                            ops(num.equals("double") ? 2_000 : 150, scale),
                            7,
                            n -> {
                                for (int i = 0; i < n; i++) {
                                    ta4j.rebuildAndEvaluate(bh);
                                }
                            }));
        }
        return figures;
    }

    private static int ops(int n, double scale) {
        return Math.max(1, (int) (n * scale));
    }

    /** Runs {@code n} operations; the loop lives in each implementation so its call is direct. */
    private interface Loop {
        void run(int n);
    }

    private static Figure measure(String name, int ops, int reps, Loop loop) {
        ThreadMXBean t = ManagementFactory.getThreadMXBean();
        double[] perOp = new double[reps];
        for (int r = -reps; r < reps; r++) {
            long before = t.getCurrentThreadCpuTime();
            loop.run(ops);
            long cpu = t.getCurrentThreadCpuTime() - before;
            if (r >= 0) {
                perOp[r] = cpu / (double) ops;
            }
        }
        Arrays.sort(perOp);
        return new Figure(name, perOp[0], perOp[reps / 2], ops, reps);
    }
}
