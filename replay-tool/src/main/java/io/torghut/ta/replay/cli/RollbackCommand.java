package io.torghut.ta.replay.cli;

import io.torghut.ta.replay.ReplayTool;
import io.torghut.ta.replay.gitops.Change;
import io.torghut.ta.replay.gitops.FileRole;
import io.torghut.ta.replay.gitops.Texts;
import io.torghut.ta.replay.ledger.LedgerEvent;
import io.torghut.ta.replay.ledger.ReplayRecord;
import io.torghut.ta.replay.operator.ManifestModel;
import io.torghut.ta.replay.operator.OperatorRestartSemantics;
import io.torghut.ta.replay.operator.RestartAction;
import io.torghut.ta.replay.workflow.MergePatches;
import io.torghut.ta.replay.workflow.Mode;
import io.torghut.ta.replay.workflow.Prev;
import io.torghut.ta.replay.workflow.StatePaths;
import io.torghut.ta.replay.workflow.StepKind;
import io.torghut.ta.replay.workflow.Workflow;
import java.io.PrintWriter;
import java.util.List;
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

    @Option(
            names = "--replay-id",
            required = true,
            converter = ReplayIdConverter.class,
            description = "The REPLAY_ID to roll back.")
    String replayId;

    @Option(
            names = "--confirm-backup-restored",
            description =
                    "Mode 2 after the wipe: the backup was copied back to the checkpoint and"
                            + " savepoint directories (checkpoints scripts' restore).")
    boolean backupRestored;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Session s = Session.open(gitops);
        ReplayRecord r =
                s.replay(replayId)
                        .filter(x -> x.prev() != null)
                        .orElseThrow(
                                () ->
                                        new Refusal(
                                                "nothing to roll back: the ledger has no steps of "
                                                        + replayId));
        out.println("REPLAY " + replayId + ": rollback of a " + r.mode() + " replay");
        if (r.rolledBack()) {
            out.println("Already rolled back (ledger). Nothing to do.");
            return ExitCodes.OK;
        }
        Mode mode = "mode2".equals(r.mode()) ? Mode.MODE2 : Mode.MODE1;
        boolean restarted = r.done(mode.numberOf(StepKind.RESTART_STATELESS));
        boolean wiped = mode == Mode.MODE2 && r.done(mode.numberOf(StepKind.WIPE_STATE));
        if (wiped && !backupRestored) {
            throw new Refusal(
                    "the state was wiped: first copy "
                            + StatePaths.forAwsCli(r.backup().prefix())
                            + "/checkpoints and /savepoints back with"
                            + " checkpoints-scripts/bin/restore-state --replay-id "
                            + replayId
                            + " (it checks every object against the manifest), then re-run with"
                            + " --confirm-backup-restored.");
        }
        if (restarted && !"running".equals(s.state.jobState())) {
            throw new Refusal(
                    "the job restarted for the replay and is now "
                            + s.state.jobState()
                            + ": a savepoint redeploy requested while suspended is handled as a"
                            + " resume and can start from empty state (FLINK-40470). Set"
                            + " spec.job.state: running first, sync, then run rollback again.");
        }
        Prev prev = Prev.fromMap(r.prev());
        List<Change> changes = Workflow.rollback(s.texts, prev, restarted, r.restorePath());
        Texts after = s.texts.applyAll(changes);
        RestartAction action =
                OperatorRestartSemantics.actionFor(
                        ManifestModel.parse(s.texts.text(FileRole.FLINK_DEPLOYMENT))
                                .deployment()
                                .getSpec(),
                        ManifestModel.parse(after.text(FileRole.FLINK_DEPLOYMENT))
                                .deployment()
                                .getSpec());
        checkAction(action, restarted, r, prev);
        out.println(
                restarted
                        ? "Plan: redeploy from " + r.restorePath() + " with the PREV settings."
                        : "Plan: resume the job on the state it kept, with the PREV settings.");
        out.println("Operator action: " + action);
        out.println("GitOps changes:");
        for (Change c : changes) {
            out.println("  " + c.describe(s.files));
        }
        for (FileRole role : FileRole.values()) {
            MergePatches.forRole(role, changes)
                    .ifPresent(
                            p ->
                                    out.println(
                                            "Emergency only: "
                                                    + MergePatches.kubectlCommand(
                                                            role,
                                                            p,
                                                            gitops.namespace(),
                                                            s.state.deploymentName())));
        }
        LedgerEvent event =
                new LedgerEvent(
                        tool.clock().instant().toString(),
                        replayId,
                        "rollback",
                        null,
                        restarted ? "savepoint-redeploy" : "resume",
                        r.ticket(),
                        null,
                        null,
                        restarted ? r.restorePath() : null,
                        null,
                        null,
                        null,
                        null);
        if (gitops.dryRun()) {
            out.println("DRY RUN: nothing written.");
            return ExitCodes.OK;
        }
        s.files.write(s.texts, after);
        s.ledger.append(event);
        out.println("Wrote the rollback; appended 1 line to the ledger.");
        out.println("Next:");
        out.println("  1. Commit, push and Argo CD sync.");
        out.println(
                "  2. Check: kubectl -n "
                        + gitops.namespace()
                        + " get flinkdeployment "
                        + s.state.deploymentName()
                        + " -o jsonpath='{.status.lifecycleState} {.status.jobStatus.state}'"
                        + " prints STABLE RUNNING.");
        out.println(
                "  3. Check: consumer group "
                        + prev.groupId()
                        + " has a small, falling lag; replay-tool verify shows fresh signals.");
        if (mode == Mode.MODE2) {
            out.println(
                    "  4. Note: the derived topics were recreated; their old records are gone.");
        }
        out.println(
                "  Trading stays paused. After the checks pass, set TRADING_ENABLED back to "
                        + prev.tradingEnabled()
                        + " in "
                        + s.files.display(FileRole.KNATIVE_SERVICE)
                        + " by hand.");
        return ExitCodes.OK;
    }

    private static void checkAction(
            RestartAction action, boolean restarted, ReplayRecord r, Prev prev) {
        boolean ok;
        if (restarted) {
            ok = action.equals(new RestartAction.SavepointRedeploy(r.restorePath()));
        } else if ("running".equals(prev.jobState())) {
            ok =
                    action instanceof RestartAction.RestoreLastState
                            || action instanceof RestartAction.RestoreSavepoint
                            || action instanceof RestartAction.None
                            || ("stateless".equals(prev.upgradeMode()) && action.startsEmpty());
        } else {
            ok = action instanceof RestartAction.None || action instanceof RestartAction.Suspend;
        }
        if (!ok) {
            throw new Refusal(
                    "the rollback change would make the operator do "
                            + action
                            + ", which does not bring back the previous state");
        }
    }
}
