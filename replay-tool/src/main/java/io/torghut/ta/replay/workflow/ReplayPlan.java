package io.torghut.ta.replay.workflow;

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
 */
public record ReplayPlan(
        Mode mode,
        ReplayContext context,
        GitOpsState current,
        Prev prev,
        SortedSet<Integer> stepsDone,
        List<StepPlan> steps,
        GitOpsEdit rollback) {

    /** The ticket placeholder in the planned Mode 2 commands. */
    static final String TICKET_PLACEHOLDER = "<ticket>";

    /**
     * Plans {@code replayId} in {@code mode}.
     *
     * @throws Refusal if the replay was rolled back or its group id was used before
     */
    public static ReplayPlan of(Session s, Mode mode, String replayId) {
        Gates.of(s, replayId).planMayRun();
        Optional<ReplayRecord> record = s.replay(replayId);
        Prev prev = s.prev(replayId);
        String restore = record.map(ReplayRecord::restorePath).orElse("<restore-path>");
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
                RollbackPlan.afterTheRestart(t, prev, restore, s.files()));
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
}
