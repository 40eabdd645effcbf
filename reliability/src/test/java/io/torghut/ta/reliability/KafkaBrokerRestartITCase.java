package io.torghut.ta.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.torghut.ta.job.config.TaConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
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
        try (FaultRig rig = FaultRig.start(dir, FaultRig.options(13, 20, 5, 6), false);
                LocalFlink flink = LocalFlink.start()) {
            TaConfig config = TaConfig.fromEnv(rig.env("ta-broker-restart"));
            JobID job = flink.submit(config, Map.of(), null);
            String id = job.toHexString();

            rig.produceSlices(0, 5, SLICES, Duration.ZERO);
            FaultRig.awaitTrue(
                    () ->
                            flink.rest.completedCheckpoints(id) > 0
                                    && rig.records(FaultRig.OUT_BARS) > 0,
                    Duration.ofMinutes(2),
                    "a checkpoint and the first output");
            long outputBefore = rig.records(FaultRig.OUT_BARS);

            rig.kafka.stopBroker();
            FaultRig.sleep(DOWN);
            rig.kafka.startBroker();

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
