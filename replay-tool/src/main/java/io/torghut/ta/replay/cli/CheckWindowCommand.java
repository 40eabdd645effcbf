package io.torghut.ta.replay.cli;

import io.torghut.ta.replay.ReplayTool;
import io.torghut.ta.replay.gitops.FileRole;
import io.torghut.ta.replay.ledger.Ledger;
import io.torghut.ta.replay.ledger.LedgerEvent;
import io.torghut.ta.replay.window.RetentionProbe;
import io.torghut.ta.replay.window.WindowFeasibility;
import io.torghut.ta.replay.yaml.YamlPath;
import io.torghut.ta.replay.yaml.YamlScalarEditor;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * and refuses an infeasible one. With {@code --replay-id} the result goes into the ledger, where
 * the fresh-group step looks for it.
 */
@Command(
        name = "check-window",
        mixinStandardHelpOptions = true,
        description = {
            "Is [--from, --to) replayable? Inputs must be retained from --from plus --margin"
                    + " (measured with --bootstrap, else --retention per topic, default 7d,"
                    + " the runbook's lower bound),",
            "and the outputs' TTL (--ttl, default ta_microbars=30d, ta_signals=14d as the"
                    + " runbook states) must keep rows at --from beyond now plus --margin."
        })
public final class CheckWindowCommand implements Callable<Integer> {
    @ParentCommand ReplayTool tool;
    @Spec CommandSpec spec;
    @Mixin GitOpsOptions gitops;

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
            description = "Configured retention per input topic, e.g. torghut.trades.v1=35d.")
    Map<String, String> retention = new LinkedHashMap<>();

    @Option(
            names = "--ttl",
            description = "TTL per output table (default ta_microbars=30d, ta_signals=14d).")
    Map<String, String> ttl = new LinkedHashMap<>();

    @Option(
            names = "--margin",
            defaultValue = "6h",
            converter = DurationConverter.class,
            description = "Safety margin (default ${DEFAULT-VALUE}).")
    Duration margin;

    @Option(
            names = "--bootstrap",
            description = "Measure retention on this broker (earliest record per partition).")
    String bootstrap;

    @Option(names = "--kafka-config", description = "Client properties file; never printed.")
    Path kafkaConfig;

    @Option(
            names = "--kafka-timeout",
            defaultValue = "60s",
            converter = DurationConverter.class,
            description = "How long to wait for the broker (default ${DEFAULT-VALUE}).")
    Duration kafkaTimeout;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        Session s = Session.open(gitops);
        Instant now = tool.clock().instant();
        List<String> inputs = inputTopics(s);
        out.println("Checking replay window [" + from + ", " + to + ") at " + now + ".");
        Map<String, Instant> earliest = new LinkedHashMap<>();
        if (bootstrap != null) {
            out.println("Measuring the earliest retained record of " + inputs + " on " + bootstrap);
            earliest.putAll(RetentionProbe.earliestRetained(clientProps(), inputs, kafkaTimeout));
        } else {
            for (String t : inputs) {
                Duration d =
                        retention.containsKey(t)
                                ? DurationConverter.parse(retention.get(t))
                                : Duration.ofDays(7);
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
        ttls.put("ta_microbars", Duration.ofDays(30));
        ttls.put("ta_signals", Duration.ofDays(14));
        ttl.forEach((table, d) -> ttls.put(table, DurationConverter.parse(d)));
        WindowFeasibility.Verdict v =
                WindowFeasibility.check(from, to, now, earliest, ttls, margin);
        v.notes().forEach(n -> out.println("  ok: " + n));
        v.problems().forEach(p -> out.println("  PROBLEM: " + p));
        if (replayId != null && !gitops.dryRun()) {
            Ledger.load(gitops.files().ledger())
                    .append(
                            new LedgerEvent(
                                            now.toString(),
                                            replayId,
                                            "check-window",
                                            null,
                                            "check-window",
                                            null,
                                            null,
                                            null,
                                            null,
                                            null,
                                            null,
                                            null,
                                            null)
                                    .withCheck(
                                            new LedgerEvent.WindowRecord(
                                                    from.toString(), to.toString()),
                                            v.feasible(),
                                            v.feasible()
                                                    ? "feasible"
                                                    : String.join("; ", v.problems())));
            out.println("Recorded in " + s.files.display(s.files.ledger()) + ".");
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

    private Properties clientProps() throws IOException {
        Properties p = new Properties();
        if (kafkaConfig != null) {
            try (InputStream in = Files.newInputStream(kafkaConfig)) {
                p.load(in);
            }
        }
        p.put("bootstrap.servers", bootstrap);
        return p;
    }

    private static List<String> inputTopics(Session s) {
        String cm = s.texts.text(FileRole.TA_CONFIGMAP);
        List<String> out = new ArrayList<>();
        for (String[] kv :
                new String[][] {
                    {"TA_TRADES_TOPIC", "torghut.trades.v1"},
                    {"TA_QUOTES_TOPIC", "torghut.quotes.v1"},
                    {"TA_BARS1M_TOPIC", "torghut.bars.1m.v1"}
                }) {
            String t = YamlScalarEditor.read(cm, YamlPath.parse("data." + kv[0])).orElse(kv[1]);
            if (!t.isBlank() && !out.contains(t)) {
                out.add(t);
            }
        }
        return out;
    }
}
