package io.torghut.ta.benchmarks.e2e;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Everything one run of the end-to-end harness measured, serialized as the results JSON. */
final class E2eResults {
    /** Machine facts and the run's options. */
    final Map<String, String> machine = new LinkedHashMap<>();

    /** Bounded runs over the pre-loaded tape. */
    final List<Throughput> throughput = new ArrayList<>();

    /**
     * The sustained figure: the median run (by trades/s) of the measured runs with the Kafka sinks
     * only (of an even number, the slower of the two middle runs), or null when there is none.
     */
    Throughput sustainedMedian() {
        return median(sustainedRuns());
    }

    /**
     * The ClickHouse figure: the median run (by trades/s) of the measured runs with the ClickHouse
     * sinks on and production's batch size (not their warm-up runs), or null when there is none.
     */
    Throughput clickhouseMedian() {
        return median(
                runs(
                        EndToEndBenchmark.CLICKHOUSE_RUN,
                        EndToEndBenchmark.CLICKHOUSE_WARMUP_RUN,
                        EndToEndBenchmark.CLICKHOUSE_LARGE_BATCH_RUN));
    }

    /** The median run (by trades/s) of the large-batch ClickHouse runs, or null without them. */
    Throughput clickhouseLargeBatchMedian() {
        return median(runs(EndToEndBenchmark.CLICKHOUSE_LARGE_BATCH_RUN));
    }

    /**
     * The original design's figure: the median run (by trades/s) of its measured runs (not its
     * warm-up runs), or null when there is none.
     */
    Throughput baselineMedian() {
        return median(baselineRuns());
    }

    private List<Throughput> sustainedRuns() {
        return runs(EndToEndBenchmark.SUSTAINED_RUN);
    }

    private List<Throughput> baselineRuns() {
        return runs(EndToEndBenchmark.BASELINE_RUN, EndToEndBenchmark.BASELINE_WARMUP_RUN);
    }

    /** The runs named {@code prefix...}, but for those named with one of {@code except}. */
    private List<Throughput> runs(String prefix, String... except) {
        List<Throughput> out = new ArrayList<>();
        for (Throughput t : throughput) {
            if (t.run().startsWith(prefix)
                    && java.util.Arrays.stream(except).noneMatch(t.run()::startsWith)) {
                out.add(t);
            }
        }
        return out;
    }

    /** The median by trades/s (of an even number, the slower middle one), or null for none. */
    private static Throughput median(List<Throughput> runs) {
        if (runs.isEmpty()) {
            return null;
        }
        List<Throughput> sorted = new ArrayList<>(runs);
        sorted.sort(java.util.Comparator.comparingDouble(Throughput::tradesPerSecond));
        return sorted.get((sorted.size() - 1) / 2);
    }

    /**
     * Our sustained figure over the original design's, per trade and core, or null without both:
     * the ratio of the medians, and the spread from our slowest measured run over their fastest to
     * our fastest over their slowest.
     */
    Ratio oursOverBaseline() {
        Throughput ours = sustainedMedian();
        Throughput theirs = baselineMedian();
        if (ours == null || theirs == null) {
            return null;
        }
        double oursMin = Double.MAX_VALUE;
        double oursMax = 0;
        for (Throughput t : sustainedRuns()) {
            oursMin = Math.min(oursMin, t.tradesPerSecondPerCore());
            oursMax = Math.max(oursMax, t.tradesPerSecondPerCore());
        }
        double theirsMin = Double.MAX_VALUE;
        double theirsMax = 0;
        for (Throughput t : baselineRuns()) {
            theirsMin = Math.min(theirsMin, t.tradesPerSecondPerCore());
            theirsMax = Math.max(theirsMax, t.tradesPerSecondPerCore());
        }
        return new Ratio(
                ours.tradesPerSecondPerCore() / theirs.tradesPerSecondPerCore(),
                oursMin / theirsMax,
                oursMax / theirsMin,
                ours.trades(),
                theirs.trades());
    }

    /**
     * Ours over the original design, by trades/s/core.
     *
     * @param median the ratio of the sustained medians
     * @param low our slowest measured run over their fastest
     * @param high our fastest measured run over their slowest
     * @param oursTrades trades each of our runs read
     * @param baselineTrades trades each of the original design's runs read (the first of the tape)
     */
    record Ratio(double median, double low, double high, long oursTrades, long baselineTrades) {}

    /** Steady-rate runs. */
    final List<Latency> latency = new ArrayList<>();

    /** The checkpoint run, or null. */
    Checkpoint checkpoint;

    /** The replay extrapolation, or null. */
    Replay replay;

    /**
     * One bounded run: the job reads the whole pre-loaded topic and finishes.
     *
     * @param wallMs from {@code execute()} to its return: submission, deployment, reading to the
     *     end offsets and the final flush of every sink
     * @param netRuntimeMs Flink's own job runtime, from running to finished
     * @param cpuMs CPU milliseconds by thread group during the run ({@link CpuAccount})
     */
    record Throughput(
            String run,
            boolean clickhouseSink,
            int symbols,
            long trades,
            long preloadMs,
            long wallMs,
            long netRuntimeMs,
            long bars,
            long signals,
            long clickhouseSignals,
            int parallelism,
            Map<String, Long> cpuMs) {
        double tradesPerSecond() {
            return trades * 1000.0 / wallMs;
        }

        /** CPU milliseconds of the job's own threads: tasks, their I/O and Flink's runtime. */
        long jobCpuMs() {
            return cpuMs.get(CpuAccount.JOB_TASKS)
                    + cpuMs.get(CpuAccount.JOB_IO)
                    + cpuMs.get(CpuAccount.FLINK);
        }

        /**
         * Trades per second of CPU the job's own threads used (the broker's and JIT's left out).
         */
        double tradesPerJobCpuSecond() {
            // NaN rather than infinity where the JVM cannot read thread CPU time.
            return jobCpuMs() == 0 ? Double.NaN : trades * 1000.0 / jobCpuMs();
        }

        double tradesPerSecondPerCore() {
            return tradesPerSecond() / parallelism;
        }
    }

    /**
     * One steady-rate run; latencies in ms from the watermark-ready time of a bar's end to the
     * signal's append time in Kafka.
     */
    record Latency(
            String run,
            String flinkSettings,
            int rate,
            double achievedRate,
            int symbols,
            int measuredSeconds,
            long signals,
            long expectedSignals,
            long p50,
            long p90,
            long p99,
            long max,
            double mean,
            long settledAfterMs,
            int warmupSeconds) {}

    /** One checkpoint taken after the job has read a tape of many symbols. */
    record Checkpoint(
            int symbols,
            long trades,
            int completed,
            long stateBytes,
            long durationMs,
            long maxDurationMs,
            Map<String, Long> stateBytesByTask) {
        double bytesPerSymbol() {
            return (double) stateBytes / symbols;
        }
    }

    /** A day's replay time, extrapolated linearly from a measured bounded run. */
    record Replay(String basis, long measuredTrades, long measuredWallMs, long dayTrades) {
        double daySeconds() {
            return measuredWallMs / 1000.0 * dayTrades / measuredTrades;
        }
    }
}
