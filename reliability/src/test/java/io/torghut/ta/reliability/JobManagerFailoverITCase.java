package io.torghut.ta.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.torghut.ta.job.config.TaConfig;
import io.torghut.ta.job.config.TaConfigKey;
import io.torghut.ta.testkit.Await;
import io.torghut.ta.testkit.JobScenario;
import io.torghut.ta.testkit.JobScenario.Topic;
import io.torghut.ta.testkit.LocalFlink;
import io.torghut.ta.testkit.TestPlatform;
import io.torghut.ta.testkit.ZooKeeperServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.JobID;
import org.apache.flink.core.fs.FileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * JobManager failover on a real cluster, in application mode as the operator runs the job: a
 * standalone cluster of separate processes (a JobManager running {@link
 * StandaloneApplicationEntryPoint} with the shaded job JAR in its {@code usrlib}, two
 * TaskManagers), ZooKeeper high availability (Debian's ZooKeeper as its own process) with the HA
 * storage in the S3 API server, checkpoints in S3.
 *
 * <ul>
 *   <li>{@code kill -9} of the JobManager mid-run and a new one started: the job is recovered from
 *       the HA services and restored from the latest completed checkpoint; its output equals the
 *       reference (the failure-free result), nothing lost.
 *   <li>The replay trap with real HA metadata: a new JobManager started with a fresh {@code
 *       TA_GROUP_ID} and {@code earliest} while the HA data is kept runs {@code main} with the new
 *       environment, yet recovers the old job graph from its checkpoint and re-reads nothing. Mode
 *       1's path (HA data cleared, no restored state) re-reads the retained input.
 * </ul>
 */
class JobManagerFailoverITCase {
    static final String ENTRY_CLASS = "io.torghut.ta.job.TaJob";
    // Fixed, as the operator fixes $internal.pipeline.job-id for a FlinkDeployment's job.
    static final String JOB_ID = "7a0c0000000000000000000000000001";
    static final String CLUSTER_ID = "torghut-ta";
    static final int SLICES = 8;

    @TempDir Path dir;

    @Test
    void killNineOfTheJobManagerRecoversTheJobFromItsLatestCheckpointWithExactOutput()
            throws Exception {
        long started = System.nanoTime();
        Path jar = jobJar();
        try (TestPlatform platform = TestPlatform.isolated(dir.resolve("platform")).build();
                ZooKeeperServer zk = ZooKeeperServer.start(dir.resolve("zookeeper"))) {
            JobScenario rig =
                    platform.scenario("jm-failover").tape(JobScenario.tape(37, 10, 5, 6)).build();
            Map<TaConfigKey, String> jobEnv = rig.env("ta-jm-failover");
            jobEnv.put(TaConfigKey.TA_PARALLELISM, "2");
            TaConfig config = JobScenario.config(jobEnv);
            try (StandaloneFlinkCluster flink =
                    StandaloneFlinkCluster.startApplication(
                            dir.resolve("flink"),
                            highAvailability(platform, zk, rig),
                            JobScenario.names(jobEnv),
                            2,
                            jar,
                            ENTRY_CLASS)) {
                awaitRunning(flink);
                rig.produceSlices(0, SLICES / 2, SLICES, Duration.ZERO);
                Await.until(
                        "two completed checkpoints",
                        Duration.ofMinutes(3),
                        () -> flink.rest.completedCheckpoints(JOB_ID) >= 2);
                long outputBefore = rig.records(Topic.BARS);
                // The JobManager reports a checkpoint completed only once the HA store holds it.
                long reported =
                        flink.rest
                                .checkpoints(JOB_ID)
                                .path("latest")
                                .path("completed")
                                .path("id")
                                .asLong();
                flink.kill9(flink.jobManager());
                String checkpoints = rig.stateDir("ta-jm-failover") + "/checkpoints";
                List<String> completed =
                        LocalFlink.completedCheckpoints(checkpoints, JobID.fromHexString(JOB_ID));
                long killedAt = System.nanoTime();

                String second = flink.startJobManager(JobScenario.names(jobEnv));
                Duration back = awaitRestored(flink);
                long recoveredAfter = (System.nanoTime() - killedAt) / 1_000_000;
                rig.produceSlices(SLICES / 2, SLICES, SLICES, Duration.ZERO);
                rig.produceSentinels();
                try {
                    rig.awaitComplete(config, false, Duration.ofMinutes(5));
                } catch (AssertionError e) {
                    throw new AssertionError(e.getMessage() + "\n" + flink.logTails(), e);
                }
                JsonNode restored = flink.rest.checkpoints(JOB_ID).path("latest").path("restored");
                // A checkpoint whose metadata was written but which the killed JobManager had not
                // yet added to the HA store is not completed: the restore takes the latest one the
                // store held, which is at least the one reported before the kill and one of those
                // whose metadata is in storage.
                assertThat(restored.path("external_path").asText())
                        .as("restored from a checkpoint completed in storage")
                        .isIn(completed);
                assertThat(restored.path("id").asLong())
                        .as(
                                "restored from the latest checkpoint completed before the kill, or later")
                        .isGreaterThanOrEqualTo(reported)
                        .isPositive();
                assertThat(flink.log(second))
                        .as("the new JobManager recovered the job from the HA services")
                        .contains("Trying to recover job with job id " + JOB_ID)
                        .contains(JOB_ID);
                var checks = rig.assertKafkaOutputs(config, false, false);
                System.out.printf(
                        "JobManager failover (application mode, ZooKeeper HA, HA storage in S3):"
                                + " kill -9 after %d bar rows; new JobManager; job back in %d ms"
                                + " after the kill (%s after its start), restored %s; %d trade"
                                + " records; bars %d rows / %d identities / %d exact copies,"
                                + " signals %d rows / %d identities / %d exact copies; lost 0;"
                                + " %d s%n",
                        outputBefore,
                        recoveredAfter,
                        back,
                        restored.path("external_path").asText(),
                        rig.tradeRecords(),
                        checks.bars().rows(),
                        checks.bars().identities(),
                        checks.bars().exactCopies(),
                        checks.signals().rows(),
                        checks.signals().identities(),
                        checks.signals().exactCopies(),
                        (System.nanoTime() - started) / 1_000_000_000);
            }
        }
    }

    @Test
    void aFreshGroupReReadsNothingWhileHaDataIsKeptAndModeOnesPathReReadsTheRetainedInput()
            throws Exception {
        long started = System.nanoTime();
        Path jar = jobJar();
        try (TestPlatform platform = TestPlatform.isolated(dir.resolve("platform")).build();
                ZooKeeperServer zk = ZooKeeperServer.start(dir.resolve("zookeeper"))) {
            JobScenario rig =
                    platform.scenario("replay-trap").tape(JobScenario.tape(47, 6, 4, 3)).build();
            Map<TaConfigKey, String> live = rig.env("ta-live");
            live.put(TaConfigKey.TA_PARALLELISM, "2");
            TaConfig liveConfig = JobScenario.config(live);
            // The replay's settings: a fresh group from the earliest retained offset.
            Map<TaConfigKey, String> replay = rig.env("ta-replay");
            replay.put(TaConfigKey.TA_PARALLELISM, "2");
            TaConfig replayConfig = JobScenario.config(replay);
            Map<String, String> ha = highAvailability(platform, zk, rig);
            try (StandaloneFlinkCluster flink =
                    StandaloneFlinkCluster.startApplication(
                            dir.resolve("flink"),
                            ha,
                            JobScenario.names(live),
                            2,
                            jar,
                            ENTRY_CLASS)) {
                awaitRunning(flink);
                rig.produceAll();
                rig.produceSentinels();
                rig.awaitComplete(liveConfig, false, Duration.ofMinutes(4));
                // Everything read is committed to the live group by a checkpoint.
                Await.until(
                        "the live group to have committed every input offset",
                        Duration.ofMinutes(2),
                        () -> rig.lag("ta-live").isEmpty());
                long liveRows = rig.records(Topic.BARS);

                // The trap: the JobManager restarts with the replay's environment, HA data kept.
                flink.kill9(flink.jobManager());
                String trap = flink.startJobManager(JobScenario.names(replay));
                awaitRestored(flink);
                long checkpointsAfterRecovery = flink.rest.completedCheckpoints(JOB_ID);
                Await.until(
                        "two checkpoints of the recovered job",
                        Duration.ofMinutes(2),
                        () ->
                                flink.rest.completedCheckpoints(JOB_ID)
                                        >= checkpointsAfterRecovery + 2);
                String trapLog = flink.log(trap);
                assertThat(trapLog)
                        .as("main ran with the replay's environment")
                        .contains("TA_GROUP_ID=ta-replay");
                assertThat(trapLog)
                        .as("and the job graph came from the HA services")
                        .contains("Trying to recover job with job id " + JOB_ID);
                long trapRows = rig.records(Topic.BARS);
                assertThat(trapRows)
                        .as(
                                "bar records after a new JobManager with a fresh group and earliest,"
                                        + " HA data kept")
                        .isEqualTo(liveRows);
                assertThat(rig.lag("ta-replay"))
                        .as("the fresh group was never used: it has no offsets")
                        .isNotEmpty();

                // Mode 1's path: the JobManager stops, the HA data is cleared, no restored state.
                flink.kill9(flink.jobManager());
                zk.deleteRecursively("/flink/" + CLUSTER_ID);
                org.apache.flink.core.fs.Path haStorage =
                        new org.apache.flink.core.fs.Path(ha.get("high-availability.storageDir"));
                FileSystem fs = haStorage.getFileSystem();
                fs.delete(haStorage, true);
                assertThat(fs.exists(haStorage)).isFalse();
                String fresh = flink.startJobManager(JobScenario.names(replay));
                awaitRunning(flink);
                Await.until(
                        "the replay to re-read the retained input",
                        Duration.ofMinutes(4),
                        () ->
                                rig.lag("ta-replay").isEmpty()
                                        && rig.records(Topic.BARS) >= 2 * liveRows);
                long replayRows = rig.records(Topic.BARS);
                assertThat(flink.log(fresh))
                        .doesNotContain("Trying to recover job with job id " + JOB_ID);
                var checks = rig.assertKafkaOutputs(replayConfig, false, false);
                System.out.printf(
                        "replay trap (application mode, ZooKeeper HA): live run %d bar records;"
                                + " new JobManager with TA_GROUP_ID=ta-replay and earliest, HA"
                                + " kept: job graph recovered, %d bar records (re-read %d);"
                                + " HA data cleared (ZooKeeper /flink/%s, %s), no restored state:"
                                + " %d bar records (re-read %d); bars %d identities / %d exact"
                                + " copies, signals %d identities / %d exact copies; lost 0;"
                                + " %d s%n",
                        liveRows,
                        trapRows,
                        trapRows - liveRows,
                        CLUSTER_ID,
                        haStorage,
                        replayRows,
                        replayRows - liveRows,
                        checks.bars().identities(),
                        checks.bars().exactCopies(),
                        checks.signals().identities(),
                        checks.signals().exactCopies(),
                        (System.nanoTime() - started) / 1_000_000_000);
            }
        }
    }

    private static Path jobJar() {
        Path jar = Path.of(System.getProperty("ta.job.jar"));
        assertThat(jar).as("the shaded job JAR built by ta-job's package phase").isRegularFile();
        return jar;
    }

    /**
     * The cluster's settings: ZooKeeper HA with the HA storage in S3, the job id fixed (as the
     * operator fixes it), restarts and retained checkpoints as production's.
     */
    private static Map<String, String> highAvailability(
            TestPlatform platform, ZooKeeperServer zk, JobScenario rig) {
        Map<String, String> c = new LinkedHashMap<>(platform.s3().flinkS3Config());
        c.put("high-availability.type", "zookeeper");
        c.put("high-availability.zookeeper.quorum", zk.connectString());
        c.put("high-availability.zookeeper.path.root", "/flink");
        c.put("high-availability.cluster-id", CLUSTER_ID);
        c.put(
                "high-availability.storageDir",
                "s3a://" + TestPlatform.BUCKET + "/" + rig.name() + "/ha");
        // A killed JobManager holds its leadership until its ZooKeeper session expires.
        c.put("high-availability.zookeeper.client.session-timeout", "6 s");
        c.put("high-availability.zookeeper.client.connection-timeout", "5 s");
        c.put("$internal.pipeline.job-id", JOB_ID);
        c.put("restart-strategy.type", "exponential-delay");
        c.put("restart-strategy.exponential-delay.initial-backoff", "1 s");
        c.put("restart-strategy.exponential-delay.max-backoff", "10 s");
        c.put("execution.checkpointing.num-retained", "3");
        return c;
    }

    private static void awaitRunning(StandaloneFlinkCluster flink) {
        Await.until(
                "the job to run",
                Duration.ofMinutes(3),
                () -> {
                    try {
                        return JobReadiness.allTasksRunning(flink.rest, JOB_ID);
                    } catch (RuntimeException notYet) {
                        return false;
                    }
                });
    }

    private static Duration awaitRestored(StandaloneFlinkCluster flink) {
        try {
            return JobReadiness.awaitBack(flink.rest, JOB_ID, Duration.ofMinutes(3));
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\n" + flink.logTails(), e);
        }
    }
}
