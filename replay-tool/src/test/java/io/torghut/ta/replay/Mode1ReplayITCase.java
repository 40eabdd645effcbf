package io.torghut.ta.replay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.torghut.ta.job.clickhouse.TaTables;
import io.torghut.ta.job.config.TaConfig;
import io.torghut.ta.job.config.TaConfigKey;
import io.torghut.ta.local.TapeGenerator;
import io.torghut.ta.replay.operator.ManifestModel;
import io.torghut.ta.replay.operator.OperatorRestartSemantics;
import io.torghut.ta.replay.operator.RestartAction;
import io.torghut.ta.replay.testutil.GitOpsFixture;
import io.torghut.ta.replay.testutil.ToolRun;
import io.torghut.ta.testkit.Await;
import io.torghut.ta.testkit.Diff;
import io.torghut.ta.testkit.JobScenario;
import io.torghut.ta.testkit.LocalFlink;
import io.torghut.ta.testkit.ProductionFixtures;
import io.torghut.ta.testkit.TestPlatform;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.function.BooleanSupplier;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.kubernetes.operator.api.spec.FlinkDeploymentSpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proof on the real TA job (its production topology on a MiniCluster with parallelism 2, an
 * in-process Kafka broker, checkpoints and savepoints in s3proxy) that the tool's Mode 1 replays,
 * that the original runbook's change does not, and that rollback returns to the pre-replay state.
 *
 * <p>Shared set-up: the live job (production's ConfigMap: group {@code torghut-ta-live}, offset
 * reset latest, its committed position at the start of the tape) consumes the first part of a small
 * tape and is suspended with a savepoint, the state the operator keeps at a suspend. Then the rest
 * of the tape and a FLUSH sentinel per partition (which closes every window) arrive. Each test runs
 * the real picocli commands on its own GitOps checkout (production's for Mode 1 and rollback:
 * savepoint mode, no HA; the tool's own last-state fixture for the original runbook's change, which
 * was written for last-state) and restarts the job the way {@link OperatorRestartSemantics} says
 * the operator would for each written spec change, taking TA_GROUP_ID and TA_AUTO_OFFSET_RESET from
 * the edited ConfigMap. Outputs are compared by row identity (symbol, window size, window start),
 * every field but ingest_ts, against the clean run: the brute-force reference that ta-job's
 * end-to-end test proves equal to a run on fresh state.
 */
class Mode1ReplayITCase {
    static final TestPlatform PLATFORM = TestPlatform.shared();

    /** The bucket of the fixture's TA_CHECKPOINT_DIR and TA_SAVEPOINT_DIR. */
    static final String BUCKET = "flink-checkpoints";

    static final Duration MAX_WAIT = Duration.ofSeconds(120);
    static final YAMLMapper YAML = new YAMLMapper();

    /** The retained input (the premise of a replay) and the reference of the whole tape. */
    static JobScenario tape;

    static String prevGroup;
    static String prevOffsetReset;

    /** What a clean run of the whole tape emits. */
    static Outputs clean;

    /** What the live job emitted before it was suspended. */
    static Outputs live;

    /** The live job's state at the suspend (a savepoint in s3proxy). */
    static String liveState;

    @TempDir Path dir;
    private Operator op;

    /** A failed test must not leave its job holding the MiniCluster's slots. */
    @AfterEach
    void stopTheJob() throws Exception {
        if (op != null) {
            op.stop();
        }
    }

    /** One run's output rows by identity: 1 s bars and signals, without the FLUSH sentinel. */
    record Outputs(Map<String, List<String>> bars, Map<String, List<String>> signals) {
        int size() {
            return bars.size() + signals.size();
        }

        Outputs minus(Outputs o) {
            Map<String, List<String>> b = new TreeMap<>(bars);
            b.keySet().removeAll(o.bars.keySet());
            Map<String, List<String>> s = new TreeMap<>(signals);
            s.keySet().removeAll(o.signals.keySet());
            return new Outputs(b, s);
        }

        Outputs onlyIdentitiesOf(Outputs o) {
            Map<String, List<String>> b = new TreeMap<>(bars);
            b.keySet().retainAll(o.bars.keySet());
            Map<String, List<String>> s = new TreeMap<>(signals);
            s.keySet().retainAll(o.signals.keySet());
            return new Outputs(b, s);
        }

        void assertSame(Outputs expected, String what) {
            Diff.assertSameRows(bars, expected.bars, what + ": 1 s bars");
            Diff.assertSameRows(signals, expected.signals, what + ": signals");
        }
    }

    @BeforeAll
    static void runTheLiveJobAndSuspendIt() throws Exception {
        PLATFORM.s3().createBucket(BUCKET);
        TapeGenerator.Options options =
                TapeGenerator.Options.defaults()
                        .withSymbols(List.of("AAPL", "MSFT", "NVDA"))
                        .withMinutes(2);
        tape = PLATFORM.scenario("mode1").tape(options).build();
        long mid = options.start().toEpochMilli() + 60_000;
        tape.produce(l -> l.arrivalMs() < mid);

        // The live job runs with production's ConfigMap: its group, offset reset and state
        // directories (TA_CHECKPOINT_DIR the state prefix).
        Map<String, String> cm =
                configMapData(ProductionFixtures.text(ProductionFixtures.Fixture.TA_CONFIGMAP));
        prevGroup = cm.get("TA_GROUP_ID");
        prevOffsetReset = cm.get("TA_AUTO_OFFSET_RESET");
        assertThat(prevOffsetReset).isEqualTo("latest");
        // The live group has consumed up to the start of this tape (offset 0 everywhere).
        tape.commitOffsets(prevGroup, 0);

        TaConfig config = config("live", cm);
        clean = reference(config);
        JobClient job = start(config, null);
        await("the live job consumed and checkpointed the first part", () -> noLag(prevGroup));
        liveState = job.stopWithSavepoint(false, null, SavepointFormatType.CANONICAL).get();
        assertThat(liveState).startsWith(cm.get("TA_SAVEPOINT_DIR") + "/");
        live = outputs("live");
        assertThat(live.size()).isPositive().isLessThan(clean.size());

        tape.produce(l -> l.arrivalMs() >= mid);
        tape.produceSentinels();
        System.out.printf(
                "clean run: %d rows (%d bars, %d signals); live job before the suspend: %d rows;"
                        + " state %s%n",
                clean.size(), clean.bars().size(), clean.signals().size(), live.size(), liveState);
    }

    @Test
    void mode1ReEmitsTheRetainedWindowAndEqualsACleanRun() throws Exception {
        String id = "2026-11-23T0400Z-ITC1";
        GitOpsFixture f = GitOpsFixture.production(dir);
        op = new Operator(f, "mode1");
        mode1(f, id, 1);
        assertThat(op.sync()).isInstanceOf(RestartAction.None.class);
        mode1(f, id, 2);
        assertThat(op.sync()).isInstanceOf(RestartAction.Suspend.class);
        checkWindow(f, id);
        mode1(f, id, 3);
        assertThat(op.sync()).isInstanceOf(RestartAction.None.class);
        mode1(f, id, 4, "--restore-path", liveState);
        assertThat(op.sync()).isInstanceOf(RestartAction.StatelessEmpty.class);
        assertThat(op.config.groupId).isEqualTo("torghut-ta-replay-" + id);
        assertThat(op.config.autoOffsetReset).isEqualTo("earliest");

        Outputs replay = op.awaitOutputs(clean.size());
        await("the replay group consumed everything", () -> noLag(op.config.groupId));
        op.stop();
        replay = op.outputs();

        Outputs reEmitted = replay.onlyIdentitiesOf(live);
        reEmitted.assertSame(live, "rows the live job had emitted, emitted again by the replay");
        replay.assertSame(clean, "replay vs clean run");
        System.out.printf(
                "mode1: re-emitted %d of %d already-emitted rows; %d rows compared with the clean"
                        + " run, %d lost, %d unexpected%n",
                reEmitted.size(),
                live.size(),
                replay.size(),
                clean.minus(replay).size(),
                replay.minus(clean).size());
    }

    @Test
    void theOriginalRunbooksChangeUnderLastStateReEmitsNothing() throws Exception {
        String id = "2026-11-23T0400Z-ITC2";
        GitOpsFixture f = GitOpsFixture.copyTo(dir);
        op = new Operator(f, "runbook");
        mode1(f, id, 1);
        mode1(f, id, 2);
        assertThat(op.sync()).isInstanceOf(RestartAction.Suspend.class);
        checkWindow(f, id);
        mode1(f, id, 3);
        op.sync();
        // The original runbook's step 4: bump restartNonce and resume, upgradeMode untouched.
        String fd = f.read(GitOpsFixture.FLINKDEPLOYMENT);
        String resumed =
                fd.replace("restartNonce: 38", "restartNonce: 39")
                        .replace("state: suspended", "state: running");
        assertThat(GitOpsFixture.changedLines(fd, resumed)).isEqualTo(2);
        assertThat(resumed).contains("upgradeMode: last-state");
        f.write(GitOpsFixture.FLINKDEPLOYMENT, resumed);
        assertThat(op.sync()).isInstanceOf(RestartAction.RestoreLastState.class);
        assertThat(op.config.groupId).isEqualTo("torghut-ta-replay-" + id);
        assertThat(op.config.autoOffsetReset).isEqualTo("earliest");

        Outputs expected = clean.minus(live);
        Outputs out = op.awaitOutputs(expected.size());
        await("the new group caught up", () -> noLag(op.config.groupId));
        op.stop();
        out = op.outputs();

        Outputs reEmitted = out.onlyIdentitiesOf(live);
        assertThat(reEmitted.size()).as("rows of already-processed input emitted again").isZero();
        out.assertSame(expected, "last-state resume vs the rows the live job had not emitted");
        System.out.printf(
                "runbook change under last-state: re-emitted %d of %d already-emitted rows; it"
                        + " emitted only the %d rows of new input%n",
                reEmitted.size(), live.size(), out.size());
    }

    @Test
    void rollbackReturnsToThePreReplayGroupAndState() throws Exception {
        String id = "2026-11-23T0400Z-ITC3";
        GitOpsFixture f = GitOpsFixture.production(dir);
        op = new Operator(f, "rollback");
        mode1(f, id, 1);
        mode1(f, id, 2);
        op.sync();
        checkWindow(f, id);
        mode1(f, id, 3);
        op.sync();
        mode1(f, id, 4, "--restore-path", liveState);
        assertThat(op.sync()).isInstanceOf(RestartAction.StatelessEmpty.class);
        int replayed = op.awaitOutputs(1).size();

        ToolRun r = ToolRun.run(f.args("rollback", "--replay-id", id));
        assertThat(r.exitCode).as(r.toString()).isZero();
        assertThat(op.sync()).isEqualTo(new RestartAction.SavepointRedeploy(liveState));
        assertThat(op.config.groupId).isEqualTo(prevGroup);
        assertThat(op.config.autoOffsetReset).isEqualTo(prevOffsetReset);

        Outputs expected = clean.minus(live);
        Outputs out = op.awaitOutputs(expected.size());
        await("the pre-replay group caught up", () -> noLag(prevGroup));
        op.stop();
        out = op.outputs();

        Outputs reEmitted = out.onlyIdentitiesOf(live);
        assertThat(reEmitted.size()).as("rows of already-processed input emitted again").isZero();
        out.assertSame(expected, "after rollback vs the rows the live job had not emitted");
        System.out.printf(
                "rollback: the replay had emitted %d rows when rolled back; redeployed from %s"
                        + " with group %s: re-emitted %d, emitted %d new rows, %d lost%n",
                replayed,
                liveState,
                op.config.groupId,
                reEmitted.size(),
                out.size(),
                expected.minus(out).size());
    }

    /**
     * The Flink Kubernetes Operator, reduced to what a replay needs: it compares the deployed
     * FlinkDeployment spec with the one in the GitOps tree, asks {@link OperatorRestartSemantics}
     * what the operator does, and does that to a MiniCluster job, with the job's environment from
     * the tree's ConfigMap. The live job of the shared set-up is already suspended at {@link
     * #liveState}; a SUSPEND with no job running here keeps that state.
     */
    static final class Operator {
        private final GitOpsFixture tree;
        private final String name;
        private FlinkDeploymentSpec deployed;
        private JobClient job;
        private String lastState = liveState;
        private int runs;
        private String run;
        TaConfig config;

        Operator(GitOpsFixture tree, String name) {
            this.tree = tree;
            this.name = name;
            this.deployed = spec();
        }

        private FlinkDeploymentSpec spec() {
            return ManifestModel.parse(tree.read(GitOpsFixture.FLINKDEPLOYMENT))
                    .deployment()
                    .getSpec();
        }

        /** Applies the tree's current spec (an Argo CD sync) and returns what was done. */
        RestartAction sync() throws Exception {
            FlinkDeploymentSpec next = spec();
            RestartAction action = OperatorRestartSemantics.actionFor(deployed, next);
            if (action instanceof RestartAction.Suspend) {
                if (job != null) {
                    lastState = savepointAndStop();
                }
            } else if (action instanceof RestartAction.StatelessEmpty) {
                cancel();
                start(null);
            } else if (action instanceof RestartAction.RestoreLastState
                    || action instanceof RestartAction.RestoreSavepoint) {
                // Last-state: the latest checkpoint; savepoint mode: a savepoint taken now. A
                // running job is stopped with a savepoint either way, which is its latest state.
                if (job != null) {
                    lastState = savepointAndStop();
                }
                start(lastState);
            } else if (action instanceof RestartAction.SavepointRedeploy redeploy) {
                cancel();
                start(redeploy.path());
            } else if (action instanceof RestartAction.Rejected) {
                throw new AssertionError("the operator would reject: " + action);
            }
            deployed = next;
            return action;
        }

        private String savepointAndStop() throws Exception {
            String path = job.stopWithSavepoint(false, null, SavepointFormatType.CANONICAL).get();
            job = null;
            return path;
        }

        private void cancel() throws Exception {
            if (job != null) {
                job.cancel().get();
                job = null;
            }
        }

        private void start(String restorePath) throws Exception {
            Map<String, String> cm = configMapData(tree.root.resolve(GitOpsFixture.CONFIGMAP));
            run = name + "-" + ++runs;
            config = config(run, cm);
            job = Mode1ReplayITCase.start(config, restorePath);
        }

        /** Waits until the current run emitted {@code rows} identities. */
        Outputs awaitOutputs(int rows) throws Exception {
            Outputs[] last = {outputs()};
            await(
                    run + " emitted " + rows + " rows",
                    () -> {
                        assertRunning();
                        last[0] = outputs();
                        return last[0].size() >= rows;
                    });
            return last[0];
        }

        /** Fails with the job's own failure if it ended. */
        void assertRunning() {
            try {
                JobStatus status = job.getJobStatus().get();
                if (status.isTerminalState()) {
                    job.getJobExecutionResult().get();
                    throw new AssertionError(run + " ended: " + status);
                }
            } catch (InterruptedException | ExecutionException e) {
                throw new AssertionError(run + " failed", e);
            }
        }

        Outputs outputs() {
            return Mode1ReplayITCase.outputs(run);
        }

        void stop() throws Exception {
            if (job != null && !job.getJobStatus().get().isTerminalState()) {
                job.cancel().get();
            }
            job = null;
        }
    }

    static void mode1(GitOpsFixture f, String id, int step, String... more) {
        List<String> args = new ArrayList<>(List.of("mode1", "--replay-id", id, "--step", ""));
        args.set(4, Integer.toString(step));
        args.addAll(List.of(more));
        ToolRun r = ToolRun.run(f.args(args.toArray(String[]::new)));
        assertThat(r.exitCode).as(r.toString()).isZero();
    }

    static void checkWindow(GitOpsFixture f, String id) {
        ToolRun r =
                ToolRun.run(
                        f.args(
                                "check-window",
                                "--replay-id",
                                id,
                                "--from",
                                "2026-11-20T14:30:00Z",
                                "--to",
                                "2026-11-20T21:00:00Z"));
        assertThat(r.exitCode).as(r.toString()).isZero();
    }

    static Map<String, String> configMapData(Path file) {
        try {
            return configMapData(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, String> configMapData(String configMap) {
        try {
            JsonNode data = YAML.readTree(configMap).get("data");
            Map<String, String> out = new TreeMap<>();
            data.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The job's configuration: the test's Kafka and topics, and from the ConfigMap the group,
     * offset reset and the checkpoint and savepoint directories (served by s3proxy).
     */
    static TaConfig config(String run, Map<String, String> configMap) {
        Map<TaConfigKey, String> env = new EnumMap<>(TaConfigKey.class);
        env.put(TaConfigKey.TA_MICROBARS_TOPIC, "mode1.out." + run + ".bars");
        env.put(TaConfigKey.TA_SIGNALS_TOPIC, "mode1.out." + run + ".signals");
        env.put(TaConfigKey.TA_STATUS_TOPIC, "");
        env.put(TaConfigKey.TA_DEADLETTER_TOPIC, "");
        for (TaConfigKey k :
                List.of(
                        TaConfigKey.TA_GROUP_ID,
                        TaConfigKey.TA_AUTO_OFFSET_RESET,
                        TaConfigKey.TA_CHECKPOINT_DIR,
                        TaConfigKey.TA_SAVEPOINT_DIR)) {
            env.put(k, configMap.get(k.name()));
        }
        env.put(TaConfigKey.TA_CLIENT_ID, "torghut-ta-flink");
        env.put(TaConfigKey.TA_CHECKPOINT_INTERVAL_MS, "300");
        env.put(TaConfigKey.TA_CHECKPOINT_PAUSE_MS, "0");
        env.put(TaConfigKey.TA_STATUS_INTERVAL_MS, "10000");
        // Exhausted partitions must stop holding the watermark back in an unbounded run.
        env.put(TaConfigKey.TA_WATERMARK_IDLE_TIMEOUT_MS, "1000");
        PLATFORM.kafka().createTopic("mode1.out." + run + ".bars", 1);
        PLATFORM.kafka().createTopic("mode1.out." + run + ".signals", 1);
        return tape.config(configMap.get(TaConfigKey.TA_GROUP_ID.name()), env);
    }

    static JobClient start(TaConfig config, String restorePath) {
        LocalFlink.Submission job = PLATFORM.flink().job(config).named("ta-" + config.groupId);
        return restorePath == null ? job.submit() : job.restoredFrom(restorePath).submit();
    }

    static Outputs reference(TaConfig config) {
        return new Outputs(tape.expectedBars(false), tape.expectedSignals(config, false));
    }

    static Outputs outputs(String run) {
        return new Outputs(
                tape.kafkaRowsByIdentity("mode1.out." + run + ".bars", TaTables.MICROBARS),
                tape.kafkaRowsByIdentity("mode1.out." + run + ".signals", TaTables.SIGNALS));
    }

    /** Whether the group's committed offsets (committed on checkpoints) reached every end. */
    static boolean noLag(String group) {
        return tape.lag(group).isEmpty();
    }

    static void await(String what, BooleanSupplier done) {
        Await.until(what, MAX_WAIT, done);
    }
}
