package io.torghut.ta.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Proves in CI, in a few seconds, that every benchmark still executes and the report can be
 * written: one 100 ms iteration per benchmark and parameter set, no warm-up, in this JVM. The
 * figures it produces are meaningless and are not checked; the real run is benchmarks/run.sh.
 */
class BenchmarksSmokeTest {
    private static final List<String> CLASSES =
            List.of(
                    "IndicatorBenchmark",
                    "TaLibBaselineBenchmark",
                    "SignalEngineBenchmark",
                    "Ta4jRebuildBenchmark",
                    "AggregatorBenchmark",
                    "CodecBenchmark");

    @Test
    void everyBenchmarkRunsAndTheReportIsWritten(@TempDir Path dir) throws Exception {
        // JMH takes a machine-wide lock so that two real runs never disturb each other; this
        // in-process smoke run measures nothing, so it must not fail because a real run (or a
        // parallel build) holds the lock.
        System.setProperty("jmh.ignoreLock", "true");
        OptionsBuilder builder = new OptionsBuilder();
        for (String c : CLASSES) {
            builder.include("io\\.torghut\\.ta\\.benchmarks\\." + c + "\\.");
        }
        Options options =
                builder.forks(0)
                        .warmupIterations(0)
                        .measurementIterations(1)
                        .measurementTime(TimeValue.milliseconds(100))
                        .shouldFailOnError(true)
                        .build();

        Collection<RunResult> results = new Runner(options).run();

        Set<String> ran = new HashSet<>();
        for (RunResult r : results) {
            String name = r.getParams().getBenchmark();
            ran.add(name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1));
            assertThat(r.getPrimaryResult().getScore()).as(name).isPositive();
        }
        assertThat(ran)
                .contains(
                        "IndicatorBenchmark.ema12",
                        "IndicatorBenchmark.rollingVwap5m",
                        "TaLibBaselineBenchmark.allSignals",
                        "SignalEngineBenchmark.onBar",
                        "Ta4jRebuildBenchmark.rebuildAndEvaluate",
                        "AggregatorBenchmark.addTrade",
                        "CodecBenchmark.decodeTrade",
                        "CodecBenchmark.signalJson",
                        "CodecBenchmark.barRowBinary",
                        "CodecBenchmark.signalRowBinary",
                        "CodecBenchmark.barLegacyJdbc",
                        "CodecBenchmark.signalLegacyJdbc");
        // 12 indicators, 7 TA-Lib calls, 3 engine operations x 2 lanes, 2 x 2 ta4j variants and
        // 3 x 2 aggregator variants, 7 codec operations.
        assertThat(results).hasSize(12 + 7 + 6 + 4 + 6 + 7);

        Path docs = dir.resolve("performance.md");
        Files.writeString(docs, "# head\n" + Report.BEGIN + "\nold\n" + Report.END + "\n# tail\n");
        Report report =
                new Report(
                        results,
                        StateSizes.measureAll(),
                        CpuTimeCheck.measureAll(0.0005),
                        MachineFacts.collect(),
                        dir.resolve("jmh.json"),
                        new String[0]);
        report.updateDocs(docs);
        String updated = Files.readString(docs);
        assertThat(updated)
                .startsWith("# head\n")
                .endsWith(Report.END + "\n# tail\n")
                .doesNotContain("\nold\n")
                .contains(
                        "#### Targets",
                        "signal engine, 1 s lane",
                        "Flink",
                        "thread CPU time",
                        "signal row, written");
        assertThat(report.standalone())
                .containsPattern("legacy JDBC path, same run: bar [0-9.]+x \\([0-9.]+-[0-9.]+x\\)");
        assertThat(report.standalone()).contains("| cores (availableProcessors) |");
    }

    @Test
    void theRealDocsFileHasTheGeneratedSectionMarkers() throws Exception {
        // Surefire runs in the module directory; the docs live at the repository root.
        String docs = Files.readString(Path.of("..", "docs", "performance.md"));
        assertThat(docs).contains(Report.BEGIN, Report.END);
    }

    @Test
    void stateSizesAreMeasuredForEveryLaneAndTheAggregator() {
        List<StateSizes.Size> sizes = StateSizes.measureAll();
        assertThat(sizes)
                .extracting(StateSizes.Size::name)
                .contains(
                        "signal engine, 1 s lane",
                        "signal engine, 1 s lane, decimal volumes",
                        "signal engine, 1 min lane");
        for (StateSizes.Size s : sizes) {
            assertThat(s.javaBytes()).as(s.name()).isPositive();
            assertThat(s.kryoBytes()).as(s.name()).isPositive();
            assertThat(s.payloadBytes()).as(s.name()).isPositive();
            if (s.name().startsWith("signal engine")) {
                // The job's compact form meets the 4 KB target whatever the volumes look like.
                assertThat(s.compactBytes()).as(s.name()).isPositive().isLessThan(4_096);
                assertThat(s.compactBytes()).as(s.name()).isLessThan(s.kryoBytes());
            } else {
                assertThat(s.compactBytes()).as(s.name()).isEqualTo(-1);
            }
        }
        // The 1 s lane's 5 min VWAP ring: 300 one-second buckets of id, two sums and a count.
        Map<String, Long> oneSecond = sizes.get(0).byField();
        assertThat(oneSecond.get("current.rollingVwap.buckets.sumA")).isEqualTo(300 * 8L);
        assertThat(oneSecond.get("current.rollingVwap.buckets.counts")).isEqualTo(300 * 4L);
    }
}
