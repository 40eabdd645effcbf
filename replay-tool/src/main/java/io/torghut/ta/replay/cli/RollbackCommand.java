package io.torghut.ta.replay.cli;

import io.torghut.ta.replay.ReplayTool;
import io.torghut.ta.replay.gitops.Change;
import io.torghut.ta.replay.workflow.ExitCodes;
import io.torghut.ta.replay.workflow.RollbackDecision;
import io.torghut.ta.replay.workflow.RollbackPlan;
import io.torghut.ta.replay.workflow.Session;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * Rolls a replay back: PREV group id, offset reset and upgrade mode, and the job back on its
 * previous state, either by resuming (the replay never restarted the job) or by a savepoint
 * redeploy from the recorded restore path.
 */
@Command(
        name = "rollback",
        mixinStandardHelpOptions = true,
        description = {
            "Restore PREV TA_GROUP_ID, TA_AUTO_OFFSET_RESET and upgradeMode, then:",
            "  - before the restart step: resume the job on its kept state (PREV job state);",
            "  - after it: redeploy from the recorded checkpoint/savepoint"
                    + " (initialSavepointPath + savepointRedeployNonce); the job must be running.",
            "Mode 2 after the wipe also needs --confirm-backup-restored. Trading is paused (if it"
                    + " was resumed) and stays paused."
        })
public final class RollbackCommand implements Callable<Integer> {
    @ParentCommand ReplayTool tool;
    @Spec CommandSpec spec;
    @Mixin GitOpsOptions gitops;
    @Mixin ReplayIdOption replayId;
    @Mixin OperatorOptions operator;

    @Option(
            names = "--confirm-backup-restored",
            description =
                    "Mode 2 after the wipe: the backup was copied back to the checkpoint and"
                            + " savepoint directories (checkpoints scripts' restore).")
    boolean backupRestored;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Session s = gitops.open();
        String id = replayId.get();
        out.println(
                "REPLAY "
                        + id
                        + ": rollback of a "
                        + RollbackDecision.replayMode(s, id)
                        + " replay");
        RollbackDecision decision =
                RollbackDecision.decide(
                        s, id, backupRestored, tool.clock().instant(), operator.providesHa());
        if (decision instanceof RollbackDecision.AlreadyRolledBack) {
            out.println("Already rolled back (ledger). Nothing to do.");
            return ExitCodes.OK;
        }
        RollbackPlan plan = (RollbackPlan) decision;
        for (String warning : plan.warnings()) {
            out.println("WARNING: " + warning);
        }
        out.println(plan.summary());
        out.println("Operator action: " + plan.edit().operatorActionOrNone());
        out.println("GitOps changes:");
        for (Change c : plan.edit().changes()) {
            out.println("  " + c.describe(s.files()));
        }
        for (String patch : plan.emergencyPatches()) {
            out.println("Emergency only: " + patch);
        }
        if (gitops.dryRun()) {
            out.println("DRY RUN: nothing written.");
            return ExitCodes.OK;
        }
        plan.record(s);
        out.println("Wrote the rollback; appended 1 line to the ledger.");
        out.println("Next:");
        int n = 1;
        for (String item : plan.next()) {
            out.println("  " + n++ + ". " + item);
        }
        out.println("  " + plan.tradingNote());
        return ExitCodes.OK;
    }
}
