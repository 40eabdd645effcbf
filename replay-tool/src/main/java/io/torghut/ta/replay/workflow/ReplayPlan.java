package io.torghut.ta.replay.workflow;

import io.torghut.ta.replay.gitops.FileRole;
import io.torghut.ta.replay.gitops.GitOpsState;
import io.torghut.ta.replay.gitops.Texts;
import io.torghut.ta.replay.ledger.ReplayRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The whole procedure of one replay, simulated in memory: every step of the mode on the files as
 * the earlier steps leave them, which steps the ledger records as done, and the rollback.
 *
 * @param mode the mode planned
 * @param context the replay's fixed facts
 * @param current the GitOps state now
 * @param prev the values rollback restores
 * @param stepsDone the step numbers the ledger records
 * @param steps every step, in order
 * @param rollback the rollback after the restart step, on the files the last step leaves
 * @param warnings what the manifests make the operator do on a failure during the replay
 */
public record ReplayPlan(
        Mode mode,
        ReplayContext context,
        GitOpsState current,
        Prev prev,
        SortedSet<Integer> stepsDone,
        List<StepPlan> steps,
        GitOpsEdit rollback,
        List<String> warnings) {

    /** The ticket placeholder in the planned Mode 2 commands. */
    static final String TICKET_PLACEHOLDER = "<ticket>";

    /**
     * What the plan shows for the restore path before the restart step recorded one. It names the
     * value in a change description only: no command carrying it is printed.
     */
    static final String RESTORE_PATH_NOT_YET_KNOWN = "(the restore path the restart step records)";

    /**
     * Plans {@code replayId} in {@code mode}.
     *
     * @param operatorProvidesHa oncall says the operator's default configuration sets HA
     * @throws Refusal if the operator would reject the manifest's upgrade mode, the state
     *     directories are unknown or disagree, or the replay was rolled back or its group id was
     *     used before
     */
    public static ReplayPlan of(Session s, Mode mode, String replayId, boolean operatorProvidesHa) {
        Prev prev = s.prev(replayId);
        Gates.upgradeModeAccepted(
                s.state(), prev, operatorProvidesHa, s.display(FileRole.FLINK_DEPLOYMENT));
        Gates.stateLocationUsable(s.stateLocation(), mode);
        Gates.of(s, replayId).planMayRun();
        Optional<ReplayRecord> record = s.replay(replayId);
        String restore = record.map(ReplayRecord::restorePath).orElse(RESTORE_PATH_NOT_YET_KNOWN);
        ReplayContext ctx = s.context(replayId, restore);
        List<StepPlan> steps = new ArrayList<>();
        Texts t = s.texts();
        for (int n = 1; n <= mode.steps().size(); n++) {
            StepPlan step = StepPlan.describe(s, mode, n, TICKET_PLACEHOLDER, t, prev, ctx);
            steps.add(step);
            t = step.edit().after();
        }
        return new ReplayPlan(
                mode,
                ctx,
                s.state(),
                prev,
                record.map(r -> (SortedSet<Integer>) new TreeSet<>(r.stepsDone()))
                        .orElseGet(TreeSet::new),
                List.copyOf(steps),
                RollbackPlan.afterTheRestart(t, prev, restore, s.files()),
                Gates.manifestWarnings(s.state(), prev, operatorProvidesHa));
    }

    /** Whether the ledger records step {@code number} as done. */
    public boolean done(int number) {
        return stepsDone.contains(number);
    }

    /** The rollback's command. */
    public String rollbackCommand() {
        return Commands.rollback(context.replayId());
    }

    /** The emergency-only kubectl equivalents of a set of changes of this replay. */
    public List<String> emergencyPatches(GitOpsEdit edit) {
        return edit.emergencyPatches(context.namespace(), context.deploymentName());
    }

    /**
     * The emergency-only kubectl equivalents of the rollback; none until the restart step recorded
     * the restore path, since a patch with a stand-in path would redeploy from nothing.
     */
    public List<String> rollbackEmergencyPatches() {
        return RESTORE_PATH_NOT_YET_KNOWN.equals(context.restorePath())
                ? List.of()
                : emergencyPatches(rollback);
    }
}
