package io.torghut.ta.benchmarks.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Tests for {@link CpuAccount}. */
class CpuAccountTest {

    @Test
    void threadsAreGroupedByTheNamesFlinkKafkaAndTheBrokerGiveThem() {
        Map<String, String> expected =
                Map.ofEntries(
                        Map.entry(
                                "Source: source-trades -> sample-trades -> validate-trades (1/2)#0",
                                CpuAccount.JOB_TASKS),
                        Map.entry(
                                "signals-1s -> (sink-signals-kafka: Writer, signals-sample) (2/2)#3",
                                CpuAccount.JOB_TASKS),
                        Map.entry(
                                "Source Data Fetcher for Source: source-trades (1/2)#0",
                                CpuAccount.JOB_IO),
                        Map.entry("OutputFlusher for Source: source-trades", CpuAccount.JOB_IO),
                        Map.entry(
                                "kafka-producer-network-thread | ta-bench-tp-kafka-signals",
                                CpuAccount.JOB_IO),
                        Map.entry("kafka-producer-network-thread | producer-1", CpuAccount.OTHER),
                        Map.entry("flink-pekko.actor.default-dispatcher-5", CpuAccount.FLINK),
                        Map.entry("AsyncOperations-thread-1", CpuAccount.FLINK),
                        Map.entry("data-plane-kafka-request-handler-3", CpuAccount.BROKER),
                        Map.entry(
                                "data-plane-kafka-network-thread-0-EXTERNAL-PLAINTEXT-0",
                                CpuAccount.BROKER),
                        Map.entry("quorum-controller-0-event-handler", CpuAccount.BROKER),
                        Map.entry("main", CpuAccount.OTHER));
        expected.forEach(
                (name, group) -> assertThat(CpuAccount.group(name)).as(name).isEqualTo(group));
    }

    @Test
    void cpuSpentDuringTheAccountIsCountedInItsThreadsGroup() throws Exception {
        CpuAccount account = CpuAccount.start();
        Thread busy =
                new Thread(
                        () -> {
                            // 300 ms of this thread's CPU, however busy the machine is.
                            var mx = java.lang.management.ManagementFactory.getThreadMXBean();
                            long end = mx.getCurrentThreadCpuTime() + 300_000_000L;
                            long x = 0;
                            while (mx.getCurrentThreadCpuTime() < end) {
                                for (int i = 0; i < 10_000; i++) {
                                    x += x * 31 + 7;
                                }
                            }
                            if (x == 42) {
                                System.out.print("");
                            }
                        },
                        "data-plane-kafka-request-handler-99");
        busy.start();
        busy.join();
        Thread.sleep(2 * CpuAccount.PERIOD_MS);
        Map<String, Long> ms = account.stop();
        // A thread that ended before stop() still counts, up to its last sample (at most one
        // period before its end).
        assertThat(ms.get(CpuAccount.BROKER)).isGreaterThan(300 - 2 * CpuAccount.PERIOD_MS);
        assertThat(ms.get(CpuAccount.JOB_TASKS)).isLessThan(50);
        assertThat(ms).containsKeys(CpuAccount.VM, CpuAccount.OTHER, CpuAccount.FLINK);
    }

    @Test
    void theJitsCompilingTimeIsReportedAndEndsTheWarmUpOnceSmall() throws Exception {
        CpuAccount account = CpuAccount.start();
        Map<String, Long> ms = account.stop();
        assertThat(ms).containsKey(CpuAccount.JIT_COMPILING);
        assertThat(ms.get(CpuAccount.JIT_COMPILING)).isNotNegative();

        // 50 s on 2 cores: settled at up to 5 s of compiling.
        assertThat(EndToEndBenchmark.jitSettled(run(5_000))).isTrue();
        assertThat(EndToEndBenchmark.jitSettled(run(5_001))).isFalse();
        assertThat(EndToEndBenchmark.jitSettled(run(19_000))).isFalse();
    }

    private static E2eResults.Throughput run(long jitCompilingMs) {
        return new E2eResults.Throughput(
                "tp-warmup-1",
                false,
                500,
                5_000_000,
                0,
                50_000,
                50_000,
                1,
                1,
                -1,
                2,
                Map.of(CpuAccount.JIT_COMPILING, jitCompilingMs));
    }
}
