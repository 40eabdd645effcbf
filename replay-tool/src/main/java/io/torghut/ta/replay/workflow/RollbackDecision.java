package io.torghut.ta.replay.workflow;

import io.torghut.ta.replay.gitops.FileRole;
import io.torghut.ta.replay.ledger.ReplayRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether a rollback runs: the replay was rolled back already (nothing to do), or the rollback
 * passed every gate and this is what it does. A refused rollback throws a {@link Refusal}.
 */
public sealed interface RollbackDecision permits RollbackDecision.AlreadyRolledBack, RollbackPlan {

    /** The ledger already records the rollback. */
    record AlreadyRolledBack() implements RollbackDecision {}

    /**
     * The mode of the replay to roll back, as the ledger records it.
     *
     * @throws Refusal if the ledger has no step of it
     */
    static String replayMode(Session s, String replayId) {
        return Gates.of(s, replayId).rollbackRecord().mode();
    }

    /**
     * Runs the rollback's gates (a recorded replay, the backup restored after a wipe, the job
     * running after the restart, an operator action that brings the previous state back) and
     * describes it. What the manifests make the operator do is printed, never refused: a rollback
     * must stay possible.
     *
     * @param operatorProvidesHa oncall says the operator's default configuration sets HA
     * @throws Refusal if a gate refuses
     */
    static RollbackDecision decide(
            Session s,
            String replayId,
            boolean backupRestored,
            Instant now,
            boolean operatorProvidesHa) {
        Gates gates = Gates.of(s, replayId);
        ReplayRecord r = gates.rollbackRecord();
        if (r.rolledBack()) {
            return new AlreadyRolledBack();
        }
        Mode mode = Mode.fromId(r.mode()).orElse(Mode.MODE1);
        boolean restarted = r.done(mode.numberOf(StepKind.RESTART_STATELESS));
        boolean wiped = mode == Mode.MODE2 && r.done(mode.numberOf(StepKind.WIPE_STATE));
        gates.rollbackMayRun(wiped, restarted, backupRestored);
        Prev prev = Prev.fromMap(r.prev());
        GitOpsEdit edit =
                GitOpsEdit.of(
                        s.texts(),
                        Workflow.rollback(s.texts(), prev, restarted, r.restorePath()),
                        s.files());
        Gates.rollbackRestoresPreviousState(
                edit.operatorActionOrNone(), restarted, r.restorePath(), prev);
        List<String> warnings = new ArrayList<>();
        Gates.upgradeModeProblem(
                        s.state(), prev, operatorProvidesHa, s.display(FileRole.FLINK_DEPLOYMENT))
                .ifPresent(warnings::add);
        warnings.addAll(Gates.manifestWarnings(s.state(), prev, operatorProvidesHa));
        return new RollbackPlan(s, replayId, mode, r, restarted, prev, edit, now, warnings);
    }
}
