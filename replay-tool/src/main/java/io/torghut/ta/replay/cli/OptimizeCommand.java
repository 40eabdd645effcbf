package io.torghut.ta.replay.cli;

import io.torghut.ta.replay.ReplayTool;
import io.torghut.ta.replay.clickhouse.ClickHouseReader;
import io.torghut.ta.replay.clickhouse.OptimizePlan;
import io.torghut.ta.replay.clickhouse.OutputTable;
import io.torghut.ta.replay.clickhouse.VerifyQueries;
import io.torghut.ta.replay.clickhouse.Visibility;
import io.torghut.ta.replay.ledger.LedgerEvent;
import io.torghut.ta.replay.workflow.ExitCodes;
import io.torghut.ta.replay.workflow.Gates;
import io.torghut.ta.replay.workflow.Session;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * Mode 1's optional step after a passed verify: merges the partitions of the replay window in which
 * readers see the replay's rows twice, printing each statement and its cost, and running them only
 * with {@code --confirm}.
 */
@Command(
        name = "optimize",
        mixinStandardHelpOptions = true,
        description = {
            "Mode 1, optional, once verify has passed after the restart: readers (no FINAL) see"
                    + " each row a replay wrote again twice until ClickHouse merges. This prints"
                    + " OPTIMIZE TABLE ... PARTITION ID ... FINAL for each partition of the"
                    + " replay's checked window that has extra copies, and no other, with the"
                    + " rows and bytes each rewrites on every replica.",
            "With --confirm it runs them one after another, each waiting for every replica, then"
                    + " counts again; exit 4 when copies remain."
        })
public final class OptimizeCommand implements Callable<Integer> {
    @ParentCommand ReplayTool tool;
    @Spec CommandSpec spec;
    @Mixin GitOpsOptions gitops;
    @Mixin ReplayIdOption replayId;
    @Mixin ClickHouseOptions clickhouse;

    @Option(names = "--confirm", description = "Run the printed statements.")
    boolean confirm;

    @Option(
            names = "--timeout",
            defaultValue = "2h",
            converter = DurationConverter.class,
            description = "How long each merge may take (default ${DEFAULT-VALUE}).")
    Duration timeout;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Session s = gitops.open();
        String id = replayId.get();
        Instant[] window = Gates.optimizeAllowed(id, s.replay(id));
        ClickHouseOptions.Target target = clickhouse.resolve(s);
        String database = target.database();
        out.println(
                "Replay "
                        + id
                        + ": window "
                        + window[0]
                        + " to "
                        + window[1]
                        + " in "
                        + database
                        + " at "
                        + target.display());
        try (ClickHouseReader ch = target.connect(tool, timeout)) {
            List<Visibility.Partition> before = visibility(ch, database, window);
            Visibility.lines(before).forEach(l -> out.println("  " + l));
            List<OptimizePlan.Merge> merges =
                    OptimizePlan.plan(database, before, parts(ch, database, before));
            if (merges.isEmpty()) {
                out.println("Nothing to merge: readers see each row of the window once.");
                return ExitCodes.OK;
            }
            OptimizePlan.cost(merges).forEach(l -> out.println("  " + l));
            if (!confirm) {
                out.println("Not run. Add --confirm to run these statements.");
                return ExitCodes.OK;
            }
            for (OptimizePlan.Merge m : merges) {
                long started = System.nanoTime();
                ch.execute(m.statement(), VerifyQueries.OPTIMIZE_SETTINGS);
                out.printf(
                        "  merged %s %s in %.1f s%n",
                        m.visibility().table(),
                        m.visibility().partition(),
                        (System.nanoTime() - started) / 1e9);
            }
            List<Visibility.Partition> after = visibility(ch, database, window);
            Visibility.lines(after).forEach(l -> out.println("  " + l));
            long left = 0;
            for (Visibility.Partition p : after) {
                for (OptimizePlan.Merge m : merges) {
                    if (m.visibility().table().equals(p.table())
                            && m.visibility().partition().equals(p.partition())) {
                        left += p.extraCopies();
                    }
                }
            }
            boolean passed = left == 0;
            if (!gitops.dryRun()) {
                s.append(
                        LedgerEvent.optimize(
                                tool.clock().instant().toString(),
                                id,
                                passed,
                                merges.size() + " partitions merged, " + left + " copies left"));
            }
            out.println(
                    passed
                            ? "MERGED: readers see each row of the merged partitions once."
                            : "Copies remain in merged partitions ("
                                    + left
                                    + "): rows arrived during the merge; run optimize again.");
            return passed ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
        }
        // A ClickHouseFailure (server unreachable, a merge it declined) goes to the tool's
        // handler: the server's error on one line, exit 1.
    }

    private static List<Visibility.Partition> visibility(
            ClickHouseReader ch, String database, Instant[] window) {
        List<Visibility.Partition> out = new ArrayList<>();
        for (String table : OutputTable.names()) {
            out.addAll(ch.visibility(database, table, window[0], window[1]));
        }
        return out;
    }

    private static List<Visibility.PartitionParts> parts(
            ClickHouseReader ch, String database, List<Visibility.Partition> partitions) {
        List<Visibility.PartitionParts> out = new ArrayList<>();
        for (String table : OutputTable.names()) {
            List<LocalDate> dates =
                    partitions.stream()
                            .filter(p -> p.table().equals(table) && p.extraCopies() > 0)
                            .map(p -> LocalDate.parse(p.partition()))
                            .toList();
            if (!dates.isEmpty()) {
                out.addAll(ch.parts(table, VerifyQueries.parts(database, table, dates)));
            }
        }
        return out;
    }
}
