package io.torghut.ta.replay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.torghut.ta.core.bars.Bar;
import io.torghut.ta.core.signals.SignalRow;
import io.torghut.ta.job.JobSettings;
import io.torghut.ta.job.TaJob;
import io.torghut.ta.job.clickhouse.RowValues;
import io.torghut.ta.job.clickhouse.TaTable;
import io.torghut.ta.job.clickhouse.TaTables;
import io.torghut.ta.job.config.TaConfig;
import io.torghut.ta.job.local.TapeGenerator;
import io.torghut.ta.job.sinks.RowJson;
import io.torghut.ta.job.testutils.Diff;
import io.torghut.ta.job.testutils.OutputRows;
import io.torghut.ta.job.testutils.Reference;
import io.torghut.ta.replay.operator.ManifestModel;
import io.torghut.ta.replay.operator.OperatorRestartSemantics;
import io.torghut.ta.replay.operator.RestartAction;
import io.torghut.ta.replay.testutil.GitOpsFixture;
import io.torghut.ta.replay.testutil.ToolRun;
import io.torghut.ta.testkit.KafkaTestCluster;
import io.torghut.ta.testkit.S3ProxyServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.function.BooleanSupplier;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.kubernetes.operator.api.spec.FlinkDeploymentSpec;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proof on the real TA job (its production topology on a MiniCluster with parallelism 2, an
 * in-process Kafka broker, checkpoints and savepoints in s3proxy) that the tool's Mode 1 replays,
 * that the original runbook's change does not, and that rollback returns to the pre-replay state.
 *
 * <p>Shared set-up: the live job (the fixture ConfigMap's group {@code torghut-ta-live}, offset
 * reset latest, its committed position at the start of the tape) consumes the first part of a small
 * tape and is suspended with a savepoint, the state the operator keeps at a suspend. Then the rest
 * of the tape and a FLUSH sentinel per partition (which closes every window) arrive. Each test runs
 * the real picocli commands on its own copy of the GitOps fixture and restarts the job the way
 * {@link OperatorRestartSemantics} says the operator would for each written spec change, taking
 * TA_GROUP_ID and TA_AUTO_OFFSET_RESET from the edited ConfigMap. Outputs are compared by row
 * identity (symbol, window size, window start), every field but ingest_ts, against the clean run:
 * the brute-force reference that ta-job's end-to-end test proves equal to a run on fresh state.
 */
class Mode1ReplayITCase {
    @RegisterExtension
    static final MiniClusterExtension FLINK =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    static final int PARTITIONS = 2;
    static final String BUCKET = "flink-checkpoints";

    /**
     * The tape's timestamps are months old: with the broker's default time retention its segments
     * would be deleted during the test. Retained input is the premise of a replay.
     */
    static final Map<String, String> KEEP = Map.of("retention.ms", "-1");

    static final List<String> INPUTS = List.of("in.trades", "in.quotes", "in.bars1m");
    static final Duration MAX_WAIT = Duration.ofSeconds(120);
    static final YAMLMapper YAML = new YAMLMapper();

    @TempDir static Path shared;
    static KafkaTestCluster kafka;
    static S3ProxyServer s3;
    static TapeGenerator.Tape tape;
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
        kafka = KafkaTestCluster.start(shared.resolve("kafka"));
        // The bucket of the fixture's TA_CHECKPOINT_DIR and TA_SAVEPOINT_DIR.
        s3 = S3ProxyServer.start(shared.resolve("s3"), "ta-test-access", "ta-test-secret", BUCKET);
        Configuration fs = new Configuration();
        s3.flinkS3Config().forEach(fs::setString);
        FileSystem.initialize(fs, null);

        TapeGenerator.Options options =
                TapeGenerator.Options.defaults()
                        .withSymbols(List.of("AAPL", "MSFT", "NVDA"))
                        .withMinutes(2);
        tape = TapeGenerator.generate(options);
        long mid = options.start().toEpochMilli() + 60_000;
        for (String t : INPUTS) {
            kafka.createTopic(t, PARTITIONS, KEEP);
        }
        List<List<TapeGenerator.Line>> all = List.of(tape.trades(), tape.quotes(), tape.bars1m());
        for (int i = 0; i < INPUTS.size(); i++) {
            produce(INPUTS.get(i), all.get(i).stream().filter(l -> l.arrivalMs() < mid).toList());
        }

        Map<String, String> cm =
                configMapData(GitOpsFixture.resource("gitops").resolve(GitOpsFixture.CONFIGMAP));
        prevGroup = cm.get("TA_GROUP_ID");
        prevOffsetReset = cm.get("TA_AUTO_OFFSET_RESET");
        assertThat(prevOffsetReset).isEqualTo("latest");
        // The live group has consumed up to the start of this tape (offset 0 everywhere).
        commitOffsets(prevGroup, 0);

        TaConfig config = config("live", cm);
        clean = reference(config);
        JobClient job = start(config, null);
        await("the live job consumed and checkpointed the first part", () -> noLag(prevGroup));
        liveState = job.stopWithSavepoint(false, null, SavepointFormatType.CANONICAL).get();
        assertThat(liveState).startsWith(cm.get("TA_SAVEPOINT_DIR") + "/");
        live = outputs("live");
        assertThat(live.size()).isPositive().isLessThan(clean.size());

        for (int i = 0; i < INPUTS.size(); i++) {
            produce(INPUTS.get(i), all.get(i).stream().filter(l -> l.arrivalMs() >= mid).toList());
        }
        produceFlushSentinels(options.start().toEpochMilli() + 3_600_000);
        System.out.printf(
                "clean run: %d rows (%d bars, %d signals); live job before the suspend: %d rows;"
                        + " state %s%n",
                clean.size(), clean.bars().size(), clean.signals().size(), live.size(), liveState);
    }

    @AfterAll
    static void stopServers() {
        if (s3 != null) {
            s3.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void mode1ReEmitsTheRetainedWindowAndEqualsACleanRun() throws Exception {
        String id = "2026-11-23T0400Z-ITC1";
        GitOpsFixture f = GitOpsFixture.copyTo(dir);
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
        GitOpsFixture f = GitOpsFixture.copyTo(dir);
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
            JsonNode data =
                    YAML.readTree(Files.readString(file, StandardCharsets.UTF_8)).get("data");
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
        Map<String, String> env = new HashMap<>();
        env.put("TA_KAFKA_BOOTSTRAP", kafka.bootstrapServers());
        env.put("TA_KAFKA_SECURITY", "PLAINTEXT");
        env.put("TA_TRADES_TOPIC", INPUTS.get(0));
        env.put("TA_QUOTES_TOPIC", INPUTS.get(1));
        env.put("TA_BARS1M_TOPIC", INPUTS.get(2));
        env.put("TA_MICROBARS_TOPIC", "out." + run + ".bars");
        env.put("TA_SIGNALS_TOPIC", "out." + run + ".signals");
        env.put("TA_STATUS_TOPIC", "");
        for (String k :
                List.of(
                        "TA_GROUP_ID",
                        "TA_AUTO_OFFSET_RESET",
                        "TA_CHECKPOINT_DIR",
                        "TA_SAVEPOINT_DIR")) {
            env.put(k, configMap.get(k));
        }
        env.put("TA_CHECKPOINT_INTERVAL_MS", "300");
        env.put("TA_CHECKPOINT_PAUSE_MS", "0");
        // Exhausted partitions must stop holding the watermark back in an unbounded run.
        env.put("TA_WATERMARK_IDLE_TIMEOUT_MS", "1000");
        kafka.createTopic("out." + run + ".bars", 1, KEEP);
        kafka.createTopic("out." + run + ".signals", 1, KEEP);
        return TaConfig.fromEnv(env);
    }

    static JobClient start(TaConfig config, String restorePath) throws Exception {
        Configuration conf = JobSettings.apply(config, new Configuration());
        // A failure ends the test at once with its cause instead of a restart loop.
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        if (restorePath != null) {
            conf.set(StateRecoveryOptions.SAVEPOINT_PATH, restorePath);
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(2);
        TaJob.productionTopology(config, false).build(env);
        return env.executeAsync("ta-" + config.groupId);
    }

    static Outputs reference(TaConfig config) {
        List<List<String>> bars = new ArrayList<>();
        for (Bar b : Reference.bars(tape).values()) {
            bars.add(OutputRows.fromValues(TaTables.MICROBARS, RowValues.bar(b, 0), false));
        }
        List<List<String>> signals = new ArrayList<>();
        for (SignalRow s : Reference.signals(tape, config).values()) {
            signals.add(OutputRows.fromValues(TaTables.SIGNALS, RowValues.signal(s, 0), false));
        }
        return new Outputs(
                OutputRows.byIdentity(TaTables.MICROBARS, bars),
                OutputRows.byIdentity(TaTables.SIGNALS, signals));
    }

    static Outputs outputs(String run) {
        return new Outputs(
                rows("out." + run + ".bars", TaTables.MICROBARS),
                rows("out." + run + ".signals", TaTables.SIGNALS));
    }

    static Map<String, List<String>> rows(String topic, TaTable table) {
        List<List<String>> rows = new ArrayList<>();
        for (String value : readToEnd(topic)) {
            rows.add(OutputRows.fromJson(table, value, false));
        }
        Map<String, List<String>> out = new TreeMap<>(OutputRows.byIdentity(table, rows));
        out.keySet().removeIf(k -> k.startsWith("FLUSH|"));
        return out;
    }

    /**
     * Every record value of a topic, read up to the end offsets taken first: unlike reading until
     * idle, a slow consumer start on a loaded machine cannot make it return too few.
     */
    static List<String> readToEnd(String topic) {
        Properties props = kafka.clientProperties();
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        List<String> out = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions =
                    consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                            .map(p -> new TopicPartition(p.topic(), p.partition()))
                            .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                assertThat(System.nanoTime()).as("reading " + topic).isLessThan(deadline);
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.offset() < end.get(new TopicPartition(r.topic(), r.partition()))) {
                        out.add(r.value());
                    }
                }
            }
        }
        return out;
    }

    static void produce(String topic, List<TapeGenerator.Line> lines) {
        List<ProducerRecord<String, String>> records = new ArrayList<>();
        for (TapeGenerator.Line l : lines) {
            int partition = Math.floorMod(l.key().hashCode(), PARTITIONS);
            records.add(new ProducerRecord<>(topic, partition, l.arrivalMs(), l.key(), l.value()));
        }
        kafka.produce(records);
    }

    /** A trade far in the future on every trades partition, so every window of the tape closes. */
    static void produceFlushSentinels(long at) {
        List<ProducerRecord<String, String>> sentinels = new ArrayList<>();
        for (int p = 0; p < PARTITIONS; p++) {
            String json =
                    "{\"ingestTs\":\""
                            + RowJson.timestamp(at)
                            + "\",\"eventTs\":\""
                            + RowJson.timestamp(at)
                            + "\",\"symbol\":\"FLUSH\",\"seq\":"
                            + p
                            + ",\"payload\":{\"p\":1.0,\"s\":1.0}}";
            sentinels.add(new ProducerRecord<>(INPUTS.get(0), p, at, "FLUSH", json));
        }
        kafka.produce(sentinels);
    }

    static void commitOffsets(String group, long offset) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (String t : INPUTS) {
            for (int p = 0; p < PARTITIONS; p++) {
                offsets.put(new TopicPartition(t, p), new OffsetAndMetadata(offset));
            }
        }
        try (Admin admin = Admin.create(kafka.clientProperties())) {
            admin.alterConsumerGroupOffsets(group, offsets).all().get();
        }
    }

    /** Whether the group's committed offsets (committed on checkpoints) reached every end. */
    static boolean noLag(String group) {
        try (Admin admin = Admin.create(kafka.clientProperties())) {
            var committed =
                    admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
            Map<TopicPartition, OffsetSpec> request = new HashMap<>();
            for (String t : INPUTS) {
                for (int p = 0; p < PARTITIONS; p++) {
                    request.put(new TopicPartition(t, p), OffsetSpec.latest());
                }
            }
            Map<TopicPartition, Long> lag = new HashMap<>();
            admin.listOffsets(request)
                    .all()
                    .get()
                    .forEach(
                            (tp, info) -> {
                                OffsetAndMetadata c = committed.get(tp);
                                long done = c == null ? 0 : c.offset();
                                if (info.offset() > done) {
                                    lag.put(tp, info.offset() - done);
                                }
                            });
            return lag.isEmpty();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static void await(String what, BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + MAX_WAIT.toNanos();
        while (!done.getAsBoolean()) {
            assertThat(System.nanoTime())
                    .as("timed out waiting until " + what)
                    .isLessThan(deadline);
            Thread.sleep(300);
        }
    }
}
