package io.torghut.ta.checkpoints;

import static org.assertj.core.api.Assertions.assertThat;

import io.torghut.ta.job.clickhouse.TaTables;
import io.torghut.ta.job.config.TaConfig;
import io.torghut.ta.job.config.TaConfigKey;
import io.torghut.ta.local.TapeGenerator;
import io.torghut.ta.testkit.Await;
import io.torghut.ta.testkit.JobScenario;
import io.torghut.ta.testkit.JobScenario.Topic;
import io.torghut.ta.testkit.LocalFlink;
import io.torghut.ta.testkit.OutputRows;
import io.torghut.ta.testkit.TestPlatform;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;

/**
 * Writes a checkpoint/savepoint tree into S3 by running the real TA job (its production topology:
 * Kafka sources, Kafka sinks, status, dead letters) with parallelism 2 on the test platform, and
 * resumes the job from a restored tree.
 *
 * <p>The tape is cut in three by arrival time. Run 1 reads the first third and is stopped with a
 * savepoint (Flink then discards its checkpoints); run 2 restores from that savepoint, reads the
 * second third and is cancelled, so its checkpoints are retained. {@link #resume} restores a third
 * run from a given path with a new consumer group, feeds it the rest of the tape plus the closing
 * sentinels, and collects the output of all three runs.
 */
final class TaJobStateTree {
    /** As flinkdeployment/checkpointing.yaml configures the cluster (and the platform's). */
    private static final int RETAINED_CHECKPOINTS = LocalFlink.RETAINED_CHECKPOINTS;

    /** Where the 2 min tape is cut, by arrival time after its start. */
    private static final long FIRST_CUT_MS = 40_000;

    private static final long SECOND_CUT_MS = 80_000;
    private static final String GROUP = "ta-state-tree";
    private static final String RESUMED_GROUP = "ta-state-tree-resumed";

    private final TestPlatform platform;
    private final JobScenario scenario;
    private final String bucket;
    private final String prefix;
    private final String stateDir;
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
     * A tree on {@code platform}: checkpoints go to {@code s3a://<bucket>/<prefix>/checkpoints},
     * savepoints to {@code .../savepoints}, as the FlinkDeployment configures them.
     */
    TaJobStateTree(TestPlatform platform, String bucket, String prefix, Duration timeout) {
        this.platform = platform;
        this.bucket = bucket;
        this.prefix = prefix;
        this.stateDir = "s3a://" + bucket + "/" + prefix;
        this.timeout = timeout;
        platform.s3().createBucket(bucket);
        this.scenario =
                platform.scenario("state-tree")
                        .tape(
                                TapeGenerator.Options.defaults()
                                        .withMinutes(2)
                                        .withSymbols(List.of("AAPL", "NVDA")))
                        .build();
    }

    /** The job's configuration, as the FlinkDeployment's TA_* environment gives it. */
    TaConfig config(String groupId) {
        return scenario.config(
                groupId,
                Map.of(
                        TaConfigKey.TA_CHECKPOINT_DIR, stateDir,
                        TaConfigKey.TA_SAVEPOINT_DIR, stateDir + "/savepoints",
                        TaConfigKey.TA_CHECKPOINT_INTERVAL_MS, "500",
                        TaConfigKey.TA_CHECKPOINT_PAUSE_MS, "0",
                        TaConfigKey.TA_STATUS_INTERVAL_MS, "10000",
                        TaConfigKey.TA_CLIENT_ID, "torghut-ta-flink"));
    }

    /** Runs 1 and 2 (see the class comment) and returns the tree they left in S3. */
    Tree generate() throws Exception {
        long firstCut = scenario.tapeStart() + FIRST_CUT_MS;
        long secondCut = scenario.tapeStart() + SECOND_CUT_MS;
        TaConfig config = config(GROUP);

        scenario.produce(l -> l.arrivalMs() < firstCut);
        JobClient first = submit(config, null, "ta-state-tree-savepoint");
        awaitCaughtUp(first, GROUP);
        String savepoint =
                first.stopWithSavepoint(false, null, SavepointFormatType.CANONICAL)
                        .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        awaitTermination(first);

        scenario.produce(l -> l.arrivalMs() >= firstCut && l.arrivalMs() < secondCut);
        JobClient second = submit(config, savepoint, "ta-state-tree-checkpoints");
        awaitCaughtUp(second, GROUP);
        // Committed offsets caught up: a completed checkpoint holds every record read so far, and
        // so do the later ones (no new input).
        String checkpoints = stateDir + "/checkpoints";
        Await.until(
                RETAINED_CHECKPOINTS + " completed checkpoints of " + second.getJobID(),
                timeout,
                () ->
                        LocalFlink.completedCheckpoints(checkpoints, second.getJobID()).size()
                                >= RETAINED_CHECKPOINTS);
        second.cancel().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        awaitTermination(second);
        awaitStableTree();
        List<String> retained = LocalFlink.completedCheckpoints(checkpoints, second.getJobID());
        assertThat(retained).as("checkpoints retained on cancel").hasSize(RETAINED_CHECKPOINTS);
        return new Tree(savepoint, second.getJobID().toString(), retained);
    }

    /** Microbar records the job wrote to Kafka so far. */
    int barsWritten() {
        return (int) scenario.records(Topic.BARS);
    }

    /**
     * Restores a third run from {@code restorePath} with a consumer group that never committed (so
     * only restored source state can skip what runs 1 and 2 read), feeds it the rest of the tape
     * and the sentinels, waits until every expected signal is out, cancels it and returns the
     * output of all runs.
     */
    Output resume(String restorePath) throws Exception {
        TaConfig config = config(RESUMED_GROUP);
        long secondCut = scenario.tapeStart() + SECOND_CUT_MS;
        scenario.produce(l -> l.arrivalMs() >= secondCut);
        scenario.produceSentinels();
        JobClient third = submit(config, restorePath, "ta-state-tree-resumed");
        int expected = expectedSignals().size();
        try {
            Await.until(
                    expected + " signal identities from the resumed run",
                    timeout,
                    () ->
                            scenario.kafkaRowsByIdentity(Topic.SIGNALS, TaTables.SIGNALS).size()
                                    >= expected);
        } catch (AssertionError timedOut) {
            // The caller's comparison names what is missing.
        }
        third.cancel().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        awaitTermination(third);
        List<List<String>> barRows = scenario.kafkaRows(Topic.BARS, TaTables.MICROBARS, false);
        return new Output(
                OutputRows.byIdentity(TaTables.MICROBARS, barRows),
                scenario.kafkaRowsByIdentity(Topic.SIGNALS, TaTables.SIGNALS),
                barRows,
                scenario.read(Topic.DEAD_LETTERS, false).size());
    }

    /** The uninterrupted result: the reference bars of the whole tape. */
    Map<String, List<String>> expectedBars() {
        return scenario.expectedBars(false);
    }

    /** The uninterrupted result: ta-core's engine fed the reference bars and quotes. */
    Map<String, List<String>> expectedSignals() {
        return scenario.expectedSignals(config(GROUP), false);
    }

    /** Malformed records in the whole tape: each must reach the dead letters exactly once. */
    int malformedRecords() {
        return scenario.malformedRecords();
    }

    /** Microbar identity of one output row. */
    static String barIdentity(List<String> row) {
        return OutputRows.byIdentity(TaTables.MICROBARS, List.of(row)).keySet().iterator().next();
    }

    private JobClient submit(TaConfig config, String restorePath, String name) {
        LocalFlink.Submission job =
                platform.flink()
                        .job(config)
                        .named(name)
                        // A setting of flinkdeployment/checkpointing.yaml that JobSettings leaves
                        // alone.
                        .with(Map.of(CheckpointingOptions.ENABLE_UNALIGNED.key(), "true"));
        // As `flink run -s <path>` does; without allowNonRestoredState.
        return restorePath == null ? job.submit() : job.restoredFrom(restorePath).submit();
    }

    /** Waits until the group's committed offsets reach the end of every input partition. */
    private void awaitCaughtUp(JobClient job, String group) {
        Await.until(
                "job " + job.getJobID() + " of group " + group + " to commit every input record",
                timeout,
                () -> scenario.lag(group).isEmpty());
    }

    /**
     * Flink discards subsumed and aborted checkpoints asynchronously, possibly after the job result
     * is out; the tree is copied and backed up next, so wait until two listings in a row agree.
     */
    private void awaitStableTree() {
        List<List<String>> listings = new java.util.ArrayList<>();
        Await.until(
                "the state tree under " + stateDir + " to stop changing",
                timeout,
                () -> {
                    listings.add(platform.s3().listKeys(bucket, prefix + "/"));
                    Await.sleep(Duration.ofMillis(900));
                    int n = listings.size();
                    return n >= 2 && listings.get(n - 1).equals(listings.get(n - 2));
                });
    }

    private void awaitTermination(JobClient job) throws Exception {
        job.getJobExecutionResult()
                .handle((result, failure) -> null)
                .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }
}
