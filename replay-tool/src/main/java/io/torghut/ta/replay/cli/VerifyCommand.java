package io.torghut.ta.replay.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.torghut.ta.chart.ChartOutcome;
import io.torghut.ta.chart.ReplayParityChart;
import io.torghut.ta.job.clickhouse.HttpClickHouse.ClickHouseFailure;
import io.torghut.ta.replay.ReplayTool;
import io.torghut.ta.replay.clickhouse.ClickHouseReader;
import io.torghut.ta.replay.clickhouse.Freshness;
import io.torghut.ta.replay.clickhouse.OutputTable;
import io.torghut.ta.replay.clickhouse.Parity;
import io.torghut.ta.replay.clickhouse.VerifyQueries;
import io.torghut.ta.replay.clickhouse.Visibility;
import io.torghut.ta.replay.input.BadInputException;
import io.torghut.ta.replay.input.InputFiles;
import io.torghut.ta.replay.ledger.LedgerEvent;
import io.torghut.ta.replay.ledger.ReplayRecord;
import io.torghut.ta.replay.workflow.ExitCodes;
import io.torghut.ta.replay.workflow.Gates;
import io.torghut.ta.replay.workflow.Session;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * Verifies replay output in ClickHouse: freshness per table and symbol, optionally parity of the
 * replayed rows with a baseline of the rows that existed before the replay, and for a window what
 * readers see of it (rows without and with FINAL per partition).
 */
@Command(
        name = "verify",
        mixinStandardHelpOptions = true,
        description = {
            "Freshness: max(event_ts) per table and symbol, lag to the server's now, rows per"
                    + " minute; passes when every lag <= --max-lag and rows are being written.",
            "Parity: before the restart step, save a baseline of the window with --baseline-out;"
                    + " after the replay, compare the replayed rows with --baseline.",
            "Visibility (for --from/--to, else the replay's checked window): per table and partition of the window, rows as"
                    + " readers see them (no FINAL), rows under FINAL, and the extra copies a"
                    + " replay leaves until ClickHouse merges; the optimize command merges them.",
            "With --replay-id the result is recorded in the ledger (steps 5/6 of mode1 need a"
                    + " pass). The password is read from an environment variable, never printed."
        })
public final class VerifyCommand implements Callable<Integer> {
    private static final ObjectMapper JSON =
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final List<String> TABLES = OutputTable.names();

    @ParentCommand ReplayTool tool;
    @Spec CommandSpec spec;
    @Mixin GitOpsOptions gitops;
    @Mixin ClickHouseOptions clickhouse;

    @Option(
            names = "--replay-id",
            converter = ReplayIdConverter.class,
            description = "Record the result for this replay.")
    String replayId;

    @Option(
            names = "--symbols",
            split = ",",
            converter = SqlNameConverters.Symbol.class,
            description = "Symbols that must be fresh.")
    List<String> symbols = new ArrayList<>();

    @Option(
            names = "--max-lag",
            defaultValue = "120s",
            converter = DurationConverter.class,
            description = "Maximum lag to now (default ${DEFAULT-VALUE}, the TA freshness SLO).")
    Duration maxLag;

    @Option(
            names = "--recent-minutes",
            defaultValue = "10",
            converter = SqlNameConverters.PositiveMinutes.class,
            description = "Rate window in minutes (default ${DEFAULT-VALUE}).")
    int recentMinutes;

    @Option(names = "--from", description = "Parity window start (ISO-8601).")
    Instant from;

    @Option(names = "--to", description = "Parity window end (ISO-8601).")
    Instant to;

    @Option(names = "--baseline-out", description = "Write the window's fingerprints here.")
    Path baselineOut;

    @Option(names = "--baseline", description = "Compare replayed rows with this baseline.")
    Path baseline;

    @Option(
            names = "--replayed-since",
            description =
                    "Rows ingested since this instant are the replay's (default: restart"
                            + " step time in the ledger).")
    Instant replayedSince;

    @Option(
            names = "--parity-chart",
            description =
                    "With --baseline: write parity-<SYMBOL>.html for each --symbols entry into"
                            + " this directory, the window's live and replayed rows with their"
                            + " differences marked. Before optimize: a merge removes the live"
                            + " rows it compares with.")
    Path parityChartDir;

    @Option(names = "--print-sql", description = "Print the queries and stop (no connection).")
    boolean printSql;

    @Option(
            names = "--timeout",
            defaultValue = "60s",
            converter = DurationConverter.class,
            description = "How long each query may take (default ${DEFAULT-VALUE}).")
    Duration timeout;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Session s = gitops.open();
        ClickHouseOptions.Target target = clickhouse.resolve(s);
        String database = target.database();
        boolean parity = baseline != null || baselineOut != null;
        if (parity && (from == null || to == null)) {
            throw new ParameterException(spec.commandLine(), "parity needs --from and --to");
        }
        if (parityChartDir != null && (baseline == null || symbols.isEmpty())) {
            throw new ParameterException(
                    spec.commandLine(),
                    "--parity-chart needs --baseline and --symbols (one chart per symbol)");
        }
        Instant since =
                baseline != null
                        ? Gates.replayedSince(
                                replayedSince,
                                replayId == null ? Optional.empty() : s.replay(replayId))
                        : replayedSince;
        out.println("Verifying ClickHouse at " + target.display() + " as " + target.user());
        List<String[]> freshnessSql = new ArrayList<>();
        List<String[]> fingerprintSql = new ArrayList<>();
        for (String table : TABLES) {
            if (baselineOut == null) {
                freshnessSql.add(
                        new String[] {
                            table, VerifyQueries.freshness(database, table, symbols, recentMinutes)
                        });
            }
            if (parity) {
                fingerprintSql.add(
                        new String[] {
                            table,
                            VerifyQueries.fingerprint(
                                    database,
                                    table,
                                    symbols,
                                    from,
                                    to,
                                    baselineOut != null ? null : since)
                        });
            }
        }
        // What readers see of the replay window: rows per partition without and with FINAL.
        // The window is --from/--to, else the replay's recorded window check.
        Optional<LedgerEvent.WindowRecord> window =
                from != null && to != null
                        ? Optional.of(new LedgerEvent.WindowRecord(from.toString(), to.toString()))
                        : replayId == null
                                ? Optional.empty()
                                : s.replay(replayId).flatMap(ReplayRecord::window);
        Instant[] visibilityWindow =
                window.isPresent() && baselineOut == null
                        ? new Instant[] {
                            Instant.parse(window.get().from()), Instant.parse(window.get().to())
                        }
                        : null;
        for (String[] q : freshnessSql) {
            out.println("  SQL: " + q[1]);
        }
        for (String[] q : fingerprintSql) {
            out.println("  SQL: " + q[1]);
        }
        if (visibilityWindow != null) {
            for (String table : TABLES) {
                for (boolean fin : new boolean[] {false, true}) {
                    out.println(
                            "  SQL: "
                                    + VerifyQueries.rowsPerPartition(
                                            database,
                                            table,
                                            visibilityWindow[0],
                                            visibilityWindow[1],
                                            fin));
                }
            }
        }
        if (printSql) {
            return ExitCodes.OK;
        }
        // Read the baseline before connecting: a bad file is reported before any query runs.
        List<Parity.Fingerprint> base = baseline == null ? null : readBaseline(baseline);
        boolean passed = true;
        List<String> summary = new ArrayList<>();
        try (ClickHouseReader ch = target.connect(tool, timeout)) {
            List<Freshness.Row> rows = new ArrayList<>();
            for (String[] q : freshnessSql) {
                rows.addAll(ch.freshness(q[0], q[1]));
            }
            if (!freshnessSql.isEmpty()) {
                Freshness.Report r =
                        Freshness.evaluate(rows, TABLES, symbols, maxLag, recentMinutes);
                r.lines().forEach(l -> out.println("  " + l));
                passed &= r.passed();
                summary.add("freshness " + (r.passed() ? "ok" : "FAIL"));
            }
            List<Parity.Fingerprint> fps = new ArrayList<>();
            for (String[] q : fingerprintSql) {
                fps.addAll(ch.fingerprints(q[0], q[1]));
            }
            if (baselineOut != null) {
                writeBaseline(baselineOut, fps);
                out.println(
                        "Baseline of " + fps.size() + " fingerprints written to " + baselineOut);
                return ExitCodes.OK;
            }
            if (base != null) {
                Parity.Result pr = Parity.compare(base, fps, 1e-9, 20);
                pr.examples().forEach(l -> out.println("  parity: " + l));
                out.println(
                        "  parity: "
                                + (pr.matches()
                                        ? "replayed rows match the baseline"
                                        : pr.differences() + " differences"));
                passed &= pr.matches();
                summary.add("parity " + (pr.matches() ? "ok" : "FAIL"));
                if (parityChartDir != null) {
                    writeParityCharts(ch, target, since, out);
                }
            }
            if (visibilityWindow != null) {
                List<Visibility.Partition> visible = new ArrayList<>();
                for (String table : TABLES) {
                    visible.addAll(
                            ch.visibility(
                                    database, table, visibilityWindow[0], visibilityWindow[1]));
                }
                // Extra copies are what a replay leaves until ClickHouse merges: reported, and
                // not a failure; the optimize step removes them.
                Visibility.lines(visible).forEach(l -> out.println("  " + l));
            }
        } catch (ClickHouseFailure e) {
            // Output that cannot be read did not pass: the same exit as stale output, so a
            // script keeps trading paused either way.
            spec.commandLine()
                    .getErr()
                    .println(
                            "REFUSED: ClickHouse query failed: "
                                    + ClickHouseReader.redact(String.valueOf(e.getMessage())));
            return ExitCodes.CHECK_FAILED;
        }
        if (replayId != null && !gitops.dryRun()) {
            s.append(
                    LedgerEvent.verify(
                            tool.clock().instant().toString(),
                            replayId,
                            passed,
                            String.join(", ", summary)));
        }
        out.println(
                passed
                        ? "PASSED. Next: the steady-state step, then resume trading."
                        : "FAILED. Keep trading paused; re-run verify as lag falls, or roll back.");
        return passed ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
    }

    private void writeParityCharts(
            ClickHouseReader ch, ClickHouseOptions.Target target, Instant since, PrintWriter out) {
        try {
            Files.createDirectories(parityChartDir);
        } catch (IOException e) {
            throw new BadInputException(
                    "cannot create " + parityChartDir + ": " + InputFiles.describe(e), e);
        }
        for (String symbol : symbols) {
            ChartOutcome chart =
                    ReplayParityChart.write(
                            ch.connection(),
                            target.database(),
                            "ClickHouse " + target.display(),
                            symbol,
                            from,
                            to,
                            since,
                            parityChartDir.resolve("parity-" + symbol + ".html"),
                            tool.clock());
            out.println("  parity chart: " + chart.message());
        }
    }

    private static List<Parity.Fingerprint> readBaseline(Path file) {
        byte[] bytes = InputFiles.readBytes(file, "baseline");
        try {
            return JSON.readValue(bytes, new TypeReference<>() {});
        } catch (IOException e) {
            throw new BadInputException(
                    "cannot read the baseline " + file + ": " + InputFiles.describe(e), e);
        }
    }

    private static void writeBaseline(Path file, List<Parity.Fingerprint> fps) {
        try {
            JSON.writeValue(file.toFile(), fps);
        } catch (IOException e) {
            throw new BadInputException(
                    "cannot write the baseline " + file + ": " + InputFiles.describe(e), e);
        }
    }
}
