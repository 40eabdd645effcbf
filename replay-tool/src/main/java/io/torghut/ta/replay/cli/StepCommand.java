package io.torghut.ta.replay.cli;

import io.torghut.ta.replay.gitops.Change;
import io.torghut.ta.replay.ledger.Ledger;
import io.torghut.ta.replay.workflow.Commands;
import io.torghut.ta.replay.workflow.ExitCodes;
import io.torghut.ta.replay.workflow.Gates;
import io.torghut.ta.replay.workflow.Session;
import io.torghut.ta.replay.workflow.StepDecision;
import io.torghut.ta.replay.workflow.StepGuide;
import io.torghut.ta.replay.workflow.StepKind;
import io.torghut.ta.replay.workflow.StepPlan;
import io.torghut.ta.replay.workflow.StepRequest;
import io.torghut.ta.replay.workflow.TaStorage;
import io.torghut.ta.replay.workflow.VerifiedBackup;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.List;

/**
 * What {@code mode1} and {@code mode2} do once their options are parsed: ask the workflow whether
 * and how the step runs, print it, let the workflow perform and record it, and print what to do
 * next. Shared so both modes print the same way; every decision is the workflow's.
 */
final class StepCommand {
    private final GitOpsOptions gitops;
    private final Clock clock;
    private final PrintWriter out;

    StepCommand(GitOpsOptions gitops, Clock clock, PrintWriter out) {
        this.gitops = gitops;
        this.clock = clock;
        this.out = out;
    }

    int run(StepRequest req) {
        Session s = gitops.open();
        StepKind kind = req.kind();
        out.printf(
                "REPLAY %s: %s step %d/%d - %s%n",
                req.replayId(),
                req.mode().id(),
                req.step(),
                req.mode().steps().size(),
                kind.title());
        out.println("Why: " + StepGuide.why(kind));
        for (String warning :
                Gates.manifestWarnings(
                        s.state(), s.prev(req.replayId()), req.operatorProvidesHa())) {
            out.println("WARNING: " + warning);
        }

        StepDecision decision = StepDecision.decide(s, req, clock.instant());
        if (decision instanceof StepDecision.AlreadyRecorded done) {
            out.println(
                    "Already recorded in the ledger: nothing to do. Next: " + done.nextCommand());
            return ExitCodes.OK;
        }
        StepDecision.Run run = (StepDecision.Run) decision;
        StepPlan plan = run.plan();
        boolean performedByTheTool = false;
        switch (kind) {
            case BACKUP_VERIFY -> {
                VerifiedBackup backup = VerifiedBackup.check(s, run);
                out.printf(
                        "Backup verified: %d objects, %d bytes at %s (verified %s).%n",
                        backup.manifest().objects().size(),
                        backup.manifest().totalBytes(),
                        backup.prefix(),
                        backup.manifest().verifiedAt());
                run = run.withBackup(backup);
            }
            case RECREATE_TOPICS ->
                    performedByTheTool = new KafkaTopicStep(out).run(s, run, gitops.dryRun());
            case WIPE_STATE -> printWipe(s, run);
            default -> {}
        }
        printChanges(s, plan);
        if (gitops.dryRun()) {
            out.println("Ledger line (not written): " + Ledger.toLine(run.event()));
            out.println("DRY RUN: nothing written. Run again without --dry-run to write it.");
            return ExitCodes.OK;
        }
        if (!run.mayRecord(performedByTheTool)) {
            return ExitCodes.OK;
        }
        run.record(s);
        out.printf(
                "Wrote %d file(s); appended 1 line to %s.%n",
                plan.edit().filesChanged(), s.ledgerDisplay());
        out.println("Next:");
        numbered(plan.next());
        return ExitCodes.OK;
    }

    private void printWipe(Session s, StepDecision.Run run) {
        StepRequest req = run.request();
        out.println("Run (destructive; backup/" + req.replayId() + "/ stays):");
        out.println("  " + Commands.wipeState(req.replayId(), req.ticket(), s.statePrefix()));
        String endpoint = TaStorage.s3Endpoint(s.texts()).orElse(null);
        out.println(
                "  (it re-checks the backup against the live state first; without the scripts,"
                        + " these delete the same directories and check nothing, run where "
                        + (endpoint == null
                                ? "the bucket is reachable; the ConfigMap sets no"
                                        + " TA_S3_ENDPOINT, so add --endpoint-url if it is not on"
                                        + " AWS S3"
                                : endpoint + " is reachable")
                        + ":)");
        for (String c :
                Commands.wipeByHand(
                        endpoint,
                        List.of(
                                s.stateLocation().checkpoints().dir(),
                                s.stateLocation().savepoints().dir()))) {
            out.println("  " + c);
        }
        if (!req.recordDone()) {
            out.println("Then record it: " + run.plan().recordDoneCommand());
        }
    }

    private void printChanges(Session s, StepPlan plan) {
        List<Change> changes = plan.edit().changes();
        if (changes.isEmpty()) {
            out.println("GitOps changes: none.");
            return;
        }
        out.println("GitOps changes:");
        for (Change c : changes) {
            out.println("  " + c.describe(s.files()));
        }
        plan.edit().operatorAction().ifPresent(a -> out.println("Operator action: " + a));
        for (String patch :
                plan.edit()
                        .emergencyPatches(
                                plan.context().namespace(), plan.context().deploymentName())) {
            out.println("Emergency only (reconcile GitOps right after): " + patch);
        }
    }

    private void numbered(List<String> items) {
        int n = 1;
        for (String item : items) {
            out.printf("  %d. %s%n", n++, item);
        }
    }
}
