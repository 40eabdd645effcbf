package io.torghut.ta.replay.cli;

import io.torghut.ta.replay.backup.BackupManifest;
import io.torghut.ta.replay.gitops.Change;
import io.torghut.ta.replay.gitops.FileRole;
import io.torghut.ta.replay.gitops.Texts;
import io.torghut.ta.replay.ledger.Ledger;
import io.torghut.ta.replay.ledger.LedgerEvent;
import io.torghut.ta.replay.ledger.ReplayRecord;
import io.torghut.ta.replay.operator.ManifestModel;
import io.torghut.ta.replay.operator.OperatorRestartSemantics;
import io.torghut.ta.replay.operator.RestartAction;
import io.torghut.ta.replay.workflow.MergePatches;
import io.torghut.ta.replay.workflow.Mode;
import io.torghut.ta.replay.workflow.Prev;
import io.torghut.ta.replay.workflow.ReplayContext;
import io.torghut.ta.replay.workflow.StatePaths;
import io.torghut.ta.replay.workflow.StepGuide;
import io.torghut.ta.replay.workflow.StepKind;
import io.torghut.ta.replay.workflow.Workflow;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Runs one step of Mode 1 or Mode 2: checks the gates, prints what will change, writes the GitOps
 * files and the ledger line, and prints what to check next. Shared by the two mode commands so both
 * enforce the same gates.
 */
final class StepRunner {
    private final GitOpsOptions opts;
    private final Clock clock;
    private final PrintWriter out;
    private final TopicStep topics;

    StepRunner(GitOpsOptions opts, Clock clock, PrintWriter out, TopicStep topics) {
        this.opts = opts;
        this.clock = clock;
        this.out = out;
        this.topics = topics;
    }

    int run(StepRequest req) {
        Mode mode = req.mode();
        int total = mode.steps().size();
        if (req.step() < 1 || req.step() > total) {
            throw new Refusal(
                    "--step "
                            + req.step()
                            + " does not exist: "
                            + mode.id()
                            + " has steps 1 to "
                            + total,
                    ExitCodes.USAGE);
        }
        StepKind kind = mode.step(req.step());
        Session s = Session.open(opts);
        Optional<ReplayRecord> record = s.replay(req.replayId());
        out.printf(
                "REPLAY %s: %s step %d/%d - %s%n",
                req.replayId(), mode.id(), req.step(), total, kind.title());
        out.println("Why: " + StepGuide.why(kind));

        checkOrder(mode, req, record);
        if (record.isPresent() && record.get().done(req.step())) {
            out.println(
                    "Already recorded in the ledger: nothing to do. Next: "
                            + nextCommand(mode, req.step() + 1, req));
            return ExitCodes.OK;
        }
        Prev prev = s.prev(req.replayId());
        String restorePath =
                req.restorePath() != null
                        ? req.restorePath()
                        : record.map(ReplayRecord::restorePath).orElse(null);
        ReplayContext ctx = s.context(req.replayId(), restorePath, opts.namespace());

        checkGates(kind, req, s, record, ctx);

        List<Change> changes = Workflow.changes(kind, s.texts, prev, ctx);
        Texts after = s.texts.applyAll(changes);
        guardRestartSemantics(kind, s.texts, after);

        LedgerEvent event =
                LedgerEvent.step(
                                clock.instant().toString(),
                                req.replayId(),
                                mode.id(),
                                req.step(),
                                kind.action())
                        .withTicket(req.ticket());
        if (req.step() == 1) {
            event = event.withPrev(prev.toMap()).withGroupId(ctx.groupId());
        }
        if (kind == StepKind.FRESH_GROUP) {
            event = event.withGroupId(ctx.groupId());
        }
        if (req.restorePath() != null
                && (kind == StepKind.RESTART_STATELESS || kind == StepKind.BACKUP_VERIFY)) {
            event = event.withRestorePath(req.restorePath());
        }

        boolean mayRecord = true;
        switch (kind) {
            case BACKUP_VERIFY -> event = event.withBackup(verifyBackup(req, s, ctx));
            case RECREATE_TOPICS -> mayRecord = topics.run(req, s, out, opts.dryRun());
            case WIPE_STATE -> mayRecord = printWipe(req, s, ctx);
            default -> {}
        }
        printChanges(changes, s, ctx);
        if (opts.dryRun()) {
            out.println("Ledger line (not written): " + Ledger.toLine(event));
            out.println("DRY RUN: nothing written. Run again without --dry-run to write it.");
            return ExitCodes.OK;
        }
        if (!mayRecord) {
            return ExitCodes.OK;
        }
        s.files.write(s.texts, after);
        s.ledger.append(event);
        out.printf(
                "Wrote %d file(s); appended 1 line to %s.%n",
                changes.stream().map(c -> c.field().role()).distinct().count(),
                s.files.display(s.files.ledger()));
        printNext(mode, kind, req, ctx, !changes.isEmpty());
        return ExitCodes.OK;
    }

    private void checkOrder(Mode mode, StepRequest req, Optional<ReplayRecord> record) {
        if (record.isPresent()) {
            ReplayRecord r = record.get();
            if (r.rolledBack()) {
                throw new Refusal(
                        "replay "
                                + req.replayId()
                                + " was rolled back; its group id is spent. Start over with a"
                                + " new REPLAY_ID.");
            }
            if (mode == Mode.MODE2 && r.ticket() != null && !r.ticket().equals(req.ticket())) {
                throw new Refusal(
                        "replay "
                                + req.replayId()
                                + " was started under ticket "
                                + r.ticket()
                                + ", not "
                                + req.ticket()
                                + ". Use the same --ticket for every Mode 2 step.");
            }
            if (r.mode() != null && !r.mode().equals(mode.id())) {
                throw new Refusal(
                        "replay "
                                + req.replayId()
                                + " is a "
                                + r.mode()
                                + " replay; continue it with `"
                                + r.mode()
                                + "` or start a new REPLAY_ID");
            }
        }
        for (int i = 1; i < req.step(); i++) {
            int n = i;
            if (record.map(r -> !r.done(n)).orElse(true)) {
                throw new Refusal(
                        "step "
                                + n
                                + " ("
                                + mode.step(n).title()
                                + ") is not recorded in the ledger for "
                                + req.replayId()
                                + ". Steps run in order: "
                                + nextCommand(mode, n, req));
            }
        }
    }

    private void checkGates(
            StepKind kind,
            StepRequest req,
            Session s,
            Optional<ReplayRecord> record,
            ReplayContext ctx) {
        if (kind == StepKind.PAUSE_TRADING || kind == StepKind.FRESH_GROUP) {
            checkGroupUnused(s, record, ctx);
        }
        if (kind != StepKind.PAUSE_TRADING
                && kind != StepKind.RESUME_TRADING
                && !s.state.tradingPaused()) {
            throw new Refusal(
                    "trading is not paused: "
                            + s.files.display(FileRole.KNATIVE_SERVICE)
                            + " has TRADING_ENABLED="
                            + s.state.tradingEnabled()
                            + ", TRADING_LIVE_ENABLED="
                            + s.state.tradingLiveEnabled()
                            + ". Allowed: both false during a replay (step 1 sets them).");
        }
        switch (kind) {
            case FRESH_GROUP -> {
                requireSuspended(s);
                if (!record.map(ReplayRecord::windowFeasible).orElse(false)) {
                    throw new Refusal(
                            "no feasible replay window is recorded for "
                                    + req.replayId()
                                    + ": run `replay-tool check-window --replay-id "
                                    + req.replayId()
                                    + " --from ... --to ...` first.");
                }
            }
            case RESTART_STATELESS -> {
                requireSuspended(s);
                String problem =
                        StatePaths.restorePathProblem(
                                ctx.restorePath(), s.state.checkpointDir(), s.state.savepointDir());
                if (problem != null) {
                    throw new Refusal(
                            problem
                                    + ". Pass --restore-path with the newest retained checkpoint"
                                    + " or savepoint (see step 2's checks); rollback needs it.");
                }
            }
            case STEADY_STATE, RESUME_TRADING -> {
                if (!record.map(ReplayRecord::verifyPassed).orElse(false)) {
                    throw new Refusal(
                            "no passing verify is recorded for "
                                    + req.replayId()
                                    + ": run `replay-tool verify --replay-id "
                                    + req.replayId()
                                    + " ...` until it passes.");
                }
            }
            case BACKUP_VERIFY, RECREATE_TOPICS -> requireSuspended(s);
            case WIPE_STATE -> {
                requireSuspended(s);
                if (record.map(ReplayRecord::backup).isEmpty()) {
                    throw new Refusal(
                            "no verified backup is recorded for "
                                    + req.replayId()
                                    + ": the wipe needs mode2 --step 3 --backup-manifest first.");
                }
            }
            default -> {}
        }
    }

    private void checkGroupUnused(Session s, Optional<ReplayRecord> record, ReplayContext ctx) {
        String group = ctx.groupId();
        boolean ownReservation = record.map(r -> group.equals(r.groupId())).orElse(false);
        if (group.equals(s.state.groupId()) && !ownReservation) {
            throw new Refusal(
                    "reused group id: TA_GROUP_ID is already " + group + ". Pick a new REPLAY_ID.");
        }
        if (s.ledger.usedGroupIds().contains(group) && !ownReservation) {
            throw new Refusal(
                    "reused group id: "
                            + group
                            + " is in the replay ledger already. A replay group is never reused;"
                            + " pick a new REPLAY_ID.");
        }
    }

    private static void requireSuspended(Session s) {
        if (!"suspended".equals(s.state.jobState())) {
            throw new Refusal(
                    "the TA job is not suspended (spec.job.state is "
                            + s.state.jobState()
                            + "). Allowed: suspended, set by the suspend step.");
        }
    }

    /** Refuses a restart step whose generated spec would not come back the intended way. */
    private static void guardRestartSemantics(StepKind kind, Texts before, Texts after) {
        if (kind != StepKind.RESTART_STATELESS && kind != StepKind.STEADY_STATE) {
            return;
        }
        RestartAction action =
                OperatorRestartSemantics.actionFor(
                        ManifestModel.parse(before.text(FileRole.FLINK_DEPLOYMENT))
                                .deployment()
                                .getSpec(),
                        ManifestModel.parse(after.text(FileRole.FLINK_DEPLOYMENT))
                                .deployment()
                                .getSpec());
        boolean ok =
                kind == StepKind.RESTART_STATELESS
                        ? action.startsEmpty()
                        : action instanceof RestartAction.None;
        if (!ok) {
            throw new Refusal(
                    "the generated FlinkDeployment change would make the operator do "
                            + action
                            + "; this step needs "
                            + (kind == StepKind.RESTART_STATELESS
                                    ? "a restart with empty state"
                                    : "no restart"));
        }
    }

    private LedgerEvent.BackupRecord verifyBackup(StepRequest req, Session s, ReplayContext ctx) {
        if (req.backupManifest() == null) {
            throw new Refusal(
                    "--backup-manifest is required: run checkpoints-scripts/bin/backup-state"
                            + " --replay-id "
                            + req.replayId()
                            + ", then fetch the local copy of "
                            + ctx.backupPrefix()
                            + "/manifest.json it writes, e.g. aws s3 cp "
                            + StatePaths.forAwsCli(ctx.backupPrefix())
                            + "/manifest.json ./manifest-"
                            + req.replayId()
                            + ".json");
        }
        String problem =
                StatePaths.restorePathProblem(
                        req.restorePath(), s.state.checkpointDir(), s.state.savepointDir());
        if (problem != null) {
            throw new Refusal(problem + ". Pass --restore-path (rollback redeploys from it).");
        }
        BackupManifest.Loaded loaded;
        try {
            loaded = BackupManifest.load(req.backupManifest());
        } catch (IOException e) {
            throw new Refusal(
                    "cannot read the backup manifest "
                            + req.backupManifest()
                            + ": "
                            + e.getMessage(),
                    ExitCodes.BAD_INPUT_FILE);
        }
        List<String> problems =
                loaded.manifest().problems(req.replayId(), s.statePrefix, req.restorePath());
        if (!problems.isEmpty()) {
            throw new Refusal(
                    "unverified backup: "
                            + String.join("; ", problems)
                            + ". Re-run the checkpoints scripts' backup and verify.");
        }
        BackupManifest m = loaded.manifest();
        out.printf(
                "Backup verified: %d objects, %d bytes at %s (verified %s).%n",
                m.objects().size(), m.totalBytes(), ctx.backupPrefix(), m.verifiedAt());
        return new LedgerEvent.BackupRecord(
                ctx.backupPrefix(),
                loaded.sha256(),
                m.createdAt(),
                m.verifiedAt(),
                m.objects().size(),
                m.totalBytes());
    }

    private boolean printWipe(StepRequest req, Session s, ReplayContext ctx) {
        out.println("Run (destructive; backup/" + req.replayId() + "/ stays):");
        out.println(
                "  checkpoints-scripts/bin/wipe-state --replay-id "
                        + req.replayId()
                        + " --execute --confirm REPLAY_FROM_SCRATCH --ticket "
                        + req.ticket());
        out.println(
                "  (it re-checks the backup against the live state first; without the scripts,"
                        + " the runbook's equivalent is:)");
        for (String dir : List.of(s.state.checkpointDir(), s.state.savepointDir())) {
            out.println(
                    "  kubectl -n "
                            + opts.namespace()
                            + " exec <pod-with-aws-cli> -- aws --endpoint-url <s3-endpoint> s3 rm"
                            + " --recursive "
                            + StatePaths.forAwsCli(dir));
        }
        if (!req.recordDone()) {
            out.println(
                    "Then record it: "
                            + nextCommand(Mode.MODE2, req.step(), req)
                            + " --record-done");
            return false;
        }
        return true;
    }

    private void printChanges(List<Change> changes, Session s, ReplayContext ctx) {
        if (changes.isEmpty()) {
            out.println("GitOps changes: none.");
            return;
        }
        out.println("GitOps changes:");
        for (Change c : changes) {
            out.println("  " + c.describe(s.files));
        }
        for (FileRole role : FileRole.values()) {
            MergePatches.forRole(role, changes)
                    .ifPresent(
                            p ->
                                    out.println(
                                            "Emergency only (reconcile GitOps right after): "
                                                    + MergePatches.kubectlCommand(
                                                            role,
                                                            p,
                                                            ctx.namespace(),
                                                            ctx.deploymentName())));
        }
    }

    private void printNext(
            Mode mode, StepKind kind, StepRequest req, ReplayContext ctx, boolean changed) {
        out.println("Next:");
        int n = 1;
        if (changed) {
            out.printf(
                    "  %d. Commit the files and the ledger (\"replay %s: %s step %d %s\"), push,"
                            + " and Argo CD sync.%n",
                    n++, req.replayId(), mode.id(), req.step(), kind.action());
        } else {
            out.printf("  %d. Commit the ledger line and push.%n", n++);
        }
        for (String check : StepGuide.checks(kind, ctx)) {
            out.printf("  %d. Check: %s%n", n++, check);
        }
        out.printf("  %d. Stop if: %s%n", n++, StepGuide.stopIf(kind));
        if (req.step() < mode.steps().size()) {
            out.printf("  %d. Then: %s%n", n, nextCommand(mode, req.step() + 1, req));
        } else {
            out.printf("  %d. The replay is complete.%n", n);
        }
    }

    static String nextCommand(Mode mode, int step, StepRequest req) {
        if (step > mode.steps().size()) {
            return "nothing: the replay is complete";
        }
        StepKind kind = mode.step(step);
        String cmd =
                "replay-tool " + mode.id() + " --replay-id " + req.replayId() + " --step " + step;
        if (mode == Mode.MODE2) {
            cmd += " --confirm REPLAY_FROM_SCRATCH --ticket " + req.ticket();
        }
        return switch (kind) {
            case RESTART_STATELESS ->
                    mode == Mode.MODE1 ? cmd + " --restore-path <chk-or-savepoint>" : cmd;
            case BACKUP_VERIFY ->
                    cmd + " --backup-manifest <manifest.json> --restore-path <chk-or-savepoint>";
            case STEADY_STATE, RESUME_TRADING ->
                    "replay-tool verify --replay-id "
                            + req.replayId()
                            + " ... (must pass), then "
                            + cmd;
            case FRESH_GROUP ->
                    "replay-tool check-window --replay-id " + req.replayId() + " ... then " + cmd;
            default -> cmd;
        };
    }

    /** The derived-topic step, separate so tests can run it against an in-process broker. */
    interface TopicStep {
        /** Prints (and with --execute performs) the recreation; true when it may be recorded. */
        boolean run(StepRequest req, Session s, PrintWriter out, boolean dryRun);
    }
}
