package io.torghut.ta.local;

import io.torghut.ta.chart.ChartOutcome;
import io.torghut.ta.chart.Lane;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code run-local.sh chart}: writes one self-contained HTML chart of bars and signals from a local
 * run's JSONL outputs or from ClickHouse, or the parity chart of two runs' outputs. Exit codes: 0
 * written, 2 bad options, 3 a symbol or the range has no rows, 4 the rows could not be read.
 */
@Command(
        name = "chart",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Writes one HTML file that opens offline: candles with volume, EMA 12/26, Bollinger"
                    + " 20/2, session and 5 min VWAP (each switchable), MACD and RSI 14 panes, a"
                    + " crosshair read-out, the freshness lag, the 1 s and 1 min lanes.",
            "Rows from a local run's JSONL outputs (default) or from ClickHouse (--clickhouse,"
                    + " configured by TA_CLICKHOUSE_URL, TA_CLICKHOUSE_USERNAME,"
                    + " TA_CLICKHOUSE_PASSWORD as for the job).",
            "Exit 0 written, 3 no rows for a symbol or the range (the page says so), 4 the rows"
                    + " could not be read (the page says from where and why)."
        })
public final class ChartCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(
            names = "--jsonl",
            description = "A local run's output directory (default: ${DEFAULT-VALUE}).",
            defaultValue = "run-output")
    Path jsonl;

    @Option(
            names = "--clickhouse",
            description = "Read ta_microbars and ta_signals from ClickHouse instead.")
    boolean clickhouse;

    @Option(
            names = "--replayed",
            description =
                    "Parity chart: the replayed rows' output directory, against --jsonl's (one"
                            + " symbol).")
    Path replayed;

    @Option(
            names = "--symbols",
            split = ",",
            description = "Symbols (default: every symbol with rows).")
    List<String> symbols = new ArrayList<>();

    @Option(
            names = "--from",
            description =
                    "First window start, ISO-8601 (default: all; with --clickhouse and no --to,"
                            + " one hour ago).")
    Instant from;

    @Option(names = "--to", description = "End of the range, excluded, ISO-8601.")
    Instant to;

    @Option(
            names = "--lane",
            description = "Lane shown first: 1s or 1m (default: ${DEFAULT-VALUE}).",
            defaultValue = "1s")
    String lane;

    @Option(
            names = "--lag-target-seconds",
            description = "Freshness lag on target up to this (default: ${DEFAULT-VALUE}).",
            defaultValue = "120")
    long lagTargetSeconds;

    @Option(
            names = "--out",
            description =
                    "HTML file (default: <jsonl>/chart.html, <jsonl>/parity-chart.html with"
                            + " --replayed, ./ta-chart.html with --clickhouse).")
    Path out;

    Map<String, String> env = System.getenv();
    Clock clock = Clock.systemUTC();

    /** Runs the command with {@code env} as its environment; returns the exit code. */
    static int run(
            Map<String, String> env,
            Clock clock,
            PrintWriter out,
            PrintWriter err,
            String... args) {
        ChartCommand command = new ChartCommand();
        command.env = env;
        command.clock = clock;
        return new CommandLine(command).setOut(out).setErr(err).execute(args);
    }

    @Override
    public Integer call() {
        ChartOutcome outcome;
        try {
            outcome =
                    LocalChart.write(
                            new LocalChart.Options(
                                    jsonl,
                                    clickhouse,
                                    replayed,
                                    symbols,
                                    from,
                                    to,
                                    Lane.ofId(lane),
                                    Duration.ofSeconds(lagTargetSeconds),
                                    out),
                            env,
                            clock);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        PrintWriter where =
                outcome.exitCode() == ChartOutcome.OK
                        ? spec.commandLine().getOut()
                        : spec.commandLine().getErr();
        where.println(outcome.message());
        where.println("chart: " + outcome.page().toAbsolutePath());
        where.flush();
        return outcome.exitCode();
    }
}
