package io.torghut.ta.replay.workflow;

import io.torghut.ta.replay.gitops.FileRole;
import io.torghut.ta.replay.ledger.LedgerEvent;
import io.torghut.ta.replay.ledger.ReplayRecord;
import java.time.Instant;
import java.util.Optional;

/**
 * Whether a requested step runs: it is already in the ledger (nothing to do), or it passed every
 * gate and this is what it does. A step the gates refuse throws a {@link Refusal} instead.
 */
public sealed interface StepDecision permits StepDecision.AlreadyRecorded, StepDecision.Run {

    /** The step is in the ledger already; {@code nextCommand} is what comes after it. */
    record AlreadyRecorded(String nextCommand) implements StepDecision {}

    /**
     * The step may run.
     *
     * @param request what oncall asked for
     * @param plan what the step changes and prints
     * @param event the ledger line it appends
     */
    record Run(StepRequest request, StepPlan plan, LedgerEvent event) implements StepDecision {
        /** The same run, recording the verified backup of Mode 2's backup step. */
        public Run withBackup(VerifiedBackup backup) {
            return new Run(request, plan, event.withBackup(backup.record()));
        }

        /** Whether the step may be recorded now ({@link StepPlan#mayRecord}). */
        public boolean mayRecord(boolean performedByTheTool) {
            return plan.mayRecord(performedByTheTool, request.recordDone());
        }

        /** Writes the step's GitOps changes and appends its ledger line. */
        public void record(Session s) {
            s.record(plan.edit().after(), event);
        }
    }

    /**
     * Runs the gates of {@code request} against the loaded files and ledger, in order: what the
     * manifests ask of the operator (an upgrade mode it accepts, state directories that agree), the
     * replay's history (rolled back, ticket, mode, earlier steps), then whether the step is
     * recorded already, then the step's own preconditions and the operator's action on its change.
     *
     * @throws Refusal if a gate refuses
     */
    static StepDecision decide(Session s, StepRequest request, Instant now) {
        Mode mode = request.mode();
        String id = request.replayId();
        Optional<ReplayRecord> record = s.replay(id);
        Prev prev = s.prev(id);
        Gates.upgradeModeAccepted(
                s.state(),
                prev,
                request.operatorProvidesHa(),
                s.display(FileRole.FLINK_DEPLOYMENT));
        Gates.stateLocationUsable(s.stateLocation(), mode);
        Gates gates = Gates.of(s, id);
        gates.continues(mode, request.step(), request.ticket());
        if (record.isPresent() && record.get().done(request.step())) {
            return new AlreadyRecorded(
                    Commands.step(mode, request.step() + 1, id, request.ticket()));
        }
        String restorePath =
                request.restorePath() != null
                        ? request.restorePath()
                        : record.map(ReplayRecord::restorePath).orElse(null);
        ReplayContext ctx = s.context(id, restorePath);
        gates.stepMayRun(request.kind(), ctx);
        StepPlan plan =
                StepPlan.describe(s, mode, request.step(), request.ticket(), s.texts(), prev, ctx);
        if (request.kind() == StepKind.RESTART_STATELESS
                || request.kind() == StepKind.STEADY_STATE) {
            Gates.restartAsIntended(request.kind(), plan.edit().operatorActionOrNone());
        }
        return new Run(request, plan, plan.event(now, prev, request.restorePath()));
    }
}
