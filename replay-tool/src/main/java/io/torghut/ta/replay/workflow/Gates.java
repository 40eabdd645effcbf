package io.torghut.ta.replay.workflow;

import io.torghut.ta.replay.gitops.FileRole;
import io.torghut.ta.replay.gitops.GitOpsState;
import io.torghut.ta.replay.kafka.TopicSpec;
import io.torghut.ta.replay.ledger.LedgerEvent;
import io.torghut.ta.replay.ledger.ReplayRecord;
import io.torghut.ta.replay.operator.RestartAction;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Every check of whether a step, the plan, a rollback or a verify may go on, and the {@link
 * Refusal} that says why not and what is allowed. The commands and the other workflow classes only
 * call these; no refusal is decided anywhere else.
 *
 * <p>Static gates need no replay (the request, a file, an operator action); the instance gates
 * judge one replay against the loaded GitOps state and ledger.
 */
public final class Gates {
    /** The literal confirmation every Mode 2 step requires. */
    public static final String CONFIRMATION = "REPLAY_FROM_SCRATCH";

    private final String replayId;
    private final Optional<ReplayRecord> record;
    private final GitOpsState state;
    private final Set<String> ledgerGroupIds;
    private final Function<FileRole, String> display;
    private final StateLocation location;

    /**
     * @param replayId the replay being judged
     * @param record where it stands in the ledger (empty before its first step)
     * @param state the GitOps state now
     * @param ledgerGroupIds every group id the ledger has seen
     * @param display a file's path as shown in messages
     */
    public Gates(
            String replayId,
            Optional<ReplayRecord> record,
            GitOpsState state,
            Set<String> ledgerGroupIds,
            Function<FileRole, String> display) {
        this.replayId = Objects.requireNonNull(replayId);
        this.record = Objects.requireNonNull(record);
        this.state = Objects.requireNonNull(state);
        this.ledgerGroupIds = Set.copyOf(ledgerGroupIds);
        this.display = Objects.requireNonNull(display);
        this.location = StateLocation.of(state);
    }

    /** The gates of {@code replayId} against a loaded session. */
    public static Gates of(Session s, String replayId) {
        return new Gates(
                replayId, s.replay(replayId), s.state(), s.ledger().usedGroupIds(), s::display);
    }

    // --- The request, before any file is read.

    /** Mode 2 deletes topics and state: only with the literal confirmation and a ticket. */
    public static void mode2Approved(String confirmation, String ticket) {
        if (!CONFIRMATION.equals(confirmation)) {
            throw new Refusal(
                    "Mode 2 deletes derived topics and Flink state: pass --confirm "
                            + CONFIRMATION
                            + " (exactly) after explicit human approval.");
        }
        if (ticket == null) {
            throw new Refusal("Mode 2 needs --ticket with the ticket or incident id.");
        }
    }

    /** A step number the mode does not have is a usage error. */
    public static void stepExists(Mode mode, int step) {
        int total = mode.steps().size();
        if (step < 1 || step > total) {
            throw new Refusal(
                    "--step " + step + " does not exist: " + mode.id() + " has steps 1 to " + total,
                    ExitCodes.USAGE);
        }
    }

    // --- The files.

    /** A manifest that declares a namespace must declare the one the command targets. */
    public static void namespaceMatches(String namespace, String declared, String file) {
        if (declared != null && !declared.equals(namespace)) {
            throw new Refusal(
                    "wrong namespace: --namespace is '"
                            + namespace
                            + "' but "
                            + file
                            + " declares '"
                            + declared
                            + "'. Allowed: the namespace the manifests declare.");
        }
    }

    /**
     * The kustomization beside the FlinkDeployment must patch it only in ways the tool can read and
     * never in the fields it edits: {@code problems} lists where it does otherwise.
     */
    public static void kustomizePatchesReadable(List<String> problems) {
        if (!problems.isEmpty()) {
            throw new Refusal(
                    "kustomize patches of the FlinkDeployment: "
                            + String.join("; ", problems)
                            + ".");
        }
    }

    // --- What the manifests ask of the operator, before any step.

    /**
     * The upgrade mode the job runs in outside a replay (PREV) must be one the operator accepts for
     * this manifest: {@code last-state} needs HA. The operator's validator rejects a
     * FlinkDeployment with {@code upgradeMode: last-state} whose configuration has no HA ("Job
     * could not be upgraded with last-state while HA disabled", operator 1.10, the API this tool
     * models), and that configuration is the manifest's flinkConfiguration laid over the operator's
     * own defaults. The steady-state step and a rollback before the restart write that mode back,
     * so the operator would reject the very spec that ends the replay.
     *
     * @param operatorProvidesHa oncall says the operator's default configuration sets HA
     */
    public static void upgradeModeAccepted(
            GitOpsState state, Prev prev, boolean operatorProvidesHa, String file) {
        Optional<String> problem = upgradeModeProblem(state, prev, operatorProvidesHa, file);
        if (problem.isPresent()) {
            throw new Refusal(
                    problem.get()
                            + " Allowed: add high-availability.type: kubernetes and"
                            + " high-availability.storageDir to flinkConfiguration, or, if the"
                            + " operator's own default configuration sets high-availability.type,"
                            + " pass --operator-provides-ha.");
        }
    }

    /**
     * Why the operator rejects the PREV upgrade mode of this manifest ({@link
     * #upgradeModeAccepted}), or empty when it accepts it. Rollback prints it instead of refusing:
     * a rollback must stay possible, and oncall must know the operator may not act on it.
     */
    public static Optional<String> upgradeModeProblem(
            GitOpsState state, Prev prev, boolean operatorProvidesHa, String file) {
        if (!"last-state".equals(prev.upgradeMode())
                || state.highAvailability().isPresent()
                || operatorProvidesHa) {
            return Optional.empty();
        }
        return Optional.of(
                "last-state without HA: "
                        + file
                        + " runs the job in upgradeMode last-state (the mode the steady-state step"
                        + " and rollback write back) but its flinkConfiguration sets no"
                        + " high-availability.type. The operator's validator rejects last-state"
                        + " when the configuration it deploys has no HA (its message: 'Job could"
                        + " not be upgraded with last-state while HA disabled'; Job Management"
                        + " docs: last-state needs checkpointing and HA, and restores through the"
                        + " HA metadata), and a rejected spec is not applied.");
    }

    /**
     * The state directories must be known and agree between the ConfigMap and the FlinkDeployment
     * (a replay records a restore path under them, rollback redeploys from it, Mode 2 backs them up
     * and wipes them); Mode 2 also needs them where the checkpoints scripts act: {@code
     * <prefix>/checkpoints} and {@code <prefix>/savepoints}.
     */
    public static void stateLocationUsable(StateLocation location, Mode mode) {
        if (!location.problems().isEmpty()) {
            throw new Refusal(
                    "the state directories disagree: "
                            + String.join("; ", location.problems())
                            + ". The job, this tool and the checkpoints scripts read them by one"
                            + " rule (docs/runbook-replay.md, State directories): make the"
                            + " ConfigMap and the FlinkDeployment name the same directories.");
        }
        if (!location.checkpoints().known()) {
            throw new Refusal(
                    "no checkpoint directory: neither TA_CHECKPOINT_DIR in the ConfigMap nor "
                            + String.join(" or ", StateLocation.CHECKPOINT_KEYS)
                            + " in the FlinkDeployment says where the job's checkpoints are. Set"
                            + " TA_CHECKPOINT_DIR to the state prefix, the parent of checkpoints/"
                            + " and savepoints/.");
        }
        if (mode == Mode.MODE2 && !location.scriptsCoverIt()) {
            throw new Refusal(
                    "Mode 2 backs up, wipes and restores <prefix>/checkpoints and"
                            + " <prefix>/savepoints with the checkpoints scripts, but the state"
                            + " prefix is "
                            + location.prefix()
                            + ", checkpoints are in "
                            + location.checkpoints().dir()
                            + " ("
                            + location.checkpoints().source()
                            + ") and savepoints in "
                            + location.savepoints().dir()
                            + " ("
                            + location.savepoints().source()
                            + "). Set TA_CHECKPOINT_DIR to the prefix and TA_SAVEPOINT_DIR to"
                            + " <prefix>/savepoints.");
        }
    }

    /**
     * What oncall must know about how the operator treats this manifest, printed before any step
     * and in the plan: none of it stops a replay, all of it changes what a failure during one does.
     * Empty for a manifest with HA.
     *
     * @param operatorProvidesHa oncall says the operator's default configuration sets HA
     */
    public static List<String> manifestWarnings(
            GitOpsState state, Prev prev, boolean operatorProvidesHa) {
        if (state.highAvailability().isPresent() || operatorProvidesHa) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        if ("savepoint".equals(prev.upgradeMode())) {
            String initial = state.initialSavepointPath();
            out.add(
                    "upgradeMode savepoint without HA (no high-availability.type in"
                            + " flinkConfiguration). Without HA nothing outside the JobManager"
                            + " records the latest checkpoint (Flink's High Availability docs:"
                            + " HA is what lets a cluster recover from a JobManager failure), and"
                            + " the operator recovers a lost JobManager deployment and falls back"
                            + " to the last checkpoint in a savepoint upgrade only with HA (Job"
                            + " Management docs). So if the JobManager pod fails, the job is"
                            + " submitted again from the savepoint it was deployed with ("
                            + (initial == null
                                    ? "none: spec.job.initialSavepointPath is not set, so from"
                                            + " empty state"
                                    : "spec.job.initialSavepointPath " + initial)
                            + ") and re-reads and re-writes everything since it: duplicate Kafka"
                            + " output, ClickHouse rows replaced. The same holds while the job is"
                            + " suspended for this replay: the operator may keep the stopped"
                            + " JobManager up for kubernetes.operator.jm-deployment.shutdown-ttl"
                            + " (1 day by default), and a restart of that pod runs the job again"
                            + " while the resource still says SUSPENDED (reported as"
                            + " FLINK-41262). After the suspend step, check that no JobManager pod"
                            + " of "
                            + state.deploymentName()
                            + " runs before going on.");
            if ("false"
                    .equalsIgnoreCase(
                            state.flinkConfiguration()
                                    .getOrDefault(
                                            "kubernetes.operator.job.upgrade.last-state-fallback"
                                                    + ".enabled",
                                            ""))) {
                out.add(
                        "kubernetes.operator.job.upgrade.last-state-fallback.enabled is false"
                                + " (and without HA there is nothing to fall back to): the"
                                + " suspend step stops the job with a savepoint, which needs the"
                                + " job RUNNING and healthy. A failing job does not suspend; then"
                                + " stop here and fix the job first, or use Mode 2.");
            }
        }
        return out;
    }

    // --- The replay's history.

    /** A rolled-back replay's group id is spent: neither planned nor continued. */
    public void notRolledBack() {
        if (record.map(ReplayRecord::rolledBack).orElse(false)) {
            throw new Refusal(
                    "replay "
                            + replayId
                            + " was rolled back; its group id is spent. Start over with a"
                            + " new REPLAY_ID.");
        }
    }

    /**
     * Step {@code step} of {@code mode} continues this replay: not rolled back, under the ticket it
     * started with (Mode 2), in the mode it started in, and after every earlier step.
     */
    public void continues(Mode mode, int step, String ticket) {
        notRolledBack();
        if (record.isPresent()) {
            ReplayRecord r = record.get();
            if (mode == Mode.MODE2 && r.ticket() != null && !r.ticket().equals(ticket)) {
                throw new Refusal(
                        "replay "
                                + replayId
                                + " was started under ticket "
                                + r.ticket()
                                + ", not "
                                + ticket
                                + ". Use the same --ticket for every Mode 2 step.");
            }
            if (r.mode() != null && !r.mode().equals(mode.id())) {
                throw new Refusal(
                        "replay "
                                + replayId
                                + " is a "
                                + r.mode()
                                + " replay; continue it with `"
                                + r.mode()
                                + "` or start a new REPLAY_ID");
            }
        }
        for (int n = 1; n < step; n++) {
            int earlier = n;
            if (record.map(r -> !r.done(earlier)).orElse(true)) {
                throw new Refusal(
                        "step "
                                + n
                                + " ("
                                + mode.step(n).title()
                                + ") is not recorded in the ledger for "
                                + replayId
                                + ". Steps run in order: "
                                + Commands.step(mode, n, replayId, ticket));
            }
        }
    }

    /**
     * The replay group has never been used: it is neither the configured group nor in the ledger,
     * unless this replay reserved it itself. A used group has committed offsets, so the replay
     * would not start from earliest.
     */
    public void groupUnused() {
        String group = ReplayIds.groupId(replayId);
        boolean ownReservation = record.map(r -> group.equals(r.groupId())).orElse(false);
        if (ownReservation) {
            return;
        }
        if (group.equals(state.groupId())) {
            throw new Refusal(
                    "reused group id: TA_GROUP_ID is already " + group + ". Pick a new REPLAY_ID.");
        }
        if (ledgerGroupIds.contains(group)) {
            throw new Refusal(
                    "reused group id: "
                            + group
                            + " is in the replay ledger already. A replay group is never reused;"
                            + " pick a new REPLAY_ID.");
        }
    }

    /** The plan of a replay: only for one that may still run, in a group never used. */
    public void planMayRun() {
        notRolledBack();
        groupUnused();
    }

    // --- One step's preconditions.

    /**
     * What step {@code kind} needs before it changes anything: an unused group (steps that set or
     * reserve it), trading paused (all steps between the pause and the resume), the job suspended
     * (the steps that act on its state or restart it), and what earlier checks must have recorded.
     */
    public void stepMayRun(StepKind kind, ReplayContext ctx) {
        if (kind == StepKind.PAUSE_TRADING || kind == StepKind.FRESH_GROUP) {
            groupUnused();
        }
        if (kind != StepKind.PAUSE_TRADING
                && kind != StepKind.RESUME_TRADING
                && !state.tradingPaused()) {
            throw new Refusal(
                    "trading is not paused: "
                            + display.apply(FileRole.KNATIVE_SERVICE)
                            + " has TRADING_ENABLED="
                            + state.tradingEnabled()
                            + ", TRADING_LIVE_ENABLED="
                            + state.tradingLiveEnabled()
                            + ". Allowed: both false during a replay (step 1 sets them).");
        }
        switch (kind) {
            case FRESH_GROUP -> {
                jobSuspended();
                if (!record.map(ReplayRecord::windowFeasible).orElse(false)) {
                    throw new Refusal(
                            "no feasible replay window is recorded for "
                                    + replayId
                                    + ": run `replay-tool check-window --replay-id "
                                    + replayId
                                    + " --from ... --to ...` first.");
                }
            }
            case RESTART_STATELESS -> {
                jobSuspended();
                String problem = StatePaths.restorePathProblem(ctx.restorePath(), location);
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
                                    + replayId
                                    + ": run `replay-tool verify --replay-id "
                                    + replayId
                                    + " ...` until it passes.");
                }
            }
            case BACKUP_VERIFY, RECREATE_TOPICS -> jobSuspended();
            case WIPE_STATE -> {
                jobSuspended();
                if (record.map(ReplayRecord::backup).isEmpty()) {
                    throw new Refusal(
                            "no verified backup is recorded for "
                                    + replayId
                                    + ": the wipe needs mode2 --step 3 --backup-manifest first.");
                }
            }
            default -> {}
        }
    }

    private void jobSuspended() {
        if (!"suspended".equals(state.jobState())) {
            throw new Refusal(
                    "the TA job is not suspended (spec.job.state is "
                            + state.jobState()
                            + "). Allowed: suspended, set by the suspend step.");
        }
    }

    /**
     * The restart step's generated change must make the operator restart with empty state, the
     * steady-state step's must not restart at all; other steps are not restricted here.
     */
    public static void restartAsIntended(StepKind kind, RestartAction action) {
        if (kind != StepKind.RESTART_STATELESS && kind != StepKind.STEADY_STATE) {
            return;
        }
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

    // --- Mode 2's backup and topics.

    /** The backup step needs the local copy of the manifest the scripts wrote. */
    public void backupManifestGiven(Path manifest, ReplayContext ctx) {
        backupManifestGiven(manifest, ctx, null);
    }

    /**
     * The backup step needs the local copy of the manifest the scripts wrote; the fetch command the
     * refusal prints talks to {@code s3Endpoint} (null: the aws CLI's own).
     */
    public void backupManifestGiven(Path manifest, ReplayContext ctx, String s3Endpoint) {
        if (manifest == null) {
            throw new Refusal(
                    "--backup-manifest is required: run "
                            + Commands.script("backup-state", replayId, ctx.statePrefix(), "")
                            + ", then fetch the local copy of "
                            + ctx.backupPrefix()
                            + "/manifest.json it writes, e.g. aws"
                            + (s3Endpoint == null ? "" : " --endpoint-url " + s3Endpoint)
                            + " s3 cp "
                            + StatePaths.forAwsCli(ctx.backupPrefix())
                            + "/manifest.json ./manifest-"
                            + replayId
                            + ".json");
        }
    }

    /** The backup step records the restore path rollback redeploys from: it must be usable. */
    public void backupRestorePath(String restorePath) {
        String problem = StatePaths.restorePathProblem(restorePath, location);
        if (problem != null) {
            throw new Refusal(problem + ". Pass --restore-path (rollback redeploys from it).");
        }
    }

    /** The manifest must prove a usable backup: {@code problems} lists why it does not. */
    public static void backupVerified(List<String> problems) {
        if (!problems.isEmpty()) {
            throw new Refusal(
                    "unverified backup: "
                            + String.join("; ", problems)
                            + ". Re-run the checkpoints scripts' backup and verify.");
        }
    }

    /** A recreated topic must come back exactly as it was described before the delete. */
    public static void topicRecreatedAsBefore(TopicSpec before, TopicSpec now) {
        if (!now.equals(before)) {
            throw new Refusal(
                    "recreated topic differs: was " + before + ", now " + now,
                    ExitCodes.CHECK_FAILED);
        }
    }

    // --- Rollback.

    /** The replay to roll back: one whose first step recorded the PREV values. */
    public ReplayRecord rollbackRecord() {
        return record.filter(r -> r.prev() != null)
                .orElseThrow(
                        () ->
                                new Refusal(
                                        "nothing to roll back: the ledger has no steps of "
                                                + replayId));
    }

    /**
     * A rollback after Mode 2's wipe needs the backup copied back; one after the restart needs the
     * job running in the file, because a savepoint redeploy requested together with a resume goes
     * through the resume path and can start from empty state.
     */
    public void rollbackMayRun(boolean wiped, boolean restarted, boolean backupRestored) {
        ReplayRecord r = rollbackRecord();
        if (wiped && !backupRestored) {
            throw new Refusal(
                    "the state was wiped: first copy "
                            + StatePaths.forAwsCli(r.backup().prefix())
                            + "/checkpoints and /savepoints back with "
                            + Commands.script(
                                    "restore-state",
                                    replayId,
                                    StatePaths.parentOfBackup(r.backup().prefix()),
                                    "")
                            + " (it checks every object against the manifest), then re-run with"
                            + " --confirm-backup-restored.");
        }
        if (restarted && !"running".equals(state.jobState())) {
            throw new Refusal(
                    "the job restarted for the replay and is now "
                            + state.jobState()
                            + ": a savepoint redeploy requested while suspended is handled as a"
                            + " resume and can start from empty state (FLINK-40470). Set"
                            + " spec.job.state: running first, sync, then run rollback again.");
        }
    }

    /**
     * The rollback change must bring the previous state back: a redeploy from the recorded path
     * after the restart; before it, a resume on the kept state (or nothing, for a job that was not
     * running).
     */
    public static void rollbackRestoresPreviousState(
            RestartAction action, boolean restarted, String restorePath, Prev prev) {
        boolean ok;
        if (restarted) {
            ok = action.equals(new RestartAction.SavepointRedeploy(restorePath));
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

    // --- Verify.

    /**
     * Parity compares the rows written since the restart: without {@code --replayed-since} the
     * ledger must hold the restart step's time.
     */
    public static Instant replayedSince(Instant given, Optional<ReplayRecord> record) {
        if (given != null) {
            return given;
        }
        return record.flatMap(r -> r.timeOf(StepKind.RESTART_STATELESS.action()))
                .map(Instant::parse)
                .orElseThrow(
                        () ->
                                new Refusal(
                                        "--baseline needs --replayed-since or a recorded restart"
                                                + " step"));
    }

    // --- Optimize (Mode 1's optional merge of the replay window).

    /**
     * The merges run only for a Mode 1 replay that restarted, caught up (its verify after the
     * restart passed; merging while the replay still writes leaves new copies behind) and was not
     * rolled back; they cover the window its window check recorded, and nothing else.
     *
     * @return the window [from, to) to merge
     */
    public static Instant[] optimizeAllowed(String replayId, Optional<ReplayRecord> record) {
        ReplayRecord r =
                record.orElseThrow(
                        () ->
                                new Refusal(
                                        "optimize: the ledger has no replay "
                                                + replayId
                                                + "; it merges only a Mode 1 replay's window"));
        if (!"mode1".equals(r.mode())) {
            throw new Refusal(
                    "optimize: replay "
                            + replayId
                            + " is "
                            + (r.mode() == null ? "not started" : r.mode())
                            + "; only a Mode 1 replay's window is merged");
        }
        if (r.rolledBack()) {
            throw new Refusal(
                    "optimize: replay " + replayId + " was rolled back; there is nothing to merge");
        }
        if (!r.done(Mode.MODE1.numberOf(StepKind.RESTART_STATELESS))) {
            throw new Refusal(
                    "optimize: replay "
                            + replayId
                            + " has not restarted (step "
                            + Mode.MODE1.numberOf(StepKind.RESTART_STATELESS)
                            + "), so it wrote no copies yet");
        }
        if (!r.verifyPassed()) {
            throw new Refusal(
                    "optimize: replay "
                            + replayId
                            + " has no passed verify since its restart: merge once it has caught"
                            + " up (verify --replay-id "
                            + replayId
                            + "), or the replay's later rows are copies again",
                    ExitCodes.REFUSED);
        }
        LedgerEvent.WindowRecord w =
                r.window()
                        .orElseThrow(
                                () ->
                                        new Refusal(
                                                "optimize: replay "
                                                        + replayId
                                                        + " has no recorded window check; the"
                                                        + " merges cover only its window"));
        return new Instant[] {Instant.parse(w.from()), Instant.parse(w.to())};
    }
}
