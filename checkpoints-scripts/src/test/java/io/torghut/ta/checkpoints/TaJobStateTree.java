package io.torghut.ta.checkpoints;

import static org.assertj.core.api.Assertions.assertThat;

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
import io.torghut.ta.job.testutils.KafkaTapes;
import io.torghut.ta.job.testutils.OutputRows;
import io.torghut.ta.job.testutils.Reference;
import io.torghut.ta.testkit.FlinkStateTreeGenerator;
import io.torghut.ta.testkit.KafkaTestCluster;
import io.torghut.ta.testkit.S3ProxyServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.runtime.jobgraph.SavepointRestoreSettings;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * Writes a checkpoint/savepoint tree into S3 by running the real TA job (its production topology:
 * Kafka sources, Kafka sinks, status, dead letters) on a local MiniCluster with parallelism 2
 * against an in-process Kafka broker, and resumes the job from a restored tree.
 *
 * <p>The tape is cut in three by arrival time. Run 1 reads the first third and is stopped with a
 * savepoint (Flink then discards its checkpoints); run 2 restores from that savepoint, reads the
 * second third and is cancelled, so its checkpoints are retained. {@link #resume} restores a third
 * run from a given path with a new consumer group, feeds it the rest of the tape plus sentinels
 * that close the last windows, and collects the output of all three runs.
 */
final class TaJobStateTree implements AutoCloseable {

    private static final int PARTITIONS = 2; // AAPL hashes to partition 0, NVDA to 1
    private static final int PARALLELISM = 2;

    /** As flinkdeployment/checkpointing.yaml configures the cluster. */
    private static final int RETAINED_CHECKPOINTS = 3;

    /** Where the 2 min tape is cut, by arrival time after its start. */
    private static final long FIRST_CUT_MS = 40_000;

    private static final long SECOND_CUT_MS = 80_000;
    private static final Duration POLL = Duration.ofMillis(300);
    private static final String GROUP = "ta-state-tree";
    private static final String RESUMED_GROUP = "ta-state-tree-resumed";
    private static final String TRADES = "in.trades";
    private static final String QUOTES = "in.quotes";
    private static final String BARS1M = "in.bars1m";
    private static final String OUT_BARS = "out.bars";
    private static final String OUT_SIGNALS = "out.signals";
    private static final String OUT_DLQ = "out.dlq";
    private static final List<String> INPUTS = List.of(TRADES, QUOTES, BARS1M);

    private final KafkaTestCluster kafka;
    private final S3ProxyServer s3;
    private final String bucket;
    private final String prefix;
    private final String stateDir;
    private final TapeGenerator.Tape tape;
    private final long start;
    private final Duration timeout;

    /** A state tree: the savepoint of run 1 and the retained checkpoints of run 2. */
    record Tree(String savepoint, String checkpointJobId, List<String> checkpoints) {

        /** Path of the newest retained completed checkpoint. */
        String latestCheckpoint() {
            return checkpoints.get(checkpoints.size() - 1);
        }
    }

    /** What all runs together emitted, once the resumed run had caught up. */
    record Output(
            Map<String, List<String>> bars,
            Map<String, List<String>> signals,
            List<List<String>> barRows,
            int deadLetters) {}

    /**
     * Starts Kafka and points Flink's s3a filesystem at {@code s3}. Checkpoints go to {@code
     * s3a://<bucket>/<prefix>/checkpoints}, savepoints to {@code .../savepoints}, as the
     * FlinkDeployment configures them.
     */
    TaJobStateTree(
            Path kafkaDir, S3ProxyServer s3, String bucket, String prefix, Duration timeout) {
        // The per-job MiniCluster never calls FileSystem.initialize, so the s3.* keys would
        // otherwise never reach the s3a factory.
        Configuration fs = new Configuration();
        s3.flinkS3Config().forEach(fs::setString);
        FileSystem.initialize(fs, null);
        this.s3 = s3;
        this.bucket = bucket;
        this.prefix = prefix;
        this.stateDir = "s3a://" + bucket + "/" + prefix;
        this.timeout = timeout;
        TapeGenerator.Options options =
                TapeGenerator.Options.defaults()
                        .withMinutes(2)
                        .withSymbols(List.of("AAPL", "NVDA"));
        this.tape = TapeGenerator.generate(options);
        this.start = options.start().toEpochMilli();
        this.kafka = KafkaTestCluster.start(kafkaDir);
        INPUTS.forEach(t -> kafka.createTopic(t, PARTITIONS, KafkaTapes.KEEP_FOREVER));
        for (String t : List.of(OUT_BARS, OUT_SIGNALS, OUT_DLQ, "out.status")) {
            kafka.createTopic(t, 1, KafkaTapes.KEEP_FOREVER);
        }
    }

    /** The job's configuration, as the FlinkDeployment's TA_* environment gives it. */
    TaConfig config(String groupId) {
        Map<String, String> env = new HashMap<>();
        env.put("TA_KAFKA_BOOTSTRAP", kafka.bootstrapServers());
        env.put("TA_KAFKA_SECURITY", "PLAINTEXT");
        env.put("TA_TRADES_TOPIC", TRADES);
        env.put("TA_QUOTES_TOPIC", QUOTES);
        env.put("TA_BARS1M_TOPIC", BARS1M);
        env.put("TA_MICROBARS_TOPIC", OUT_BARS);
        env.put("TA_SIGNALS_TOPIC", OUT_SIGNALS);
        env.put("TA_STATUS_TOPIC", "out.status");
        env.put("TA_DEADLETTER_TOPIC", OUT_DLQ);
        env.put("TA_GROUP_ID", groupId);
        env.put("TA_AUTO_OFFSET_RESET", "earliest");
        env.put("TA_CHECKPOINT_DIR", stateDir);
        env.put("TA_SAVEPOINT_DIR", stateDir + "/savepoints");
        env.put("TA_CHECKPOINT_INTERVAL_MS", "500");
        env.put("TA_CHECKPOINT_PAUSE_MS", "0");
        // Idleness is processing-time based: on a loaded machine a starved reader would be
        // skipped and its records judged late. Every partition has records, and the sentinels
        // advance every partition at the end.
        env.put("TA_WATERMARK_IDLE_TIMEOUT_MS", "600000");
        return TaConfig.fromEnv(env);
    }

    /** Runs 1 and 2 (see the class comment) and returns the tree they left in S3. */
    Tree generate() throws Exception {
        long firstCut = start + FIRST_CUT_MS;
        long secondCut = start + SECOND_CUT_MS;
        TaConfig config = config(GROUP);

        produceArrivals(Long.MIN_VALUE, firstCut);
        JobClient first = submit(config, null, "ta-state-tree-savepoint");
        awaitCaughtUp(first, GROUP);
        String savepoint =
                first.stopWithSavepoint(false, null, SavepointFormatType.CANONICAL)
                        .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        awaitTermination(first);

        produceArrivals(firstCut, secondCut);
        JobClient second = submit(config, savepoint, "ta-state-tree-checkpoints");
        awaitCaughtUp(second, GROUP);
        // Committed offsets caught up: a completed checkpoint holds every record read so far, and
        // so do the later ones (no new input).
        String checkpoints = stateDir + "/checkpoints";
        awaitCheckpoints(checkpoints, second.getJobID());
        second.cancel().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        awaitTermination(second);
        awaitStableTree();
        List<String> retained =
                FlinkStateTreeGenerator.listCompletedCheckpoints(checkpoints, second.getJobID());
        assertThat(retained).as("checkpoints retained on cancel").hasSize(RETAINED_CHECKPOINTS);
        return new Tree(savepoint, second.getJobID().toString(), retained);
    }

    /** Microbar records the job wrote to Kafka so far. */
    int barsWritten() {
        return readAll(OUT_BARS).size();
    }

    /**
     * Restores a third run from {@code restorePath} with a consumer group that never committed (so
     * only restored source state can skip what runs 1 and 2 read), feeds it the rest of the tape
     * and sentinels, waits until every expected signal is out, cancels it and returns the output of
     * all runs.
     */
    Output resume(String restorePath) throws Exception {
        TaConfig config = config(RESUMED_GROUP);
        produceArrivals(start + SECOND_CUT_MS, Long.MAX_VALUE);
        kafka.produce(sentinels());
        JobClient third = submit(config, restorePath, "ta-state-tree-resumed");
        int expected = expectedSignals().size();
        Map<String, List<String>> signals = Map.of();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (signals.size() < expected && System.nanoTime() < deadline) {
            Thread.sleep(1000);
            signals = byIdentity(TaTables.SIGNALS, kafkaRows(OUT_SIGNALS, TaTables.SIGNALS));
        }
        third.cancel().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        awaitTermination(third);
        List<List<String>> barRows = kafkaRows(OUT_BARS, TaTables.MICROBARS);
        return new Output(
                byIdentity(TaTables.MICROBARS, barRows), signals, barRows, readAll(OUT_DLQ).size());
    }

    /** The uninterrupted result: ta-job's brute-force reference bars of the whole tape. */
    Map<String, List<String>> expectedBars() {
        List<List<String>> rows = new ArrayList<>();
        for (Bar b : Reference.bars(tape).values()) {
            rows.add(OutputRows.fromValues(TaTables.MICROBARS, RowValues.bar(b, 0), false));
        }
        return OutputRows.byIdentity(TaTables.MICROBARS, rows);
    }

    /** The uninterrupted result: ta-core's engine fed the reference bars and quotes. */
    Map<String, List<String>> expectedSignals() {
        List<List<String>> rows = new ArrayList<>();
        for (SignalRow s : Reference.signals(tape, config(GROUP)).values()) {
            rows.add(OutputRows.fromValues(TaTables.SIGNALS, RowValues.signal(s, 0), false));
        }
        return OutputRows.byIdentity(TaTables.SIGNALS, rows);
    }

    /** Malformed records in the whole tape: each must reach the dead letters exactly once. */
    int malformedRecords() {
        return tape.malformed().values().stream()
                .flatMap(m -> m.values().stream())
                .mapToInt(Integer::intValue)
                .sum();
    }

    /** Microbar identity of one output row. */
    static String barIdentity(List<String> row) {
        return OutputRows.byIdentity(TaTables.MICROBARS, List.of(row)).keySet().iterator().next();
    }

    private JobClient submit(TaConfig config, String restorePath, String name) throws Exception {
        Configuration conf = new Configuration();
        // Cluster settings of flinkdeployment/checkpointing.yaml that JobSettings leaves alone.
        conf.set(CheckpointingOptions.MAX_RETAINED_CHECKPOINTS, RETAINED_CHECKPOINTS);
        conf.set(CheckpointingOptions.ENABLE_UNALIGNED, true);
        JobSettings.apply(config, conf);
        if (restorePath != null) {
            conf.set(StateRecoveryOptions.SAVEPOINT_PATH, restorePath);
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(PARALLELISM);
        TaJob.productionTopology(config, false).build(env);
        StreamGraph graph = env.getStreamGraph();
        graph.setJobName(name);
        if (restorePath != null) {
            // As `flink run -s <path>` does; without allowNonRestoredState.
            graph.setSavepointRestoreSettings(SavepointRestoreSettings.forPath(restorePath));
        }
        return env.executeAsync(graph);
    }

    private void produceArrivals(long from, long to) {
        List<List<TapeGenerator.Line>> all = List.of(tape.trades(), tape.quotes(), tape.bars1m());
        for (int i = 0; i < INPUTS.size(); i++) {
            List<TapeGenerator.Line> window =
                    all.get(i).stream()
                            .filter(l -> l.arrivalMs() >= from && l.arrivalMs() < to)
                            .toList();
            KafkaTapes.produce(kafka, INPUTS.get(i), window, PARTITIONS);
        }
    }

    /** A record an hour after the tape on every input partition: closes every open window. */
    private List<ProducerRecord<String, String>> sentinels() {
        long far = start + 3_600_000;
        String ts = RowJson.timestamp(far);
        List<ProducerRecord<String, String>> out = new ArrayList<>();
        for (int p = 0; p < PARTITIONS; p++) {
            String envelope =
                    "{\"ingestTs\":\""
                            + ts
                            + "\",\"eventTs\":\""
                            + ts
                            + "\",\"symbol\":\"FLUSH\",\"seq\":"
                            + p
                            + ",\"payload\":";
            out.add(
                    new ProducerRecord<>(
                            TRADES, p, far, "FLUSH", envelope + "{\"p\":1.0,\"s\":1.0}}"));
            out.add(
                    new ProducerRecord<>(
                            QUOTES,
                            p,
                            far,
                            "FLUSH",
                            envelope + "{\"bp\":1.0,\"bs\":1,\"ap\":1.01,\"as\":1}}"));
            out.add(
                    new ProducerRecord<>(
                            BARS1M,
                            p,
                            far,
                            "FLUSH",
                            envelope
                                    + "{\"o\":1,\"h\":1,\"l\":1,\"c\":1,\"v\":1,\"t\":\""
                                    + RowJson.timestamp(far - 60_000)
                                    + "\"}}"));
        }
        return out;
    }

    /** Waits until the group's committed offsets reach the end of every input partition. */
    private void awaitCaughtUp(JobClient job, String group) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<TopicPartition, Long> lag;
        while (!(lag = lag(group)).isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        "job "
                                + job.getJobID()
                                + " (status "
                                + job.getJobStatus().get()
                                + ") still lags "
                                + lag
                                + " after "
                                + timeout);
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    private Map<TopicPartition, Long> lag(String group) throws Exception {
        try (Admin admin = Admin.create(kafka.clientProperties())) {
            Map<TopicPartition, OffsetAndMetadata> committed =
                    admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
            Map<TopicPartition, OffsetSpec> request = new HashMap<>();
            for (String t : INPUTS) {
                for (int p = 0; p < PARTITIONS; p++) {
                    request.put(new TopicPartition(t, p), OffsetSpec.latest());
                }
            }
            Map<TopicPartition, Long> lag =
                    new TreeMap<>(java.util.Comparator.comparing(Object::toString));
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
            return lag;
        }
    }

    private void awaitCheckpoints(String checkpoints, JobID job) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (FlinkStateTreeGenerator.listCompletedCheckpoints(checkpoints, job).size()
                < RETAINED_CHECKPOINTS) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("too few completed checkpoints of " + job);
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    /**
     * Flink discards subsumed and aborted checkpoints asynchronously, possibly after the job result
     * is out; the tree is copied and backed up next, so wait until two listings in a row agree.
     */
    private void awaitStableTree() throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<String> previous = s3.listKeys(bucket, prefix + "/");
        while (System.nanoTime() < deadline) {
            Thread.sleep(3 * POLL.toMillis());
            List<String> current = s3.listKeys(bucket, prefix + "/");
            if (current.equals(previous)) {
                return;
            }
            previous = current;
        }
        throw new IllegalStateException("state tree under " + stateDir + " still changing");
    }

    private void awaitTermination(JobClient job) throws Exception {
        // The per-job MiniCluster shuts down as soon as the job ends; the execution-result future
        // completes (normally or not) exactly then.
        job.getJobExecutionResult()
                .handle((result, failure) -> null)
                .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static Map<String, List<String>> byIdentity(TaTable table, List<List<String>> rows) {
        Map<String, List<String>> out = new TreeMap<>(OutputRows.byIdentity(table, rows));
        out.keySet().removeIf(k -> k.startsWith("FLUSH|"));
        return out;
    }

    private List<List<String>> kafkaRows(String topic, TaTable table) {
        List<List<String>> rows = new ArrayList<>();
        for (ConsumerRecord<String, String> r : readAll(topic)) {
            rows.add(OutputRows.fromJson(table, r.value(), false));
        }
        return rows;
    }

    /** Every record of {@code topic} up to its end offsets now. */
    private List<ConsumerRecord<String, String>> readAll(String topic) {
        return KafkaTapes.readAll(kafka, topic);
    }

    @Override
    public void close() {
        kafka.close();
    }
}
