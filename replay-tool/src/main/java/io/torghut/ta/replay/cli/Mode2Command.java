package io.torghut.ta.replay.cli;

import io.torghut.ta.replay.ReplayTool;
import io.torghut.ta.replay.workflow.Gates;
import io.torghut.ta.replay.workflow.Mode;
import io.torghut.ta.replay.workflow.StepRequest;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** Mode 2, the destructive replay from scratch, one step per run; every step needs confirmation. */
@Command(
        name = "mode2",
        mixinStandardHelpOptions = true,
        description = {
            "DESTRUCTIVE replay from scratch. Every step needs --confirm REPLAY_FROM_SCRATCH"
                    + " and --ticket.",
            "  1 pause trading            2 suspend TA",
            "  3 record verified backup   (--backup-manifest, --restore-path)",
            "  4 recreate derived topics  (prints commands; --execute uses the AdminClient;"
                    + " --record-done after running them yourself)",
            "  5 wipe checkpoint/savepoint state (refused without step 3; prints commands;"
                    + " --record-done)",
            "  6 fresh group + earliest   7 restart without state",
            "  8 steady state (needs verify)  9 resume trading (needs verify)"
        })
public final class Mode2Command implements Callable<Integer> {
    @ParentCommand ReplayTool tool;
    @Spec CommandSpec spec;
    @Mixin GitOpsOptions gitops;
    @Mixin ReplayIdOption replayId;
    @Mixin TicketOption ticket;
    @Mixin RestorePathOption restorePath;
    @Mixin OperatorOptions operator;
    @Mixin KafkaOptions kafka;

    @Option(names = "--step", required = true, description = "Step number, 1 to 9.")
    int step;

    @Option(names = "--confirm", description = "Must be exactly " + Gates.CONFIRMATION + ".")
    String confirm;

    @Option(names = "--backup-manifest", description = "Step 3: local copy of manifest.json.")
    Path backupManifest;

    @Option(names = "--execute", description = "Step 4: recreate the topics via the AdminClient.")
    boolean execute;

    @Option(
            names = "--record-done",
            description = "Steps 4 and 5: record that you ran the printed commands.")
    boolean recordDone;

    @Override
    public Integer call() {
        StepRequest request =
                StepRequest.builder(Mode.MODE2, step, replayId.get())
                        .confirmation(confirm)
                        .ticket(ticket.get())
                        .restorePath(restorePath.get())
                        .operatorProvidesHa(operator.providesHa())
                        .backupManifest(backupManifest)
                        .execute(execute)
                        .recordDone(recordDone)
                        .kafka(kafka.connection())
                        .build();
        return new StepCommand(gitops, tool.clock(), spec.commandLine().getOut()).run(request);
    }
}
