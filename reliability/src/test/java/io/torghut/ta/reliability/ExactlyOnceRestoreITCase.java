package io.torghut.ta.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.torghut.ta.job.config.TaConfig;
import io.torghut.ta.job.config.TaConfigKey;
import io.torghut.ta.testkit.Await;
import io.torghut.ta.testkit.JobScenario;
import io.torghut.ta.testkit.JobScenario.Topic;
import io.torghut.ta.testkit.LocalFlink;
import io.torghut.ta.testkit.LogCapture;
import io.torghut.ta.testkit.TestPlatform;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The 2026-03-09 incident: the replaced job's transactional sink timed out on restore ("awaiting
 * InitProducerId"), stayed FAILED for eight hours and trading stopped. With {@code
 * TA_KAFKA_DELIVERY_GUARANTEE=EXACTLY_ONCE}:
 *
 * <ul>
 *   <li>a job stopped with a savepoint and restored after longer than its transaction timeout (5 s
 *       here, and the broker's abort of expired transactions runs every 10 s) is back (every task
 *       RUNNING and a checkpoint completed) within a bound, and its output read committed equals
 *       the reference with no row twice;
 *   <li>a job whose only broker is stopped for 15 s while transactions are open, and started again,
 *       is back within a bound with the same output.
 * </ul>
 *
 * <p>A stall shows as a failure carrying the task states and a thread dump of the MiniCluster's
 * threads ({@link JobReadiness}).
 */
class ExactlyOnceRestoreITCase {
    static final int SLICES = 6;
    static final Duration BACK_WITHIN = Duration.ofSeconds(60);
    static final Duration TRANSACTION_TIMEOUT = Duration.ofSeconds(5);
    // The broker aborts expired transactions every 10 s
    // (transaction.abort.timed.out.transaction.cleanup.interval.ms): wait past both.
    static final Duration DOWNTIME = TRANSACTION_TIMEOUT.plusSeconds(10 + 5);
    static final Duration BROKER_DOWN = Duration.ofSeconds(15);

    @TempDir Path dir;

    @Test
    void aSavepointRestoredAfterTheTransactionTimeoutIsBackInBoundedTimeWithExactOutput()
            throws Exception {
        long started = System.nanoTime();
        try (TestPlatform platform = TestPlatform.isolated(dir).taskManagers(2, 1).build()) {
            JobScenario rig =
                    platform.scenario("eos-savepoint").tape(JobScenario.tape(17, 10, 4, 4)).build();
            LocalFlink flink = platform.flink();
            TaConfig config =
                    rig.config(
                            "ta-eos-savepoint",
                            Map.of(
                                    TaConfigKey.TA_KAFKA_DELIVERY_GUARANTEE,
                                    "EXACTLY_ONCE",
                                    TaConfigKey.TA_KAFKA_TRANSACTION_TIMEOUT_MS,
                                    Long.toString(TRANSACTION_TIMEOUT.toMillis())));
            JobClient first = flink.job(config).restartingAsInProduction().submit();
            String firstId = first.getJobID().toHexString();
            rig.produceSlices(0, SLICES / 2, SLICES, Duration.ZERO);
            Await.until(
                    "two checkpoints and committed output",
                    Duration.ofMinutes(2),
                    () ->
                            flink.rest.completedCheckpoints(firstId) >= 2
                                    && !rig.read(Topic.BARS, true).isEmpty());
            // Records keep arriving while the job is down, as production's do.
            String savepoint =
                    first.stopWithSavepoint(
                                    false,
                                    rig.stateDir("ta-eos-savepoint") + "/savepoints",
                                    SavepointFormatType.CANONICAL)
                            .get();
            rig.produceSlices(SLICES / 2, SLICES - 1, SLICES, Duration.ZERO);
            Await.sleep(DOWNTIME);

            Duration back;
            String restoreLog;
            String secondId;
            JobClient second;
            try (LogCapture log = LogCapture.start(dir.resolve("restore.log"))) {
                second =
                        flink.job(config)
                                .restartingAsInProduction()
                                .restoredFrom(savepoint)
                                .submit();
                secondId = second.getJobID().toHexString();
                back = JobReadiness.awaitBack(flink.rest, secondId, BACK_WITHIN);
                restoreLog = log.text();
            }
            // The evidence of what the sink did on restore: Flink's Kafka sink aborts the
            // transactions a previous run may have left open by initialising their ids
            // (InitProducerId bumps the epoch and aborts), then opens its own.
            long aborts = count(restoreLog, "Aborting lingering transactions");
            long producerIds = count(restoreLog, "ProducerId set to");
            assertThat(aborts).as("the sinks' aborts of lingering transactions").isPositive();
            rig.produceSlices(SLICES - 1, SLICES, SLICES, Duration.ZERO);
            rig.produceSentinels();
            rig.awaitComplete(config, true, Duration.ofMinutes(3));
            var checks = rig.assertKafkaOutputs(config, true, true);
            long restarts = flink.rest.freshJobMetric(secondId, "numRestarts");
            assertThat(restarts).as("restarts of the restored job").isZero();
            System.out.printf(
                    "EOS savepoint restore: stopped with %s, restored after %d s (transaction"
                            + " timeout %d s); %d log lines of the sinks aborting lingering"
                            + " transactions, %d InitProducerId answers; back (all tasks RUNNING + a"
                            + " checkpoint) in %d ms;"
                            + " restarts %d; %d trade records; bars %d rows / %d identities / %d"
                            + " copies, signals %d rows / %d identities / %d copies (read"
                            + " committed); lost 0; %d s%n",
                    savepoint,
                    DOWNTIME.toSeconds(),
                    TRANSACTION_TIMEOUT.toSeconds(),
                    aborts,
                    producerIds,
                    back.toMillis(),
                    restarts,
                    rig.tradeRecords(),
                    checks.bars().rows(),
                    checks.bars().identities(),
                    checks.bars().exactCopies(),
                    checks.signals().rows(),
                    checks.signals().identities(),
                    checks.signals().exactCopies(),
                    (System.nanoTime() - started) / 1_000_000_000);
            flink.cancel(second.getJobID());
        }
    }

    private static long count(String text, String what) {
        return text.lines().filter(l -> l.contains(what)).count();
    }

    @Test
    void aBrokerRestartMidTransactionIsOverInBoundedTimeWithExactOutput() throws Exception {
        long started = System.nanoTime();
        try (TestPlatform platform = TestPlatform.isolated(dir).taskManagers(2, 1).build()) {
            JobScenario rig =
                    platform.scenario("eos-broker").tape(JobScenario.tape(19, 10, 4, 4)).build();
            LocalFlink flink = platform.flink();
            // Production's transaction timeout (120 s): longer than the outage, as it must be
            // (see docs/reliability.md).
            TaConfig config =
                    rig.config(
                            "ta-eos-broker",
                            Map.of(TaConfigKey.TA_KAFKA_DELIVERY_GUARANTEE, "EXACTLY_ONCE"));
            String id =
                    flink.job(config).restartingAsInProduction().submit().getJobID().toHexString();
            rig.produceSlices(0, 2, SLICES, Duration.ZERO);
            Await.until(
                    "two checkpoints and committed output",
                    Duration.ofMinutes(2),
                    () ->
                            flink.rest.completedCheckpoints(id) >= 2
                                    && !rig.read(Topic.BARS, true).isEmpty());
            // Mid-transaction: the broker goes away while it holds records of the job's open
            // transaction (written, not yet committed by the next checkpoint).
            rig.produceSlice(2, SLICES);
            long[] open = new long[2];
            Await.until(
                    "records of an open transaction on the broker",
                    Duration.ofSeconds(30),
                    () -> {
                        open[1] = rig.read(Topic.BARS, true).size();
                        open[0] = rig.read(Topic.BARS, false).size();
                        return open[0] > open[1];
                    });
            platform.kafka().stopBroker();
            Await.sleep(BROKER_DOWN);
            platform.kafka().startBroker();
            Duration back = JobReadiness.awaitBack(flink.rest, id, Duration.ofMinutes(2));

            rig.produceSlices(3, SLICES, SLICES, Duration.ZERO);
            rig.produceSentinels();
            rig.awaitComplete(config, true, Duration.ofMinutes(3));
            var checks = rig.assertKafkaOutputs(config, true, true);
            long restarts = flink.rest.freshJobMetric(id, "numRestarts");
            System.out.printf(
                    "EOS broker restart: broker down %d s with %d records of an open transaction"
                            + " on it (%d committed); back (all tasks RUNNING"
                            + " + a checkpoint) %d ms after it returned; restarts %d; %d trade"
                            + " records; bars %d rows / %d identities / %d copies, signals %d"
                            + " rows / %d identities / %d copies (read committed); lost 0; %d s%n",
                    BROKER_DOWN.toSeconds(),
                    open[0] - open[1],
                    open[1],
                    back.toMillis(),
                    restarts,
                    rig.tradeRecords(),
                    checks.bars().rows(),
                    checks.bars().identities(),
                    checks.bars().exactCopies(),
                    checks.signals().rows(),
                    checks.signals().identities(),
                    checks.signals().exactCopies(),
                    (System.nanoTime() - started) / 1_000_000_000);
            flink.cancel(org.apache.flink.api.common.JobID.fromHexString(id));
        }
    }
}
