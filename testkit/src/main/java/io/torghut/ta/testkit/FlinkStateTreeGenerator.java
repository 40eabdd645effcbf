package io.torghut.ta.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.core.fs.FileStatus;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.util.Collector;

/**
 * Produces a realistic Flink checkpoint/savepoint tree by running a small real job (keyed counter
 * state, parallelism 2) on a local MiniCluster that checkpoints to {@code s3a://} through
 * flink-s3-fs-hadoop, and restores it again to prove a state tree is usable.
 *
 * <p>It stands in for the TA job until that job exists: the tree has the same shape ({@code
 * <checkpoints>/<job-id>/chk-N/_metadata} plus state files, {@code shared/}, {@code taskowned/},
 * and {@code <savepoints>/savepoint-*}/). Each key's counter lives in keyed state, so a restored
 * run continues counting instead of starting at 1.
 */
public final class FlinkStateTreeGenerator {

    /** Number of distinct keys (counters) the job keeps in keyed state. */
    public static final int KEYS = 4;

    private static final Duration POLL = Duration.ofMillis(100);
    private static final Map<String, Map<Long, long[]>> OBSERVED = new ConcurrentHashMap<>();

    private final Configuration clusterConfig;

    /**
     * Creates a generator whose job talks to the given S3 server.
     *
     * <p>MiniCluster never calls {@link FileSystem#initialize}, so without this call the {@code
     * s3.*} keys never reach the s3a factory; it is global, hence done here for every generator.
     */
    public FlinkStateTreeGenerator(S3ProxyServer s3) {
        this(s3.flinkS3Config());
    }

    /** Creates a generator with explicit {@code s3.*} Flink settings. */
    public FlinkStateTreeGenerator(Map<String, String> s3Config) {
        this.clusterConfig = Configuration.fromMap(s3Config);
        FileSystem.initialize(clusterConfig, null);
    }

    /** What a run left behind and what its counters showed. */
    public record RunResult(
            String jobId,
            List<String> completedCheckpoints,
            Optional<String> savepointPath,
            Map<Long, Long> firstCountByKey,
            Map<Long, Long> lastCountByKey) {}

    /** A full state tree: a savepoint from a first run, retained checkpoints of a second. */
    public record StateTree(RunResult savepointRun, RunResult checkpointRun) {

        /** Path of the newest retained completed checkpoint, ready for a restore. */
        public String latestCheckpoint() {
            List<String> completed = checkpointRun.completedCheckpoints();
            return completed.get(completed.size() - 1);
        }
    }

    /**
     * Builds the tree an upgraded production job leaves behind: run 1 starts fresh and is stopped
     * with a savepoint (which also subsumes its checkpoints, as Flink does); run 2 restores from
     * that savepoint, completes at least {@code minCheckpoints} checkpoints and is cancelled, so
     * its checkpoints are retained. Both the savepoint and the checkpoints really restore.
     */
    public StateTree generate(
            String checkpointsUri, String savepointsUri, int minCheckpoints, Duration timeout) {
        RunResult savepointRun =
                runAndStopWithSavepoint(checkpointsUri, savepointsUri, null, 2, timeout);
        RunResult checkpointRun =
                runAndCancel(
                        checkpointsUri,
                        savepointRun.savepointPath().orElseThrow(),
                        minCheckpoints,
                        timeout);
        if (checkpointRun.completedCheckpoints().isEmpty()) {
            throw new IllegalStateException("no retained checkpoint after cancel");
        }
        return new StateTree(savepointRun, checkpointRun);
    }

    /**
     * Runs the job from scratch (or from {@code restorePath}) until at least {@code minCheckpoints}
     * checkpoints completed under {@code checkpointsUri}, then stops it with a savepoint into
     * {@code savepointsUri}. Flink discards the run's checkpoints once the savepoint completes and
     * the job finishes.
     *
     * @param checkpointsUri e.g. {@code
     *     s3a://flink-checkpoints/torghut/technical-analysis/checkpoints}
     * @param savepointsUri e.g. {@code
     *     s3a://flink-checkpoints/torghut/technical-analysis/savepoints}
     * @param restorePath a checkpoint or savepoint to start from, or null for a fresh start
     */
    public RunResult runAndStopWithSavepoint(
            String checkpointsUri,
            String savepointsUri,
            String restorePath,
            int minCheckpoints,
            Duration timeout) {
        return run(checkpointsUri, savepointsUri, restorePath, minCheckpoints, timeout, true);
    }

    /**
     * Runs the job until {@code minCheckpoints} checkpoints completed and then cancels it (no
     * savepoint); with {@code restorePath} this is the "does the state still restore" check.
     */
    public RunResult runAndCancel(
            String checkpointsUri, String restorePath, int minCheckpoints, Duration timeout) {
        return run(checkpointsUri, null, restorePath, minCheckpoints, timeout, false);
    }

    private RunResult run(
            String checkpointsUri,
            String savepointsUri,
            String restorePath,
            int minCheckpoints,
            Duration timeout,
            boolean stopWithSavepoint) {
        Objects.requireNonNull(checkpointsUri, "checkpointsUri");
        String runId = UUID.randomUUID().toString();
        OBSERVED.put(runId, new ConcurrentHashMap<>());
        Configuration conf = new Configuration(clusterConfig);
        conf.set(StateBackendOptions.STATE_BACKEND, "hashmap");
        conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofMillis(300));
        conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpointsUri);
        conf.set(
                CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
                ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        conf.set(CheckpointingOptions.MAX_RETAINED_CHECKPOINTS, 2);
        // Write every state handle as its own object (no inlining into _metadata), so the tree
        // has many files per checkpoint like a real job with real state.
        conf.set(CheckpointingOptions.FS_SMALL_FILE_THRESHOLD, MemorySize.ZERO);
        if (savepointsUri != null) {
            conf.set(CheckpointingOptions.SAVEPOINT_DIRECTORY, savepointsUri);
        }
        if (restorePath != null) {
            conf.set(StateRecoveryOptions.SAVEPOINT_PATH, restorePath);
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(2);
        DataGeneratorSource<Long> source =
                new DataGeneratorSource<>(
                        index -> index,
                        Long.MAX_VALUE,
                        RateLimiterStrategy.perSecond(200),
                        Types.LONG);
        env.fromSource(source, WatermarkStrategy.noWatermarks(), "ticks")
                .uid("ticks-source")
                .keyBy(v -> v % KEYS, Types.LONG)
                .process(new CountPerKey(runId))
                .uid("count-per-key")
                .sinkTo(new DiscardingSink<>())
                .uid("discard");
        JobClient job = null;
        try {
            job = env.executeAsync("state-tree-generator");
            String jobId = job.getJobID().toString();
            List<String> completed =
                    awaitCheckpoints(checkpointsUri, job.getJobID(), minCheckpoints, timeout);
            Optional<String> savepoint = Optional.empty();
            if (stopWithSavepoint) {
                savepoint =
                        Optional.of(
                                job.stopWithSavepoint(
                                                false, savepointsUri, SavepointFormatType.CANONICAL)
                                        .get(timeout.toMillis(), TimeUnit.MILLISECONDS));
            } else {
                job.cancel().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            }
            awaitTermination(job, timeout);
            completed = awaitStableCheckpoints(checkpointsUri, job.getJobID(), timeout);
            Map<Long, long[]> seen = OBSERVED.remove(runId);
            return new RunResult(jobId, completed, savepoint, project(seen, 0), project(seen, 1));
        } catch (Exception e) {
            if (job != null) {
                try {
                    job.cancel();
                } catch (RuntimeException cancelFailed) {
                    // The per-job MiniCluster is already gone when the job failed by itself.
                    e.addSuppressed(cancelFailed);
                }
            }
            OBSERVED.remove(runId);
            throw new IllegalStateException("state-tree job failed", e);
        }
    }

    private static Map<Long, Long> project(Map<Long, long[]> seen, int index) {
        Map<Long, Long> out = new java.util.TreeMap<>();
        seen.forEach((k, v) -> out.put(k, v[index]));
        return out;
    }

    private static void awaitTermination(JobClient job, Duration timeout) throws Exception {
        // The per-job MiniCluster shuts down as soon as the job ends, so polling the status would
        // race with it; the execution-result future completes (normally or not) exactly then.
        job.getJobExecutionResult()
                .handle((result, failure) -> null)
                .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static List<String> awaitCheckpoints(
            String checkpointsUri, JobID jobId, int min, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<String> completed = List.of();
        while (System.nanoTime() < deadline) {
            completed = listCompletedCheckpoints(checkpointsUri, jobId);
            if (completed.size() >= min) {
                return completed;
            }
            Thread.sleep(POLL.toMillis());
        }
        throw new IllegalStateException(
                "only "
                        + completed.size()
                        + " completed checkpoints (want "
                        + min
                        + ") under "
                        + checkpointsUri
                        + " after "
                        + timeout);
    }

    /**
     * Flink discards subsumed checkpoints asynchronously, possibly after the job result is out;
     * callers copy or back up the tree next, so wait until two listings in a row agree.
     */
    private static List<String> awaitStableCheckpoints(
            String checkpointsUri, JobID jobId, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<String> previous = listCompletedCheckpoints(checkpointsUri, jobId);
        while (System.nanoTime() < deadline) {
            Thread.sleep(3 * POLL.toMillis());
            List<String> current = listCompletedCheckpoints(checkpointsUri, jobId);
            if (current.equals(previous)) {
                return current;
            }
            previous = current;
        }
        throw new IllegalStateException(
                "checkpoints under " + checkpointsUri + " still changing after " + timeout);
    }

    /** Completed checkpoint directories ({@code chk-N} holding {@code _metadata}) of a job. */
    public static List<String> listCompletedCheckpoints(String checkpointsUri, JobID jobId) {
        Path jobDir = new Path(checkpointsUri + "/" + jobId);
        try {
            FileSystem fs = jobDir.getFileSystem();
            if (!fs.exists(jobDir)) {
                return List.of();
            }
            FileStatus[] children = fs.listStatus(jobDir);
            if (children == null) {
                return List.of();
            }
            return Stream.of(children)
                    .map(FileStatus::getPath)
                    .filter(p -> p.getName().startsWith("chk-"))
                    .filter(p -> exists(fs, new Path(p, "_metadata")))
                    .sorted(
                            java.util.Comparator.comparingLong(
                                    p -> Long.parseLong(p.getName().substring(4))))
                    .map(Path::toString)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("could not list " + jobDir, e);
        }
    }

    private static boolean exists(FileSystem fs, Path path) {
        try {
            return fs.exists(path);
        } catch (IOException e) {
            return false;
        }
    }

    /** Counts elements per key in keyed state and reports the counts it emits, per run. */
    static final class CountPerKey extends KeyedProcessFunction<Long, Long, Long> {
        private static final long serialVersionUID = 1L;
        private final String runId;
        private transient ValueState<Long> count;

        CountPerKey(String runId) {
            this.runId = runId;
        }

        @Override
        public void open(org.apache.flink.api.common.functions.OpenContext context) {
            count = getRuntimeContext().getState(new ValueStateDescriptor<>("count", Types.LONG));
        }

        @Override
        public void processElement(Long value, Context ctx, Collector<Long> out)
                throws IOException {
            Long previous = count.value();
            long next = previous == null ? 1 : previous + 1;
            count.update(next);
            // Record the first and the latest count this run saw for the key; the test JVM reads
            // them back because the MiniCluster runs in the same JVM.
            Map<Long, long[]> seen = OBSERVED.get(runId);
            if (seen != null) {
                seen.compute(
                        ctx.getCurrentKey(),
                        (k, v) -> v == null ? new long[] {next, next} : new long[] {v[0], next});
            }
            out.collect(next);
        }
    }
}
