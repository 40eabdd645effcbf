package io.torghut.ta.replay.workflow;

import io.torghut.ta.replay.gitops.FileRole;
import io.torghut.ta.replay.gitops.GitOpsFiles;
import io.torghut.ta.replay.gitops.Texts;
import io.torghut.ta.replay.ledger.LedgerEvent;
import io.torghut.ta.replay.ledger.ReplayRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What a rollback does: PREV group id, offset reset and upgrade mode, trading paused, and the job
 * back on its previous state, by a resume before the replay's restart step or by a savepoint
 * redeploy from the recorded restore path after it; the ledger line, and what oncall checks next.
 */
public final class RollbackPlan implements RollbackDecision {
    /** What the plan says about the rollback it shows (the one after the restart step). */
    public static final String PLAN_NOTE =
            "Before the restart step the rollback resumes the job on its kept state instead"
                    + " (PREV job state, no redeploy). Trading stays paused until verify"
                    + " passes.";

    private final Mode mode;
    private final boolean restarted;
    private final String restorePath;
    private final Prev prev;
    private final GitOpsEdit edit;
    private final LedgerEvent event;
    private final String namespace;
    private final String deploymentName;
    private final String knativeService;
    private final List<String> warnings;

    RollbackPlan(
            Session s,
            String replayId,
            Mode mode,
            ReplayRecord r,
            boolean restarted,
            Prev prev,
            GitOpsEdit edit,
            Instant now,
            List<String> warnings) {
        this.mode = mode;
        this.restarted = restarted;
        this.restorePath = r.restorePath();
        this.prev = prev;
        this.edit = edit;
        this.event =
                LedgerEvent.rollback(
                        now.toString(),
                        replayId,
                        restarted ? "savepoint-redeploy" : "resume",
                        r.ticket(),
                        restarted ? r.restorePath() : null);
        this.namespace = s.namespace();
        this.deploymentName = s.state().deploymentName();
        this.knativeService = s.display(FileRole.KNATIVE_SERVICE);
        this.warnings = List.copyOf(warnings);
    }

    /** What the manifests make the operator do with this rollback or on a failure after it. */
    public List<String> warnings() {
        return warnings;
    }

    /**
     * The rollback the plan shows, of the files as the last step leaves them: the one after the
     * restart step, a savepoint redeploy from {@code restorePath}.
     */
    public static GitOpsEdit afterTheRestart(
            Texts t, Prev prev, String restorePath, GitOpsFiles files) {
        return GitOpsEdit.of(t, Workflow.rollback(t, prev, true, restorePath), files);
    }

    /** One line: how the job comes back. */
    public String summary() {
        return restarted
                ? "Plan: redeploy from " + restorePath + " with the PREV settings."
                : "Plan: resume the job on the state it kept, with the PREV settings.";
    }

    public GitOpsEdit edit() {
        return edit;
    }

    /** The emergency-only kubectl equivalents of the changes. */
    public List<String> emergencyPatches() {
        return edit.emergencyPatches(namespace, deploymentName);
    }

    /** Writes the rollback's GitOps changes and appends its ledger line. */
    public void record(Session s) {
        s.record(edit.after(), event);
    }

    /** What oncall does after the rollback was written, in order. */
    public List<String> next() {
        List<String> out = new ArrayList<>();
        out.add("Commit, push and Argo CD sync.");
        out.add(
                "Check: kubectl -n "
                        + namespace
                        + " get flinkdeployment "
                        + deploymentName
                        + " -o jsonpath='{.status.lifecycleState} {.status.jobStatus.state}'"
                        + " prints STABLE RUNNING.");
        out.add(
                "Check: consumer group "
                        + prev.groupId()
                        + " has a small, falling lag; replay-tool verify shows fresh signals.");
        if (mode == Mode.MODE2) {
            out.add("Note: the derived topics were recreated; their old records are gone.");
        }
        return out;
    }

    /** Trading stays paused: what oncall sets back by hand once the checks pass. */
    public String tradingNote() {
        return "Trading stays paused. After the checks pass, set TRADING_ENABLED back to "
                + prev.tradingEnabled()
                + " in "
                + knativeService
                + " by hand.";
    }
}
