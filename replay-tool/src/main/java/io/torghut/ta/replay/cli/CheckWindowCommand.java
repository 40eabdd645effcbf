package io.torghut.ta.replay.cli;

import io.torghut.ta.replay.ReplayTool;
import io.torghut.ta.replay.clickhouse.OutputTable;
import io.torghut.ta.replay.ledger.LedgerEvent;
import io.torghut.ta.replay.window.RetentionProbe;
import io.torghut.ta.replay.window.WindowFeasibility;
import io.torghut.ta.replay.workflow.ExitCodes;
import io.torghut.ta.replay.workflow.KafkaConnection;
import io.torghut.ta.replay.workflow.Session;
import io.torghut.ta.replay.workflow.TaTopics;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * Checks a replay window against Kafka retention of the inputs and ClickHouse TTL of the outputs,
 * and refuses an infeasible one. With {@code --replay-id} the result goes into the ledger, where
 * the fresh-group step looks for it.
 */
@Command(
        name = "check-window",
        mixinStandardHelpOptions = true,
        description = {
            "Is [--from, --to) replayable? Inputs must be retained from --from plus --margin"
                    + " (measured with --bootstrap, else --retention per topic, default 7d when"
                    + " neither is given),",
            "and the outputs' TTL (--ttl, default ta_microbars=30d, ta_signals=14d; pass the"
                    + " tables' own TTL if it differs) must keep rows at --from beyond now plus"
                    + " --margin."
        })
public final class CheckWindowCommand implements Callable<Integer> {
    /** Assumed input retention when it is neither measured nor given. */
    private static final Duration DEFAULT_RETENTION = Duration.ofDays(7);

    @ParentCommand ReplayTool tool;
    @Spec CommandSpec spec;
    @Mixin GitOpsOptions gitops;
    @Mixin KafkaOptions kafka;

    @Option(names = "--from", required = true, description = "Window start, ISO-8601 instant.")
    Instant from;

    @Option(names = "--to", required = true, description = "Window end, ISO-8601 instant.")
    Instant to;

    @Option(
            names = "--replay-id",
            converter = ReplayIdConverter.class,
            description = "Record the result for this replay in the ledger.")
    String replayId;

    @Option(
            names = "--retention",
            converter = {NoConversion.class, DurationConverter.class},
            description = "Configured retention per input topic, e.g. torghut.trades.v1=35d.")
    Map<String, Duration> retention = new LinkedHashMap<>();

    @Option(
            names = "--ttl",
            converter = {OutputTableConverter.class, DurationConverter.class},
            description = "TTL per output table (default ta_microbars=30d, ta_signals=14d).")
    Map<OutputTable, Duration> ttl = new EnumMap<>(OutputTable.class);

    @Option(
            names = "--margin",
            defaultValue = "6h",
            converter = DurationConverter.class,
            description = "Safety margin (default ${DEFAULT-VALUE}).")
    Duration margin;

    @Option(
            names = "--kafka-timeout",
            defaultValue = "60s",
            converter = DurationConverter.class,
            description = "How long to wait for the broker (default ${DEFAULT-VALUE}).")
    Duration kafkaTimeout;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Session s = gitops.open();
        Instant now = tool.clock().instant();
        List<String> inputs = TaTopics.inputs(s.texts());
        out.println("Checking replay window [" + from + ", " + to + ") at " + now + ".");
        Map<String, Instant> earliest = new LinkedHashMap<>();
        KafkaConnection broker = kafka.connection();
        if (broker.bootstrap() != null) {
            out.println(
                    "Measuring the earliest retained record of "
                            + inputs
                            + " on "
                            + broker.bootstrap());
            earliest.putAll(
                    RetentionProbe.earliestRetained(
                            broker.clientProperties(broker.bootstrap()), inputs, kafkaTimeout));
        } else {
            for (String t : inputs) {
                Duration d = retention.getOrDefault(t, DEFAULT_RETENTION);
                out.println(
                        "Input "
                                + t
                                + ": retention "
                                + d
                                + (retention.containsKey(t)
                                        ? " (given)"
                                        : " (default, unmeasured)"));
                earliest.put(t, now.minus(d));
            }
        }
        Map<String, Duration> ttls = new LinkedHashMap<>();
        for (OutputTable table : OutputTable.values()) {
            ttls.put(table.tableName(), ttl.getOrDefault(table, table.defaultTtl()));
        }
        WindowFeasibility.Verdict v =
                WindowFeasibility.check(from, to, now, earliest, ttls, margin);
        v.notes().forEach(n -> out.println("  ok: " + n));
        v.problems().forEach(p -> out.println("  PROBLEM: " + p));
        if (replayId != null && !gitops.dryRun()) {
            s.append(
                    LedgerEvent.windowCheck(
                            now.toString(),
                            replayId,
                            new LedgerEvent.WindowRecord(from.toString(), to.toString()),
                            v.feasible(),
                            v.feasible() ? "feasible" : String.join("; ", v.problems())));
            out.println("Recorded in " + s.ledgerDisplay() + ".");
        }
        if (!v.feasible()) {
            spec.commandLine()
                    .getErr()
                    .println(
                            "REFUSED: infeasible window. Shorten it to start after the earliest"
                                    + " retained input plus the margin, and within the TTL.");
            return ExitCodes.CHECK_FAILED;
        }
        out.println("Feasible. Record the window in the ticket. Next: the fresh-group step.");
        return ExitCodes.OK;
    }

    /** A map key taken as given (picocli needs one converter per type parameter). */
    public static final class NoConversion implements picocli.CommandLine.ITypeConverter<String> {
        @Override
        public String convert(String value) {
            return value;
        }
    }
}
