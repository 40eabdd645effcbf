package io.torghut.ta.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.torghut.ta.job.config.TaConfig;
import io.torghut.ta.job.config.TaConfigKey;
import io.torghut.ta.testkit.Await;
import io.torghut.ta.testkit.JobScenario;
import io.torghut.ta.testkit.LocalFlink;
import io.torghut.ta.testkit.TestPlatform;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.flink.api.common.JobID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The S3 endpoint (s3proxy) stopped for 60 s while the job runs and the tape keeps arriving:
 * checkpoints fail (time out after 10 s) or stall in the s3a client's retries, within the
 * configured tolerance, so the job neither fails nor stops producing; once S3 is back, checkpoints
 * complete again. The job is then cancelled and a new one restored from the first checkpoint
 * completed after the outage reads the rest of the tape: the output of both runs equals the
 * reference.
 */
class S3OutageITCase {
    static final int SLICES = 12;
    static final Duration OUTAGE = Duration.ofSeconds(60);
    static final int TOLERABLE_FAILED_CHECKPOINTS = 20;

    @TempDir Path dir;

    @Test
    void aMinuteWithoutS3IsToleratedAndTheNextCheckpointRestoresExactly() throws Exception {
        try (TestPlatform platform = TestPlatform.isolated(dir).taskManagers(2, 1).build()) {
            JobScenario rig =
                    platform.scenario("s3-outage").tape(JobScenario.tape(17, 20, 5, 6)).build();
            LocalFlink flink = platform.flink();
            TaConfig config =
                    rig.config(
                            "ta-s3-outage", Map.of(TaConfigKey.TA_CHECKPOINT_TIMEOUT_MS, "10000"));
            Map<String, String> flinkSettings =
                    Map.of(
                            "execution.checkpointing.tolerable-failed-checkpoints",
                            String.valueOf(TOLERABLE_FAILED_CHECKPOINTS),
                            "execution.checkpointing.num-retained",
                            "3");
            JobID first =
                    flink.job(config)
                            .restartingAsInProduction()
                            .with(flinkSettings)
                            .submit()
                            .getJobID();
            String id = first.toHexString();

            rig.produceSlices(0, 4, SLICES, Duration.ZERO);
            Await.until(
                    "two checkpoints before the outage",
                    Duration.ofMinutes(2),
                    () -> flink.rest.completedCheckpoints(id) >= 2);
            long failedBefore = flink.rest.failedCheckpoints(id);
            long completedBefore = flink.rest.completedCheckpoints(id);
            long outputBefore = rig.records(JobScenario.Topic.BARS);

            platform.s3().stop();
            for (int i = 4; i < 8; i++) {
                rig.produceSlices(i, i + 1, SLICES, OUTAGE.dividedBy(4));
                System.out.println(
                        "S3 outage, checkpoint counts: "
                                + flink.rest.checkpoints(id).path("counts"));
            }
            long completedAtRecovery = flink.rest.completedCheckpoints(id);
            long failedDuring = flink.rest.failedCheckpoints(id) - failedBefore;
            long outputDuring = rig.records(JobScenario.Topic.BARS) - outputBefore;
            String stateDuring = flink.rest.jobState(id);
            platform.s3().start();

            Await.until(
                    "a checkpoint after S3 came back",
                    Duration.ofMinutes(3),
                    () -> flink.rest.completedCheckpoints(id) > completedAtRecovery);
            long restarts = flink.rest.freshJobMetric(id, "numRestarts");
            flink.cancel(first);
            String restorePath = flink.rest.latestCheckpointPath(id);
            long restoredId =
                    flink.rest.checkpoints(id).path("latest").path("completed").path("id").asLong();

            // Whether the outage shows as failed checkpoints or as a trigger stalled in the s3a
            // client's retries depends on where each checkpoint was when S3 went away; either
            // way none completes without S3, and none of it fails the job.
            assertThat(completedAtRecovery - completedBefore)
                    .as("checkpoints completed while S3 was down (at most one already finishing)")
                    .isLessThanOrEqualTo(1);
            assertThat(failedDuring).isLessThanOrEqualTo(TOLERABLE_FAILED_CHECKPOINTS);
            assertThat(stateDuring).isEqualTo("RUNNING");
            assertThat(restarts).as("the job never restarted").isZero();
            assertThat(outputDuring).as("bars written during the outage").isPositive();
            assertThat(restorePath).startsWith("s3a://");

            rig.produceSlices(8, SLICES, SLICES, Duration.ZERO);
            rig.produceSentinels();
            JobID second =
                    flink.job(config)
                            .restartingAsInProduction()
                            .with(flinkSettings)
                            .restoredFrom(restorePath)
                            .submit()
                            .getJobID();
            rig.awaitComplete(config, false, Duration.ofMinutes(5));
            String secondId = second.toHexString();
            assertThat(
                            flink.rest
                                    .checkpoints(secondId)
                                    .path("latest")
                                    .path("restored")
                                    .path("external_path")
                                    .asText())
                    .isEqualTo(restorePath);

            var checks = rig.assertKafkaOutputs(config, false, false);
            var bars = checks.bars();
            var signals = checks.signals();
            System.out.printf(
                    "S3 outage: stopped %d s; %d checkpoints failed during it (tolerable %d), job"
                            + " state %s, %d bar rows written during it, restarts %d; restored"
                            + " checkpoint %d (%s); %d trade records; bars %d rows / %d identities"
                            + " / %d exact copies, signals %d rows / %d identities / %d exact"
                            + " copies; lost 0%n",
                    OUTAGE.toSeconds(),
                    failedDuring,
                    TOLERABLE_FAILED_CHECKPOINTS,
                    stateDuring,
                    outputDuring,
                    restarts,
                    restoredId,
                    restorePath,
                    rig.tradeRecords(),
                    bars.rows(),
                    bars.identities(),
                    bars.exactCopies(),
                    signals.rows(),
                    signals.identities(),
                    signals.exactCopies());
            flink.cancel(second);
        }
    }
}
