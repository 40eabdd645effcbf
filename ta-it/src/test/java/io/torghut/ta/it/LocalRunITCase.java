package io.torghut.ta.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.torghut.ta.job.clickhouse.TaTable;
import io.torghut.ta.job.clickhouse.TaTables;
import io.torghut.ta.job.config.TaConfigKey;
import io.torghut.ta.local.LocalRunCommand;
import io.torghut.ta.local.TapeGenerator;
import io.torghut.ta.testkit.Diff;
import io.torghut.ta.testkit.JobScenario;
import io.torghut.ta.testkit.OutputRows;
import io.torghut.ta.testkit.Reference;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local run as a new user starts it ({@code ./run-local.sh}'s command line): its JSONL outputs
 * equal the reference of the tape it generated, and its summary counts what the files hold.
 */
class LocalRunITCase {
    @Test
    void theGeneratedTapesOutputsEqualTheReferenceAndTheSummaryCountsThem(@TempDir Path dir)
            throws Exception {
        int exit =
                LocalRunCommand.run(
                        "--minutes", "2", "--output-dir", dir.toString(), "--parallelism", "2");
        assertThat(exit).isZero();

        TapeGenerator.Tape tape =
                TapeGenerator.generate(TapeGenerator.Options.defaults().withMinutes(2));
        List<List<String>> bars = rows(dir, "bars", TaTables.MICROBARS);
        List<List<String>> signals = rows(dir, "signals", TaTables.SIGNALS);
        assertThat(OutputRows.byIdentity(TaTables.MICROBARS, bars)).hasSize(bars.size());
        Diff.assertSameRows(
                OutputRows.byIdentity(TaTables.MICROBARS, bars),
                Reference.barRows(tape, false),
                "local run's 1 s bars");
        Diff.assertSameRows(
                OutputRows.byIdentity(TaTables.SIGNALS, signals),
                Reference.signalRows(
                        tape,
                        JobScenario.config(Map.of(TaConfigKey.TA_KAFKA_SECURITY, "PLAINTEXT")),
                        false),
                "local run's signals");

        String summary = Files.readString(dir.resolve("summary.txt"), StandardCharsets.UTF_8);
        assertThat(summary).contains("bars=" + bars.size()).contains("signals=" + signals.size());

        // A second run into the same directory starts fresh files instead of appending.
        assertThat(
                        LocalRunCommand.run(
                                "--minutes",
                                "2",
                                "--output-dir",
                                dir.toString(),
                                "--parallelism",
                                "1"))
                .isZero();
        assertThat(rows(dir, "bars", TaTables.MICROBARS)).hasSameSizeAs(bars);
    }

    private static List<List<String>> rows(Path dir, String name, TaTable table)
            throws IOException {
        List<List<String>> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f :
                    files.filter(p -> p.getFileName().toString().startsWith(name + "-")).toList()) {
                for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                    out.add(OutputRows.fromJson(table, line, false));
                }
            }
        }
        return out;
    }
}
