package io.torghut.ta.reliability;

import static org.assertj.core.api.Assertions.assertThat;

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
 * The Kafka broker (the job's only one: sources, sinks and offsets) is stopped for 15 s mid-run and
 * started again on the same address, as a broker pod restart does. The job resumes by itself and
 * its output equals the reference.
 */
class KafkaBrokerRestartITCase {
    static final int SLICES = 10;
    static final Duration DOWN = Duration.ofSeconds(15);

    @TempDir Path dir;

    @Test
    void theJobResumesAfterABrokerRestartAndItsOutputIsExact() throws Exception {
        try (TestPlatform platform = TestPlatform.isolated(dir).taskManagers(2, 1).build()) {
            JobScenario rig =
                    platform.scenario("broker-restart")
                            .tape(JobScenario.tape(13, 20, 5, 6))
                            .build();
            LocalFlink flink = platform.flink();
            TaConfig config = rig.config("ta-broker-restart");
            JobID job = flink.job(config).restartingAsInProduction().submit().getJobID();
            String id = job.toHexString();

            rig.produceSlices(0, 5, SLICES, Duration.ZERO);
            Await.until(
                    "a checkpoint and the first output",
                    Duration.ofMinutes(2),
                    () ->
                            flink.rest.completedCheckpoints(id) > 0
                                    && rig.records(JobScenario.Topic.BARS) > 0);
            long outputBefore = rig.records(JobScenario.Topic.BARS);

            platform.kafka().stopBroker();
            Await.sleep(DOWN);
            platform.kafka().startBroker();

            rig.produceSlices(5, SLICES, SLICES, Duration.ZERO);
            rig.produceSentinels();
            rig.awaitComplete(config, false, Duration.ofMinutes(5));

            var checks = rig.assertKafkaOutputs(config, false, false);
            var bars = checks.bars();
            var signals = checks.signals();
            assertThat(bars.rows()).isGreaterThan((int) outputBefore);
            System.out.printf(
                    "Kafka broker restart: down %d s after %d bar rows; job restarts %d;"
                            + " %d trade records; bars %d rows / %d identities / %d exact copies,"
                            + " signals %d rows / %d identities / %d exact copies; lost 0%n",
                    DOWN.toSeconds(),
                    outputBefore,
                    flink.rest.freshJobMetric(id, "numRestarts"),
                    rig.tradeRecords(),
                    bars.rows(),
                    bars.identities(),
                    bars.exactCopies(),
                    signals.rows(),
                    signals.identities(),
                    signals.exactCopies());
            flink.cancel(job);
        }
    }
}
