package io.torghut.ta.replay.cli;

import io.torghut.ta.replay.ReplayTool;
import io.torghut.ta.replay.workflow.Mode;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** Mode 1, the non-destructive replay into a fresh consumer group, one step per run. */
@Command(
        name = "mode1",
        mixinStandardHelpOptions = true,
        description = {
            "Non-destructive replay (consumer-group isolation), one step per run:",
            "  1 pause trading            (knative-service.yaml TRADING_ENABLED=false)",
            "  2 suspend TA               (spec.job.state: suspended)",
            "  3 fresh group + earliest   (TA_GROUP_ID, TA_AUTO_OFFSET_RESET; needs check-window)",
            "  4 restart without state    (upgradeMode stateless, restartNonce+1, running;"
                    + " needs --restore-path)",
            "  5 steady state             (PREV upgradeMode and offset reset; needs verify)",
            "  6 resume trading           (PREV TRADING_ENABLED; needs verify)"
        })
public final class Mode1Command implements Callable<Integer> {
    @ParentCommand ReplayTool tool;
    @Spec CommandSpec spec;
    @Mixin GitOpsOptions gitops;

    @Option(
            names = "--replay-id",
            required = true,
            converter = ReplayIdConverter.class,
            description = "REPLAY_ID, e.g. 2026-02-09T0315Z-INC1234.")
    String replayId;

    @Option(names = "--step", required = true, description = "Step number, 1 to 6.")
    int step;

    @Option(
            names = "--ticket",
            converter = TicketConverter.class,
            description = "Ticket or incident id to record (optional in Mode 1).")
    String ticket;

    @Option(
            names = "--restore-path",
            description =
                    "Step 4: the newest retained checkpoint (chk-N) or savepoint, recorded for"
                            + " rollback.")
    String restorePath;

    @Override
    public Integer call() {
        return new StepRunner(gitops, tool.clock(), spec.commandLine().getOut(), null)
                .run(
                        new StepRequest(
                                Mode.MODE1,
                                step,
                                replayId,
                                ticket,
                                restorePath,
                                null,
                                false,
                                false,
                                null,
                                null));
    }
}
