package io.torghut.ta.replay.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.torghut.ta.replay.gitops.Field;
import io.torghut.ta.replay.gitops.FileRole;
import io.torghut.ta.replay.gitops.GitOpsState;
import io.torghut.ta.replay.gitops.Texts;
import io.torghut.ta.replay.kafka.TopicSpec;
import io.torghut.ta.replay.ledger.LedgerEvent;
import io.torghut.ta.replay.ledger.ReplayRecord;
import io.torghut.ta.replay.operator.RestartAction;
import io.torghut.ta.replay.testutil.GitOpsFixture;
import io.torghut.ta.replay.yaml.YamlValue;
import io.torghut.ta.testkit.ProductionFixtures;
import io.torghut.ta.testkit.ProductionFixtures.Fixture;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * Tests for {@link Gates} on its own: every refusal of a step, the plan, a rollback or a verify is
 * reached by calling the gate directly, and no other main class raises one.
 */
class GatesTest {
    static final String ID = "2026-11-23T0400Z-INC42";
    static final String GROUP = "torghut-ta-replay-" + ID;
    static final String RESTORE =
            "s3a://flink-checkpoints/torghut/technical-analysis/checkpoints/abc/chk-7";

    /** {@code new Refusal(}, also with a qualified name or a line break in between. */
    static final Pattern RAISES_REFUSAL = Pattern.compile("new\\s+([\\w.]+\\.)?Refusal\\s*\\(");

    private final Texts live = fixture();
    private final Prev prev = Prev.capture(GitOpsState.read(live));
    private final ReplayContext ctx =
            new ReplayContext(
                    ID,
                    "torghut",
                    "torghut-ta",
                    RESTORE,
                    "s3a://flink-checkpoints/torghut/technical-analysis");
    private final Texts paused = after(live, StepKind.PAUSE_TRADING);
    private final Texts suspended = after(paused, StepKind.SUSPEND);

    @Test
    void mode2NeedsTheExactConfirmationAndATicket() {
        refused(() -> Gates.mode2Approved(null, "INC-1"), "pass --confirm REPLAY_FROM_SCRATCH");
        refused(() -> Gates.mode2Approved("yes", "INC-1"), "(exactly) after explicit human");
        refused(() -> Gates.mode2Approved("REPLAY_FROM_SCRATCH", null), "Mode 2 needs --ticket");
        assertThatCode(() -> Gates.mode2Approved("REPLAY_FROM_SCRATCH", "INC-1"))
                .doesNotThrowAnyException();
    }

    @Test
    void aStepTheModeDoesNotHaveIsAUsageError() {
        refused(() -> Gates.stepExists(Mode.MODE1, 7), ExitCodes.USAGE, "has steps 1 to 6");
        refused(() -> Gates.stepExists(Mode.MODE2, 0), ExitCodes.USAGE, "has steps 1 to 9");
        assertThatCode(() -> Gates.stepExists(Mode.MODE2, 9)).doesNotThrowAnyException();
    }

    @Test
    void aManifestOfAnotherNamespaceIsRefused() {
        refused(
                () -> Gates.namespaceMatches("prod", "torghut", "ta/configmap.yaml"),
                "wrong namespace: --namespace is 'prod' but ta/configmap.yaml declares 'torghut'");
        assertThatCode(() -> Gates.namespaceMatches("prod", null, "x.yaml"))
                .doesNotThrowAnyException();
    }

    @Test
    void lastStateWithoutHaIsRefusedUnlessTheOperatorProvidesHa() {
        Texts noHa = withoutHa(live);
        Prev lastState = Prev.capture(GitOpsState.read(noHa));
        assertThat(lastState.upgradeMode()).isEqualTo("last-state");
        refused(
                () ->
                        Gates.upgradeModeAccepted(
                                GitOpsState.read(noHa),
                                lastState,
                                false,
                                "ta/flinkdeployment.yaml"),
                "last-state without HA: ta/flinkdeployment.yaml runs the job in upgradeMode"
                        + " last-state");
        refused(
                () -> Gates.upgradeModeAccepted(GitOpsState.read(noHa), lastState, false, "f"),
                "'Job could not be upgraded with last-state while HA disabled'");
        refused(
                () -> Gates.upgradeModeAccepted(GitOpsState.read(noHa), lastState, false, "f"),
                "pass --operator-provides-ha");
        assertThat(Gates.upgradeModeProblem(GitOpsState.read(noHa), lastState, false, "f"))
                .isPresent();
        assertThatCode(
                        () ->
                                Gates.upgradeModeAccepted(
                                        GitOpsState.read(noHa), lastState, true, "f"))
                .doesNotThrowAnyException();
        assertThatCode(() -> Gates.upgradeModeAccepted(GitOpsState.read(live), prev, false, "f"))
                .doesNotThrowAnyException();
        // "NONE" is Flink's way of saying no HA.
        String noneHa =
                live.text(FileRole.FLINK_DEPLOYMENT)
                        .replace("high-availability.type: kubernetes", "high-availability: NONE");
        assertThat(GitOpsState.read(withFlinkDeployment(live, noneHa)).highAvailability())
                .isEmpty();
    }

    @Test
    void savepointWithoutHaIsWarnedWithWhatAJobManagerFailureDoes() {
        Texts production = production();
        GitOpsState state = GitOpsState.read(production);
        Prev savepoint = Prev.capture(state);
        assertThatCode(() -> Gates.upgradeModeAccepted(state, savepoint, false, "f"))
                .doesNotThrowAnyException();
        List<String> warnings = Gates.manifestWarnings(state, savepoint, false);
        assertThat(warnings).hasSize(2);
        assertThat(warnings.get(0))
                .startsWith("upgradeMode savepoint without HA")
                .contains(
                        "submitted again from the savepoint it was deployed with"
                                + " (spec.job.initialSavepointPath s3a://flink-checkpoints/torghut/"
                                + "technical-analysis/savepoints/savepoint-437918-85237d1073d0)"
                                + " and re-reads and re-writes everything since it")
                .contains("FLINK-41262")
                .contains("no JobManager pod of torghut-ta runs");
        assertThat(warnings.get(1))
                .startsWith("kubernetes.operator.job.upgrade.last-state-fallback.enabled is false");
        assertThat(Gates.manifestWarnings(state, savepoint, true)).isEmpty();
        assertThat(Gates.manifestWarnings(GitOpsState.read(live), prev, false)).isEmpty();
    }

    @Test
    void theStateDirectoriesMustBeKnownAndAgree() {
        String prefix = "s3a://flink-checkpoints/torghut/technical-analysis";
        StateLocation agree = StateLocation.resolve(prefix, prefix + "/savepoints", Map.of());
        assertThatCode(() -> Gates.stateLocationUsable(agree, Mode.MODE2))
                .doesNotThrowAnyException();
        StateLocation disagree =
                StateLocation.resolve(
                        prefix,
                        prefix + "/savepoints",
                        Map.of("state.checkpoints.dir", "s3a://x/y"));
        refused(
                () -> Gates.stateLocationUsable(disagree, Mode.MODE1),
                "the state directories disagree: checkpoints: the job writes them to " + prefix);
        refused(
                () ->
                        Gates.stateLocationUsable(
                                StateLocation.resolve(null, null, Map.of()), Mode.MODE1),
                "no checkpoint directory: neither TA_CHECKPOINT_DIR in the ConfigMap nor"
                        + " execution.checkpointing.dir or state.checkpoints.dir or"
                        + " state.backend.fs.checkpointdir in the FlinkDeployment");
        StateLocation elsewhere =
                StateLocation.resolve(prefix, "s3a://flink-checkpoints/elsewhere", Map.of());
        assertThatCode(() -> Gates.stateLocationUsable(elsewhere, Mode.MODE1))
                .doesNotThrowAnyException();
        refused(
                () -> Gates.stateLocationUsable(elsewhere, Mode.MODE2),
                "Mode 2 backs up, wipes and restores <prefix>/checkpoints and <prefix>/savepoints"
                        + " with the checkpoints scripts, but the state prefix is "
                        + prefix);
    }

    @Test
    void aKustomizePatchTheToolCannotWorkWithIsRefused() {
        refused(
                () -> Gates.kustomizePatchesReadable(List.of("p.yaml sets spec.job.state")),
                "kustomize patches of the FlinkDeployment: p.yaml sets spec.job.state.");
        assertThatCode(() -> Gates.kustomizePatchesReadable(List.of())).doesNotThrowAnyException();
    }

    @Test
    void aRolledBackReplayIsNeitherPlannedNorContinued() {
        Gates g = gates(paused, Set.of(), step(1, "mode1", null), rollback());
        refused(g::planMayRun, "was rolled back; its group id is spent");
        refused(() -> g.continues(Mode.MODE1, 2, null), "was rolled back");
    }

    @Test
    void stepsContinueTheReplayInItsModeUnderItsTicketAndInOrder() {
        Gates mode2 = gates(paused, Set.of(), step(1, "mode2", "INC-1"));
        refused(
                () -> mode2.continues(Mode.MODE2, 2, "INC-2"),
                "was started under ticket INC-1, not INC-2");
        refused(() -> mode2.continues(Mode.MODE1, 2, null), "is a mode2 replay");
        assertThatCode(() -> mode2.continues(Mode.MODE2, 2, "INC-1")).doesNotThrowAnyException();
        Gates mode1 = gates(paused, Set.of(), step(1, "mode1", null));
        refused(
                () -> mode1.continues(Mode.MODE1, 3, null),
                "step 2 (Suspend the TA job) is not recorded in the ledger for "
                        + ID
                        + ". Steps run in order: replay-tool mode1 --replay-id "
                        + ID
                        + " --step 2");
        refused(() -> gates(live, Set.of()).continues(Mode.MODE1, 2, null), "step 1 (Pause");
    }

    @Test
    void aGroupUsedBeforeIsRefusedByPlanAndStepsAlike() {
        Texts configured = live.apply(live.change(Field.GROUP_ID, YamlValue.str(GROUP)));
        Gates inFiles = gates(configured, Set.of());
        refused(inFiles::planMayRun, "reused group id: TA_GROUP_ID is already " + GROUP);
        refused(() -> inFiles.stepMayRun(StepKind.PAUSE_TRADING, ctx), "TA_GROUP_ID is already");
        Gates inLedger = gates(live, Set.of(GROUP));
        refused(inLedger::planMayRun, GROUP + " is in the replay ledger already");
        refused(
                () -> inLedger.stepMayRun(StepKind.PAUSE_TRADING, ctx),
                "is in the replay ledger already");
        // The replay's own reservation (step 1 records the group id) is not a reuse.
        Gates own =
                gates(
                        after(suspended, StepKind.FRESH_GROUP),
                        Set.of(GROUP),
                        step(1, "mode1", null).withGroupId(GROUP));
        assertThatCode(own::planMayRun).doesNotThrowAnyException();
    }

    @Test
    void everyStepBetweenPauseAndResumeNeedsTradingPaused() {
        Gates g = gates(live, Set.of(), step(1, "mode1", null));
        refused(
                () -> g.stepMayRun(StepKind.SUSPEND, ctx),
                "trading is not paused: argocd/applications/torghut/knative-service.yaml has"
                        + " TRADING_ENABLED=true, TRADING_LIVE_ENABLED=false");
        assertThatCode(() -> g.stepMayRun(StepKind.PAUSE_TRADING, ctx)).doesNotThrowAnyException();
    }

    @Test
    void stepsThatActOnTheJobsStateNeedItSuspended() {
        Gates running = gates(paused, Set.of(), step(1, "mode2", "INC-1"));
        for (StepKind kind :
                List.of(
                        StepKind.BACKUP_VERIFY,
                        StepKind.RECREATE_TOPICS,
                        StepKind.WIPE_STATE,
                        StepKind.FRESH_GROUP,
                        StepKind.RESTART_STATELESS)) {
            refused(
                    () -> running.stepMayRun(kind, ctx),
                    "the TA job is not suspended (spec.job.state is running)");
        }
        assertThatCode(
                        () ->
                                gates(suspended, Set.of(), step(1, "mode2", "INC-1"))
                                        .stepMayRun(StepKind.RECREATE_TOPICS, ctx))
                .doesNotThrowAnyException();
    }

    @Test
    void stepsNeedWhatEarlierChecksRecord() {
        Gates none = gates(suspended, Set.of(), step(1, "mode1", null), step(2, "mode1", null));
        refused(() -> none.stepMayRun(StepKind.FRESH_GROUP, ctx), "no feasible replay window");
        refused(() -> none.stepMayRun(StepKind.STEADY_STATE, ctx), "no passing verify");
        refused(() -> none.stepMayRun(StepKind.RESUME_TRADING, ctx), "no passing verify");
        refused(() -> none.stepMayRun(StepKind.WIPE_STATE, ctx), "no verified backup");
        refused(
                () -> none.stepMayRun(StepKind.RESTART_STATELESS, withRestore(null)),
                "a restore path is required");
        refused(
                () -> none.stepMayRun(StepKind.RESTART_STATELESS, withRestore("s3a://x/chk-1")),
                "is not under TA_CHECKPOINT_DIR");
        assertThatCode(() -> none.stepMayRun(StepKind.RESTART_STATELESS, ctx))
                .doesNotThrowAnyException();
        Gates checked =
                gates(
                        suspended,
                        Set.of(),
                        step(1, "mode1", null),
                        LedgerEvent.windowCheck(
                                "t", ID, new LedgerEvent.WindowRecord("a", "b"), true, "feasible"),
                        LedgerEvent.verify("t", ID, true, "freshness ok"));
        assertThatCode(() -> checked.stepMayRun(StepKind.FRESH_GROUP, ctx))
                .doesNotThrowAnyException();
        assertThatCode(() -> checked.stepMayRun(StepKind.STEADY_STATE, ctx))
                .doesNotThrowAnyException();
    }

    @Test
    void restartStepsMustRestartTheIntendedWay() {
        refused(
                () ->
                        Gates.restartAsIntended(
                                StepKind.RESTART_STATELESS, new RestartAction.RestoreLastState()),
                "would make the operator do RESTORE_LAST_STATE");
        refused(
                () ->
                        Gates.restartAsIntended(
                                StepKind.STEADY_STATE, new RestartAction.StatelessEmpty()),
                "this step needs no restart");
        assertThatCode(
                        () ->
                                Gates.restartAsIntended(
                                        StepKind.RESTART_STATELESS,
                                        new RestartAction.StatelessEmpty()))
                .doesNotThrowAnyException();
        assertThatCode(() -> Gates.restartAsIntended(StepKind.SUSPEND, new RestartAction.Suspend()))
                .doesNotThrowAnyException();
    }

    @Test
    void mode2sBackupAndTopicsAreChecked() {
        Gates g = gates(suspended, Set.of(), step(1, "mode2", "INC-1"));
        refused(
                () -> g.backupManifestGiven(null, ctx),
                "--backup-manifest is required: run checkpoints-scripts/bin/backup-state");
        refused(() -> g.backupRestorePath(null), "Pass --restore-path (rollback redeploys");
        refused(
                () -> Gates.backupVerified(List.of("verified is not true")),
                "unverified backup: verified is not true");
        assertThatCode(() -> Gates.backupVerified(List.of())).doesNotThrowAnyException();
        TopicSpec before = new TopicSpec("t", 3, (short) 1, Map.of());
        refused(
                () ->
                        Gates.topicRecreatedAsBefore(
                                before, new TopicSpec("t", 1, (short) 1, Map.of())),
                ExitCodes.CHECK_FAILED,
                "recreated topic differs");
    }

    @Test
    void rollbackNeedsAReplayTheRestoredBackupAndARunningJob() {
        refused(() -> gates(live, Set.of()).rollbackRecord(), "nothing to roll back");
        Gates wiped =
                gates(
                        suspended,
                        Set.of(),
                        step(1, "mode2", "INC-1"),
                        step(3, "mode2", "INC-1")
                                .withBackup(
                                        new LedgerEvent.BackupRecord(
                                                "s3a://b/backup/" + ID, "aa", "c", "v", 1, 1)));
        refused(
                () -> wiped.rollbackMayRun(true, false, false),
                "the state was wiped: first copy s3://b/backup/" + ID + "/checkpoints");
        assertThatCode(() -> wiped.rollbackMayRun(true, false, true)).doesNotThrowAnyException();
        refused(() -> wiped.rollbackMayRun(false, true, false), "(FLINK-40470)");
        refused(
                () ->
                        Gates.rollbackRestoresPreviousState(
                                new RestartAction.None(), true, RESTORE, prev),
                "the rollback change would make the operator do NONE");
        assertThatCode(
                        () ->
                                Gates.rollbackRestoresPreviousState(
                                        new RestartAction.SavepointRedeploy(RESTORE),
                                        true,
                                        RESTORE,
                                        prev))
                .doesNotThrowAnyException();
    }

    @Test
    void parityNeedsToKnowSinceWhenRowsAreTheReplays() {
        refused(() -> Gates.replayedSince(null, Optional.empty()), "--baseline needs");
        Instant t = Instant.parse("2026-11-23T04:00:00Z");
        assertThat(Gates.replayedSince(t, Optional.empty())).isEqualTo(t);
        Optional<ReplayRecord> restarted =
                ReplayRecord.fold(
                        ID,
                        List.of(
                                LedgerEvent.step(
                                        t.toString(), ID, "mode1", 4, "restart-stateless")));
        assertThat(Gates.replayedSince(null, restarted)).isEqualTo(t);
    }

    @Test
    void noMainClassButGatesRaisesARefusal() throws IOException {
        List<String> raising = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("src", "main", "java"))) {
            for (Path p : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                if (RAISES_REFUSAL.matcher(Files.readString(p, StandardCharsets.UTF_8)).find()) {
                    raising.add(p.getFileName().toString());
                }
            }
        }
        assertThat(raising).containsExactly("Gates.java");
    }

    private void refused(ThrowingCallable gate, String message) {
        refused(gate, ExitCodes.REFUSED, message);
    }

    private void refused(ThrowingCallable gate, int exitCode, String message) {
        assertThatThrownBy(gate)
                .isInstanceOfSatisfying(
                        Refusal.class,
                        r -> {
                            assertThat(r.getMessage()).contains(message);
                            assertThat(r.exitCode()).as(r.getMessage()).isEqualTo(exitCode);
                        });
    }

    private Gates gates(Texts files, Set<String> ledgerGroups, LedgerEvent... events) {
        return new Gates(
                ID,
                ReplayRecord.fold(ID, List.of(events)),
                GitOpsState.read(files),
                ledgerGroups,
                FileRole::defaultPath);
    }

    private ReplayContext withRestore(String restorePath) {
        return new ReplayContext(
                ID, ctx.namespace(), ctx.deploymentName(), restorePath, ctx.statePrefix());
    }

    private Texts after(Texts t, StepKind kind) {
        return t.applyAll(Workflow.changes(kind, t, prev, ctx));
    }

    /** A step event as the tool writes it: the first one records the PREV values. */
    private LedgerEvent step(int n, String mode, String ticket) {
        LedgerEvent e = LedgerEvent.step("t", ID, mode, n, "x").withTicket(ticket);
        return n == 1 ? e.withPrev(prev.toMap()) : e;
    }

    private static LedgerEvent rollback() {
        return LedgerEvent.rollback("t", ID, "resume", null, null);
    }

    /** The texts with the FlinkDeployment's HA settings taken out. */
    private static Texts withoutHa(Texts t) {
        String fd =
                t.text(FileRole.FLINK_DEPLOYMENT)
                        .replace("    high-availability.type: kubernetes\n", "")
                        .replace(
                                "    high-availability.storageDir:"
                                        + " s3a://flink-checkpoints/torghut/technical-analysis/ha\n",
                                "");
        assertThat(fd).doesNotContain("high-availability");
        return withFlinkDeployment(t, fd);
    }

    private static Texts withFlinkDeployment(Texts t, String flinkDeployment) {
        Map<FileRole, String> m = new EnumMap<>(FileRole.class);
        for (FileRole role : FileRole.values()) {
            m.put(role, t.text(role));
        }
        m.put(FileRole.FLINK_DEPLOYMENT, flinkDeployment);
        return new Texts(m);
    }

    /** The production checkout's files (testkit's fixtures). */
    private static Texts production() {
        Map<FileRole, String> m = new EnumMap<>(FileRole.class);
        m.put(FileRole.KNATIVE_SERVICE, ProductionFixtures.text(Fixture.KNATIVE_SERVICE));
        m.put(FileRole.TA_CONFIGMAP, ProductionFixtures.text(Fixture.TA_CONFIGMAP));
        m.put(FileRole.FLINK_DEPLOYMENT, ProductionFixtures.text(Fixture.TA_FLINKDEPLOYMENT));
        return new Texts(m);
    }

    private static Texts fixture() {
        Map<FileRole, String> m = new EnumMap<>(FileRole.class);
        for (FileRole role : FileRole.values()) {
            try {
                m.put(
                        role,
                        Files.readString(
                                GitOpsFixture.resource("gitops/" + role.defaultPath()),
                                StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return new Texts(m);
    }
}
