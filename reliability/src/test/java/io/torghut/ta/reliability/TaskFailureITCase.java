package io.torghut.ta.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.torghut.ta.job.clickhouse.TaTables;
import io.torghut.ta.job.config.TaConfig;
import io.torghut.ta.job.config.TaConfigKey;
import io.torghut.ta.testkit.Await;
import io.torghut.ta.testkit.JobScenario;
import io.torghut.ta.testkit.LocalFlink;
import io.torghut.ta.testkit.TestPlatform;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.apache.flink.api.common.JobID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three TaskManager losses while the job works through a tape of over a million trades: after each
 * of three slices of the tape (of eight) has been produced and a checkpoint has completed since the
 * previous failure, the oldest TaskManager is terminated and a new one started, so the job fails
 * over mid-slice and restores from its S3 checkpoint. Run once with at-least-once and once with
 * exactly-once Kafka sinks; ClickHouse is at-least-once in both (its table keys make that
 * idempotent).
 *
 * <p>Compared with the reference (the failure-free result) by row identity: ClickHouse under FINAL
 * equal row for row, Kafka with every identity and its final row, repeats only as exact copies in
 * at-least-once mode and no repeat at all, read committed, in exactly-once mode.
 */
class TaskFailureITCase {
    static final int SLICES = 8;
    static final Set<Integer> FAIL_AFTER_SLICES = Set.of(1, 3, 5);

    @TempDir Path dir;

    @Test
    void threeTaskManagerLossesLoseNothingWithAtLeastOnceSinks() throws Exception {
        run("AT_LEAST_ONCE");
    }

    @Test
    void threeTaskManagerLossesWriteEachRowOnceWithExactlyOnceSinks() throws Exception {
        run("EXACTLY_ONCE");
    }

    private void run(String guarantee) throws Exception {
        boolean exactlyOnce = guarantee.equals("EXACTLY_ONCE");
        try (TestPlatform platform = TestPlatform.isolated(dir).taskManagers(2, 1).build()) {
            JobScenario rig =
                    platform.scenario("failover")
                            .tape(JobScenario.tape(7, 100, 19, 9))
                            .withClickHouse()
                            .build();
            LocalFlink flink = platform.flink();
            assertThat(rig.tradeRecords()).isGreaterThanOrEqualTo(1_000_000);
            TaConfig config =
                    rig.config(
                            "ta-failover-" + guarantee.toLowerCase(),
                            Map.of(TaConfigKey.TA_KAFKA_DELIVERY_GUARANTEE, guarantee));
            JobID job = flink.job(config).restartingAsInProduction().submit().getJobID();
            String id = job.toHexString();

            long completedAtLastFailure = 0;
            int failures = 0;
            for (int i = 0; i < SLICES; i++) {
                rig.produceSlice(i, SLICES);
                if (FAIL_AFTER_SLICES.contains(i)) {
                    long before = completedAtLastFailure;
                    Await.until(
                            "a checkpoint after the last failure",
                            Duration.ofMinutes(3),
                            () -> flink.rest.completedCheckpoints(id) > before);
                    completedAtLastFailure = flink.rest.completedCheckpoints(id);
                    flink.replaceTaskManager();
                    failures++;
                }
            }
            rig.produceSentinels();
            rig.awaitComplete(config, exactlyOnce, Duration.ofMinutes(6));

            assertThat(failures).isEqualTo(3);
            long restarts = flink.rest.freshJobMetric(id, "numRestarts");
            assertThat(restarts).as("restarts of the job").isGreaterThanOrEqualTo(3);
            assertThat(flink.rest.exceptionHistory(id).size())
                    .as("failures in the job's exception history")
                    .isGreaterThanOrEqualTo(3);

            var checks = rig.assertKafkaOutputs(config, exactlyOnce, exactlyOnce);
            var bars = checks.bars();
            var signals = checks.signals();
            rig.assertClickHouseOutput(config);
            System.out.printf(
                    "task failures (%s): %d trade records, %d TaskManagers killed, %d restarts,"
                            + " %d completed checkpoints; Kafka bars %d rows / %d identities / %d"
                            + " exact copies, signals %d rows / %d identities / %d exact copies;"
                            + " ClickHouse FINAL %d bars, %d signals; lost 0%n",
                    guarantee,
                    rig.tradeRecords(),
                    failures,
                    restarts,
                    flink.rest.completedCheckpoints(id),
                    bars.rows(),
                    bars.identities(),
                    bars.exactCopies(),
                    signals.rows(),
                    signals.identities(),
                    signals.exactCopies(),
                    rig.clickhouseCount(TaTables.MICROBARS),
                    rig.clickhouseCount(TaTables.SIGNALS));
            flink.cancel(job);
        }
    }
}
