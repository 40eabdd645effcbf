package io.torghut.ta.benchmarks.e2e;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * What the end-to-end harness runs and how big, from system properties {@code -De2e.<name>=...}.
 * The defaults meet the minimums of the performance issue and take about 13 minutes on 2 cores.
 *
 * @param scenarios any of {@code throughput, latency, checkpoint, latency-bars1m} (the last is not
 *     a default: it needs minutes)
 * @param parallelism job parallelism = MiniCluster slots (per-core figures divide by it)
 * @param partitions partitions of every input topic
 * @param symbols symbols in the throughput tape
 * @param trades trades in the throughput tape
 * @param dayTrades trades of the trading day whose density the tape has, and whose replay time is
 *     extrapolated
 * @param clickhouse also run the throughput tape with the ClickHouse sink on
 * @param clickhouseWarmupRuns runs with the ClickHouse sinks before the measured ones
 * @param clickhouseRuns measured runs with the ClickHouse sinks (their median is the figure)
 * @param clickhouseBatchSize the sinks' {@code TA_CLICKHOUSE_BATCH_SIZE} in the measured runs (with
 *     production's {@code TA_CLICKHOUSE_FLUSH_MS} of 5 s)
 * @param clickhouseLargeBatchSize after them, as many runs with this batch size, beside them in the
 *     report; 0: none
 * @param baseline also read the throughput tape with the original design's topology ({@code
 *     OriginalDesignTopology}), after the measured Kafka-sink runs
 * @param baselineWarmupRuns runs of the original design before its measured ones
 * @param baselineRuns measured runs of the original design (their median is its figure)
 * @param baselineTrades trades the original design reads: the first this many of the tape (at most
 *     all of it), since it is too slow to read millions in every run; its figures are per trade
 * @param warmupRuns how many times at least the throughput tape is read first, with the Kafka
 *     sinks, while the JIT settles; the first of them, in the fresh JVM, is reported as the cold
 *     figure
 * @param maxWarmupRuns how many warm-up runs at most: after {@code warmupRuns}, more follow until
 *     one in which the JIT compiled for at most {@link EndToEndBenchmark#SETTLED_JIT_SHARE} of the
 *     run's wall time x parallelism
 * @param measuredRuns how many times it is read after them with the Kafka sinks only; the median is
 *     the sustained figure
 * @param latencyRate trades per second in the latency run
 * @param latencySymbols symbols in the latency run
 * @param latencyWarmupSeconds seconds produced at least before bars count toward the latency; the
 *     warm-up goes on until the JIT has settled (see {@link EndToEndBenchmark#SETTLED_JIT_SHARE})
 * @param latencyMaxWarmupSeconds seconds produced at most before bars count, settled or not
 * @param latencySeconds seconds of bars measured
 * @param latencyTuned repeat the latency measurement with the job's Flink intervals set explicitly
 *     (shows the run-to-run spread)
 * @param checkpointSymbols symbols in the checkpoint run
 * @param checkpointSeconds event-time seconds of that tape, one trade per symbol per second
 * @param resultsDir where the results files go; null writes none
 * @param docs the markdown file whose generated section is replaced; null leaves it
 * @param workDir where the servers keep their data
 */
record E2eOptions(
        Set<String> scenarios,
        int parallelism,
        int partitions,
        int symbols,
        long trades,
        long dayTrades,
        boolean clickhouse,
        int clickhouseWarmupRuns,
        int clickhouseRuns,
        int clickhouseBatchSize,
        int clickhouseLargeBatchSize,
        boolean baseline,
        int baselineWarmupRuns,
        int baselineRuns,
        long baselineTrades,
        int warmupRuns,
        int maxWarmupRuns,
        int measuredRuns,
        int latencyRate,
        int latencySymbols,
        int latencyWarmupSeconds,
        int latencyMaxWarmupSeconds,
        int latencySeconds,
        boolean latencyTuned,
        int checkpointSymbols,
        int checkpointSeconds,
        Path resultsDir,
        Path docs,
        Path workDir) {

    /** Reads {@code -De2e.*} properties over the defaults. */
    static E2eOptions fromSystemProperties(Path workDir) {
        return new E2eOptions(
                new LinkedHashSet<>(
                        Arrays.asList(
                                str("scenarios", "throughput,latency,checkpoint").split(","))),
                (int) num("parallelism", 2),
                (int) num("partitions", 4),
                (int) num("symbols", 500),
                num("trades", 5_000_000),
                num("dayTrades", 50_000_000),
                Boolean.parseBoolean(str("clickhouse", "true")),
                (int) count("clickhouseWarmupRuns", 1),
                (int) num("clickhouseRuns", 3),
                // Production's TA_CLICKHOUSE_BATCH_SIZE.
                (int) num("clickhouseBatchSize", 1000),
                (int) count("clickhouseLargeBatchSize", 100_000),
                Boolean.parseBoolean(str("baseline", "true")),
                // Its runs take minutes each (a 360-bar ta4j rebuild costs about a millisecond
                // per bar) and its JIT share is small: no warm-up run, two measured.
                (int) count("baselineWarmupRuns", 0),
                (int) num("baselineRuns", 2),
                num("baselineTrades", 1_000_000),
                (int) num("warmupRuns", 4),
                (int) num("maxWarmupRuns", 10),
                (int) num("measuredRuns", 5),
                (int) num("latencyRate", 20_000),
                (int) num("latencySymbols", 500),
                (int) num("latencyWarmupSeconds", 15),
                (int) num("latencyMaxWarmupSeconds", 180),
                (int) num("latencySeconds", 30),
                Boolean.parseBoolean(str("latencyTuned", "true")),
                (int) num("checkpointSymbols", 10_000),
                (int) num("checkpointSeconds", 30),
                path("results", "benchmarks/results"),
                path("docs", "docs/performance.md"),
                workDir);
    }

    private static String str(String name, String dflt) {
        return System.getProperty("e2e." + name, dflt).trim();
    }

    private static long num(String name, long dflt) {
        return num(name, dflt, 1);
    }

    /** A count that may be 0 (no such runs). */
    private static long count(String name, long dflt) {
        return num(name, dflt, 0);
    }

    private static long num(String name, long dflt, long min) {
        String v = str(name, Long.toString(dflt)).replace("_", "");
        try {
            long n = Long.parseLong(v);
            if (n < min) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "-De2e." + name + "=" + v + ": expected a whole number >= " + min);
        }
    }

    private static Path path(String name, String dflt) {
        String v = str(name, dflt);
        return v.isEmpty() || v.equals("none") ? null : Path.of(v);
    }

    /** True when {@code scenario} was asked for. */
    boolean runs(String scenario) {
        return scenarios.contains(scenario);
    }
}
