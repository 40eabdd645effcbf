package io.torghut.ta.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.torghut.ta.job.clickhouse.TaTables;
import io.torghut.ta.job.config.TaConfig;
import io.torghut.ta.testkit.Await;
import io.torghut.ta.testkit.JobScenario;
import io.torghut.ta.testkit.LocalFlink;
import io.torghut.ta.testkit.TestPlatform;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.flink.api.common.JobID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ClickHouse stopped for 60 s while the job runs and the tape keeps arriving: the JDBC sink retries
 * its batch, then fails the task; the job restarts with backoff from its last checkpoint until the
 * server is back. Nothing is lost, ClickHouse under FINAL holds one row per identity equal to the
 * reference, and the outage shows in the job's metrics (restarts) and exception history.
 */
class ClickHouseOutageITCase {
    static final int SLICES = 12;
    static final Duration OUTAGE = Duration.ofSeconds(60);

    @TempDir Path dir;

    @Test
    void aMinuteWithoutClickHouseLosesNothingAndShowsInTheMetrics() throws Exception {
        try (TestPlatform platform = TestPlatform.isolated(dir).taskManagers(2, 1).build()) {
            JobScenario rig =
                    platform.scenario("clickhouse-outage")
                            .tape(JobScenario.tape(11, 20, 5, 6))
                            .withClickHouse()
                            .build();
            LocalFlink flink = platform.flink();
            TaConfig config = rig.config("ta-clickhouse-outage");
            JobID job = flink.job(config).restartingAsInProduction().submit().getJobID();
            String id = job.toHexString();

            rig.produceSlices(0, 4, SLICES, Duration.ZERO);
            Await.until(
                    "the first rows in ClickHouse",
                    Duration.ofMinutes(2),
                    () -> rig.clickhouseCount(TaTables.MICROBARS) > 0);
            long rowsBefore = rig.clickhouseCount(TaTables.MICROBARS);
            long restartsBefore = flink.rest.freshJobMetric(id, "numRestarts");

            platform.clickhouse().stop();
            rig.produceSlices(4, 8, SLICES, OUTAGE.dividedBy(4));
            long restartsDuring = flink.rest.freshJobMetric(id, "numRestarts");
            platform.clickhouse().start();

            rig.produceSlices(8, SLICES, SLICES, Duration.ZERO);
            rig.produceSentinels();
            rig.awaitComplete(config, false, Duration.ofMinutes(5));

            assertThat(restartsDuring)
                    .as("restarts during the outage")
                    .isGreaterThan(restartsBefore);
            assertThat(flink.rest.exceptionHistory(id).toString())
                    .as("the failures name the sink's connection problem")
                    .containsAnyOf(
                            "ClickHouse", "clickhouse", "SQLException", "Connection refused");
            var checks = rig.assertKafkaOutputs(config, false, false);
            var bars = checks.bars();
            var signals = checks.signals();
            rig.assertClickHouseOutput(config);
            System.out.printf(
                    "ClickHouse outage: stopped %d s with %d bar rows stored; restarts %d before,"
                            + " %d at the end of the outage, %d in all; %d trade records; ClickHouse"
                            + " FINAL %d bars, %d signals, equal to the reference; Kafka %d/%d bar"
                            + " and %d/%d signal rows/identities; lost 0%n",
                    OUTAGE.toSeconds(),
                    rowsBefore,
                    restartsBefore,
                    restartsDuring,
                    flink.rest.freshJobMetric(id, "numRestarts"),
                    rig.tradeRecords(),
                    rig.clickhouseCount(TaTables.MICROBARS),
                    rig.clickhouseCount(TaTables.SIGNALS),
                    bars.rows(),
                    bars.identities(),
                    signals.rows(),
                    signals.identities());
            flink.cancel(job);
        }
    }
}
