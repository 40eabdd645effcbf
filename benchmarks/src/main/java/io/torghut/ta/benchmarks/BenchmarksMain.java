package io.torghut.ta.benchmarks;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collection;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Entry point of the benchmarks jar: runs JMH with the given JMH command-line options, keeps the
 * JSON result as {@code results/jmh-<date>.json}, writes {@code results/micro-latest.md} and
 * updates the micro table in {@code docs/performance.md}.
 *
 * <p>Paths come from system properties so the same jar works from any directory: {@code
 * ta.bench.results} (default {@code benchmarks/results}) and {@code ta.bench.docs} (default {@code
 * docs/performance.md}; skipped when the file does not exist). Older {@code jmh-*.json} files are
 * removed so the results folder holds only the latest run. {@code -h}, {@code -l} and {@code -lp}
 * go straight to JMH.
 */
public final class BenchmarksMain {
    private BenchmarksMain() {}

    /** Runs the benchmarks and writes the reports; see the class comment. */
    public static void main(String[] args) throws Exception {
        for (String a : args) {
            if (a.equals("-h") || a.equals("-l") || a.equals("-lp") || a.equals("-lprof")) {
                org.openjdk.jmh.Main.main(args);
                return;
            }
        }
        Path resultsDir = Path.of(System.getProperty("ta.bench.results", "benchmarks/results"));
        Path docs = Path.of(System.getProperty("ta.bench.docs", "docs/performance.md"));
        Files.createDirectories(resultsDir);
        String date = LocalDate.now(ZoneOffset.UTC).toString();
        Path json = resultsDir.resolve("jmh-" + date + ".json");
        Collection<RunResult> results = run(args, json);
        removeOlderJson(resultsDir, json);
        Report report =
                new Report(
                        results,
                        StateSizes.measureAll(),
                        CpuTimeCheck.measureAll(1.0),
                        MachineFacts.collect(),
                        json,
                        args);
        Files.writeString(resultsDir.resolve("micro-latest.md"), report.standalone());
        if (Files.exists(docs)) {
            report.updateDocs(docs);
        }
        System.out.println("Wrote " + json + ", " + resultsDir.resolve("micro-latest.md"));
    }

    static Collection<RunResult> run(String[] args, Path json)
            throws CommandLineOptionException, RunnerException {
        Options options =
                new OptionsBuilder()
                        .parent(new CommandLineOptions(args))
                        .resultFormat(ResultFormatType.JSON)
                        .result(json.toString())
                        .build();
        return new Runner(options).run();
    }

    private static void removeOlderJson(Path dir, Path keep) throws IOException {
        try (DirectoryStream<Path> old = Files.newDirectoryStream(dir, "jmh-*.json")) {
            for (Path p : old) {
                if (!p.getFileName().equals(keep.getFileName())) {
                    Files.delete(p);
                }
            }
        }
    }
}
