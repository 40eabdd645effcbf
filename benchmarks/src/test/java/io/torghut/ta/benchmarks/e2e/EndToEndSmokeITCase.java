package io.torghut.ta.benchmarks.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proves in CI that the end-to-end harness still executes every scenario against the real servers
 * (Kafka, s3proxy, ClickHouse, MiniCluster), with tiny sizes: about a minute. Its figures are not
 * checked, only that each scenario measured what it says; the real run is benchmarks/run-e2e.sh.
 */
class EndToEndSmokeITCase {

    @Test
    void everyScenarioRunsAndTheResultsAreWritten(@TempDir Path dir) throws Exception {
        Path docs = dir.resolve("performance.md");
        Files.writeString(
                docs, "before\n" + E2eReport.BEGIN + "\nold\n" + E2eReport.END + "\nafter\n");
        E2eOptions options =
                new E2eOptions(
                        Set.of("throughput", "latency", "checkpoint"),
                        2,
                        2,
                        20,
                        5_000,
                        50_000_000,
                        true,
                        0,
                        1,
                        500,
                        5_000,
                        true,
                        0,
                        1,
                        2_000,
                        2,
                        2,
                        2,
                        1_000,
                        20,
                        4,
                        8,
                        2,
                        false,
                        100,
                        3,
                        dir.resolve("results"),
                        docs,
                        dir.resolve("work"));

        E2eResults r = EndToEndBenchmark.run(options);

        assertThat(r.throughput)
                .extracting(E2eResults.Throughput::run)
                .containsExactly(
                        EndToEndBenchmark.COLD_RUN,
                        EndToEndBenchmark.WARMUP_RUN + 1,
                        EndToEndBenchmark.SUSTAINED_RUN + 1,
                        EndToEndBenchmark.SUSTAINED_RUN + 2,
                        EndToEndBenchmark.BASELINE_RUN + 1,
                        EndToEndBenchmark.CLICKHOUSE_RUN + 1,
                        EndToEndBenchmark.CLICKHOUSE_LARGE_BATCH_RUN + 1);
        for (E2eResults.Throughput t : r.throughput) {
            // The original design reads the tape's first 2 000 trades (a prefix, as in the
            // real run), all others the whole tape.
            assertThat(t.trades())
                    .isEqualTo(t.run().startsWith(EndToEndBenchmark.BASELINE_RUN) ? 2_000 : 5_000);
            assertThat(t.bars()).isPositive();
            assertThat(t.signals()).isEqualTo(t.bars());
            assertThat(t.cpuMs().get(CpuAccount.JOB_TASKS)).isPositive();
            assertThat(t.cpuMs().get(CpuAccount.BROKER)).isPositive();
            assertThat(t.tradesPerJobCpuSecond()).isPositive();
        }
        assertThat(r.throughput.get(0).bars()).isEqualTo(r.throughput.get(1).bars());
        assertThat(r.sustainedMedian())
                .isSameAs(
                        r.throughput.get(2).tradesPerSecond()
                                        <= r.throughput.get(3).tradesPerSecond()
                                ? r.throughput.get(2)
                                : r.throughput.get(3));
        E2eResults.Throughput original = r.throughput.get(4);
        assertThat(r.baselineMedian()).isSameAs(original);
        assertThat(r.oursOverBaseline().median()).isPositive();
        assertThat(r.oursOverBaseline().baselineTrades()).isEqualTo(2_000);
        E2eResults.Throughput withClickHouse = r.throughput.get(5);
        assertThat(r.clickhouseMedian()).isSameAs(withClickHouse);
        assertThat(withClickHouse.cpuMs().get(CpuAccount.CLICKHOUSE_SERVER)).isPositive();
        E2eResults.Throughput largeBatch = r.throughput.get(6);
        assertThat(r.clickhouseLargeBatchMedian()).isSameAs(largeBatch);
        assertThat(largeBatch.clickhouseSignals()).isEqualTo(largeBatch.signals());
        assertThat(withClickHouse.clickhouseSink()).isTrue();
        assertThat(withClickHouse.clickhouseSignals()).isEqualTo(withClickHouse.signals());
        assertThat(r.replay.daySeconds()).isPositive();

        assertThat(r.latency).hasSize(1);
        assertThat(r.latency.get(0).signals()).isEqualTo(r.latency.get(0).expectedSignals());
        assertThat(r.latency.get(0).p99()).isPositive();
        // At least the minimum warm-up, at most the maximum (whole seconds, rounded up).
        assertThat(r.latency.get(0).warmupSeconds()).isBetween(4, 9);

        assertThat(r.machine)
                .containsKeys(
                        "host speed probe at the start (lower is faster)",
                        "host speed probe at the end (lower is faster)",
                        "JVM heap initial / maximum; collectors");
        assertThat(r.machine.get("host speed probe at the start (lower is faster)"))
                .matches("\\d+\\.\\d ms \\(SHA-256 of 64 MiB\\) / \\d+\\.\\d ms .*");

        assertThat(r.checkpoint.completed()).isPositive();
        assertThat(r.checkpoint.stateBytes()).isPositive();

        try (var files = Files.list(dir.resolve("results"))) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .contains("e2e-latest.md")
                    .anyMatch(n -> n.matches("e2e-\\d{4}-\\d{2}-\\d{2}\\.json"));
        }
        String doc = Files.readString(docs);
        assertThat(doc).startsWith("before\n").endsWith("after\n").doesNotContain("\nold\n");
        assertThat(doc)
                .contains(
                        "#### Targets",
                        "#### Checkpoint with 100 symbols",
                        "#### Throughput: CPU by thread group",
                        "**Ours / original design: ",
                        "It read the first 2,000 of the 5,000 trades",
                        "ClickHouse batches of 5000 rows (extrapolated from "
                                + EndToEndBenchmark.CLICKHOUSE_LARGE_BATCH_RUN
                                + "1)");
    }
}
