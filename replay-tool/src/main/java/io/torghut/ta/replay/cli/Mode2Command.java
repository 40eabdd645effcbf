package io.torghut.ta.replay.cli;

import io.torghut.ta.replay.ReplayTool;
import io.torghut.ta.replay.workflow.Mode;
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
    /** The literal confirmation Mode 2 requires. */
    public static final String CONFIRMATION = "REPLAY_FROM_SCRATCH";

    @ParentCommand ReplayTool tool;
    @Spec CommandSpec spec;
    @Mixin GitOpsOptions gitops;

    @Option(
            names = "--replay-id",
            required = true,
            converter = ReplayIdConverter.class,
            description = "REPLAY_ID, e.g. 2026-02-09T0315Z-INC1234.")
    String replayId;

    @Option(names = "--step", required = true, description = "Step number, 1 to 9.")
    int step;

    @Option(names = "--confirm", description = "Must be exactly " + CONFIRMATION + ".")
    String confirm;

    @Option(
            names = "--ticket",
            converter = TicketConverter.class,
            description = "Ticket or incident id (required).")
    String ticket;

    @Option(names = "--backup-manifest", description = "Step 3: local copy of manifest.json.")
    Path backupManifest;

    @Option(
            names = "--restore-path",
            description = "Step 3: the checkpoint or savepoint a rollback redeploys from.")
    String restorePath;

    @Option(names = "--execute", description = "Step 4: recreate the topics via the AdminClient.")
    boolean execute;

    @Option(
            names = "--record-done",
            description = "Steps 4 and 5: record that you ran the printed commands.")
    boolean recordDone;

    @Option(
            names = "--bootstrap",
            description = "Step 4: Kafka bootstrap servers (default: TA_KAFKA_BOOTSTRAP).")
    String bootstrap;

    @Option(
            names = "--kafka-config",
            description = "Step 4: client properties file (SASL etc.); never printed.")
    Path kafkaConfig;

    @Override
    public Integer call() {
        if (!CONFIRMATION.equals(confirm)) {
            throw new Refusal(
                    "Mode 2 deletes derived topics and Flink state: pass --confirm "
                            + CONFIRMATION
                            + " (exactly) after explicit human approval.");
        }
        if (ticket == null) {
            throw new Refusal("Mode 2 needs --ticket with the ticket or incident id.");
        }
        return new StepRunner(
                        gitops, tool.clock(), spec.commandLine().getOut(), new KafkaTopicStep())
                .run(
                        new StepRequest(
                                Mode.MODE2,
                                step,
                                replayId,
                                ticket,
                                restorePath,
                                backupManifest,
                                execute,
                                recordDone,
                                bootstrap,
                                kafkaConfig));
    }
}
