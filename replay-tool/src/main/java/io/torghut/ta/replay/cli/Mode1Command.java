package io.torghut.ta.replay.cli;

import io.torghut.ta.replay.ReplayTool;
import io.torghut.ta.replay.workflow.Mode;
import io.torghut.ta.replay.workflow.StepRequest;
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
    @Mixin ReplayIdOption replayId;
    @Mixin TicketOption ticket;
    @Mixin RestorePathOption restorePath;
    @Mixin OperatorOptions operator;

    @Option(names = "--step", required = true, description = "Step number, 1 to 6.")
    int step;

    @Override
    public Integer call() {
        StepRequest request =
                StepRequest.builder(Mode.MODE1, step, replayId.get())
                        .ticket(ticket.get())
                        .restorePath(restorePath.get())
                        .operatorProvidesHa(operator.providesHa())
                        .build();
        return new StepCommand(gitops, tool.clock(), spec.commandLine().getOut()).run(request);
    }
}
