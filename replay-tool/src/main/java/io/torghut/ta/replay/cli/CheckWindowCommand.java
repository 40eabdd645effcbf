package io.torghut.ta.replay.cli;

import io.torghut.ta.replay.ReplayTool;
import io.torghut.ta.replay.clickhouse.OutputTable;
import io.torghut.ta.replay.ledger.LedgerEvent;
import io.torghut.ta.replay.window.InputStart;
import io.torghut.ta.replay.window.OutputTtl;
import io.torghut.ta.replay.window.ProductionWindowDefaults;
import io.torghut.ta.replay.window.RetentionProbe;
import io.torghut.ta.replay.window.TableDefinitions;
import io.torghut.ta.replay.window.WindowFeasibility;
import io.torghut.ta.replay.workflow.ExitCodes;
import io.torghut.ta.replay.workflow.KafkaConnection;
import io.torghut.ta.replay.workflow.Session;
import io.torghut.ta.replay.workflow.TaTopics;
import java.io.PrintWriter;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * Checks a replay window against Kafka retention of the inputs and ClickHouse TTL of the outputs,
 * and refuses an infeasible one. Each figure is measured where the command can (the broker with
 * {@code --bootstrap}, {@code system.tables} with {@code --clickhouse-url}), else taken as given,
 * else production's ({@link ProductionWindowDefaults}), and the output says which. With {@code
 * --replay-id} the result goes into the ledger, where the fresh-group step looks for it.
 */
@Command(
        name = "check-window",
        mixinStandardHelpOptions = true,
        description = {
            "Is [--from, --to) replayable? Inputs must be retained from --from plus --margin:"
                    + " measured with --bootstrap (oldest record and retention.ms), else"
                    + " --retention per topic, else production's 35d.",
            "Outputs must keep rows at --from beyond now plus --margin: --ttl per table, else"
                    + " read from system.tables with --clickhouse-url, else production's 35d."
                    + " The output says which figure came from where."
        })
public final class CheckWindowCommand implements Callable<Integer> {
    /** Reads table definitions from a real server; tests give the tool another connector. */
    public static final TableDefinitions.Connector CLICKHOUSE = ClickHouseTableDefinitions::connect;

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
            description =
                    "Configured retention per input topic, e.g. torghut.trades.v1=35d (without"
                            + " --bootstrap; default production's 35d).")
    Map<String, Duration> retention = new LinkedHashMap<>();

    @Option(
            names = "--ttl",
            converter = {OutputTableConverter.class, DurationConverter.class},
            description =
                    "TTL per output table, e.g. ta_signals=14d (default: read with"
                            + " --clickhouse-url, else production's 35d).")
    Map<OutputTable, Duration> ttl = new EnumMap<>(OutputTable.class);

    @Mixin ClickHouseOptions clickhouse = new ClickHouseOptions();

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
    public Integer call() throws SQLException {
        PrintWriter out = spec.commandLine().getOut();
        Session s = gitops.open();
        Instant now = tool.clock().instant();
        out.println("Checking replay window [" + from + ", " + to + ") at " + now + ".");
        Map<String, Instant> earliest = new LinkedHashMap<>();
        for (InputStart start : inputs(s, now, out)) {
            out.println(
                    "Input "
                            + start.topic()
                            + ": from "
                            + start.earliest()
                            + " ("
                            + start.source()
                            + ")");
            earliest.put(start.topic(), start.earliest());
        }
        List<String> problems = new ArrayList<>();
        Map<String, Duration> ttls = new LinkedHashMap<>();
        for (OutputTtlFigure f : outputs(s)) {
            if (f.reading() instanceof OutputTtl.Reading.Expires e) {
                ttls.put(f.table(), e.ttl());
                out.println(
                        "Output "
                                + f.table()
                                + ": TTL "
                                + DurationConverter.text(e.ttl())
                                + " ("
                                + f.source()
                                + ")");
            } else if (f.reading() instanceof OutputTtl.Reading.NoTtl) {
                out.println("Output " + f.table() + ": no TTL, rows are kept (" + f.source() + ")");
            } else {
                problems.add(f.problem());
            }
        }
        WindowFeasibility.Verdict v =
                WindowFeasibility.check(from, to, now, earliest, ttls, margin);
        problems.addAll(0, v.problems());
        boolean feasible = problems.isEmpty();
        v.notes().forEach(n -> out.println("  ok: " + n));
        problems.forEach(p -> out.println("  PROBLEM: " + p));
        if (replayId != null && !gitops.dryRun()) {
            s.append(
                    LedgerEvent.windowCheck(
                            now.toString(),
                            replayId,
                            new LedgerEvent.WindowRecord(from.toString(), to.toString()),
                            feasible,
                            feasible ? "feasible" : String.join("; ", problems)));
            out.println("Recorded in " + s.ledgerDisplay() + ".");
        }
        if (!feasible) {
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

    /** Where each input starts: measured on the broker, else given, else production's. */
    private List<InputStart> inputs(Session s, Instant now, PrintWriter out) {
        List<String> topics = TaTopics.inputs(s.texts());
        List<InputStart> starts = new ArrayList<>();
        KafkaConnection broker = kafka.connection();
        if (broker.bootstrap() == null) {
            for (String t : topics) {
                starts.add(
                        retention.containsKey(t)
                                ? InputStart.assumed(t, retention.get(t), now, "given")
                                : InputStart.assumed(
                                        t,
                                        ProductionWindowDefaults.INPUT_RETENTION,
                                        now,
                                        ProductionWindowDefaults.INPUT_SOURCE));
            }
            return starts;
        }
        out.println("Measuring the inputs " + topics + " on " + broker.bootstrap());
        Properties props = broker.clientProperties(broker.bootstrap());
        Map<String, Instant> oldest = RetentionProbe.earliestRetained(props, topics, kafkaTimeout);
        Map<String, Long> retentionMs = RetentionProbe.retentionMs(props, topics, kafkaTimeout);
        for (String t : topics) {
            if (!oldest.containsKey(t)) {
                out.println(
                        "Input " + t + ": empty on " + broker.bootstrap() + ", nothing to replay");
                continue;
            }
            starts.add(
                    InputStart.measured(
                            t,
                            oldest.get(t),
                            retentionMs.getOrDefault(t, -1L),
                            now,
                            broker.bootstrap()));
        }
        return starts;
    }

    /**
     * One output table's TTL and where it comes from.
     *
     * @param reading the TTL; null when it cannot be known, then {@code problem} says why
     */
    private record OutputTtlFigure(
            String table, OutputTtl.Reading reading, String source, String problem) {
        static OutputTtlFigure of(String table, OutputTtl.Reading reading, String source) {
            return reading instanceof OutputTtl.Reading.Unreadable u
                    ? unknown(
                            table,
                            "its TTL clause '"
                                    + u.clause()
                                    + "' ("
                                    + source
                                    + ") is not one check-window reads")
                    : new OutputTtlFigure(table, reading, source, null);
        }

        static OutputTtlFigure unknown(String table, String why) {
            return new OutputTtlFigure(
                    table,
                    null,
                    null,
                    "output " + table + ": " + why + "; pass --ttl " + table + "=<its TTL>");
        }
    }

    /** Each output table's TTL: given, else read from system.tables, else production's. */
    private List<OutputTtlFigure> outputs(Session s) throws SQLException {
        Map<String, String> definitions = Map.of();
        String where = null;
        Optional<ClickHouseOptions.Target> target = clickhouse.resolveWhenGiven(s);
        boolean measure =
                target.isPresent()
                        && Arrays.stream(OutputTable.values()).anyMatch(t -> !ttl.containsKey(t));
        String database = clickhouse.database;
        if (measure) {
            ClickHouseOptions.Target t = target.get();
            where = "system.tables on " + t.display();
            try (TableDefinitions tables =
                    tool.clickHouse()
                            .connect(t.url(), t.user(), tool.env().apply(t.passwordEnv()))) {
                definitions = tables.createTableQueries(database, OutputTable.names());
            }
        }
        List<OutputTtlFigure> out = new ArrayList<>();
        for (OutputTable table : OutputTable.values()) {
            String name = table.tableName();
            if (ttl.containsKey(table)) {
                out.add(
                        OutputTtlFigure.of(
                                name, new OutputTtl.Reading.Expires(ttl.get(table)), "given"));
            } else if (measure && definitions.containsKey(name)) {
                out.add(OutputTtlFigure.of(name, OutputTtl.of(definitions.get(name)), where));
            } else if (measure) {
                out.add(
                        OutputTtlFigure.unknown(
                                name, "no table " + database + "." + name + " in " + where));
            } else {
                out.add(
                        OutputTtlFigure.of(
                                name,
                                new OutputTtl.Reading.Expires(ProductionWindowDefaults.OUTPUT_TTL),
                                ProductionWindowDefaults.OUTPUT_SOURCE));
            }
        }
        return out;
    }

    /** A map key taken as given (picocli needs one converter per type parameter). */
    public static final class NoConversion implements picocli.CommandLine.ITypeConverter<String> {
        @Override
        public String convert(String value) {
            return value;
        }
    }
}
