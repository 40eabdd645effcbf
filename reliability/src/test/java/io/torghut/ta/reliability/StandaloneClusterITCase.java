package io.torghut.ta.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.torghut.ta.job.config.TaConfig;
import io.torghut.ta.job.config.TaConfigKey;
import io.torghut.ta.testkit.Await;
import io.torghut.ta.testkit.JobScenario;
import io.torghut.ta.testkit.TestPlatform;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shaded job JAR (ta-job/target/ta-job.jar, as the Docker image ships it) on a real distributed
 * Flink: a standalone session cluster of a JobManager and two TaskManagers as separate JVM
 * processes, s3-fs-hadoop as a plugin and checkpoints in S3 (s3proxy). The JAR is uploaded and run
 * through the REST API as a user (or the Kubernetes operator) does; mid-run one TaskManager gets
 * SIGKILL and a replacement is started, as Kubernetes restarts a pod. The job restores from its S3
 * checkpoint and its Kafka output equals the reference (the failure-free result).
 */
class StandaloneClusterITCase {
    static final int SLICES = 10;

    @TempDir Path dir;

    @Test
    void theShadedJarRecoversFromKillNineOfATaskManagerWithExactOutput() throws Exception {
        Path jar = Path.of(System.getProperty("ta.job.jar"));
        assertThat(jar).as("the shaded job JAR built by ta-job's package phase").isRegularFile();
        try (TestPlatform platform = TestPlatform.isolated(dir.resolve("platform")).build()) {
            JobScenario rig =
                    platform.scenario("standalone").tape(JobScenario.tape(29, 20, 5, 6)).build();
            Map<TaConfigKey, String> jobEnv = rig.env("ta-standalone");
            jobEnv.put(TaConfigKey.TA_PARALLELISM, "2");
            TaConfig config = JobScenario.config(jobEnv);
            Map<String, String> env = JobScenario.names(jobEnv);
            Map<String, String> flinkConfig = new LinkedHashMap<>(platform.s3().flinkS3Config());
            flinkConfig.putAll(
                    Map.of(
                            "restart-strategy.type", "exponential-delay",
                            "restart-strategy.exponential-delay.initial-backoff", "1 s",
                            "restart-strategy.exponential-delay.max-backoff", "10 s",
                            "execution.checkpointing.num-retained", "3"));
            try (StandaloneFlinkCluster flink =
                    StandaloneFlinkCluster.start(dir.resolve("flink"), flinkConfig, env, 2)) {
                String jarId = flink.rest.uploadJar(jar);
                JsonNode run =
                        flink.rest.post(
                                "jars/" + jarId + "/run",
                                "{\"entryClass\":\"io.torghut.ta.job.TaJob\",\"parallelism\":2}");
                String job = run.path("jobid").asText();
                assertThat(job).as("job id from /jars/:id/run: %s", run).hasSize(32);

                rig.produceSlices(0, 5, SLICES, Duration.ZERO);
                Await.until(
                        "two completed checkpoints",
                        Duration.ofMinutes(3),
                        () -> flink.rest.completedCheckpoints(job) >= 2);
                long outputBefore = rig.records(JobScenario.Topic.BARS);
                flink.kill9("taskmanager-1");
                flink.startTaskManager();

                rig.produceSlices(5, SLICES, SLICES, Duration.ZERO);
                rig.produceSentinels();
                try {
                    rig.awaitComplete(config, false, Duration.ofMinutes(5));
                } catch (AssertionError e) {
                    throw new AssertionError(e.getMessage() + "\n" + flink.logTails(), e);
                }

                JsonNode restored = flink.rest.checkpoints(job).path("latest").path("restored");
                long restarts = flink.rest.freshJobMetric(job, "numRestarts");
                assertThat(restarts).as("restarts").isPositive();
                assertThat(restored.path("external_path").asText())
                        .as("restored from S3")
                        .startsWith(rig.stateDir("ta-standalone") + "/checkpoints/" + job);
                assertThat(flink.rest.jobState(job)).isEqualTo("RUNNING");

                var checks = rig.assertKafkaOutputs(config, false, false);
                var bars = checks.bars();
                var signals = checks.signals();
                System.out.printf(
                        "standalone cluster: JobManager + 2 TaskManagers as processes, %s (%d"
                                + " bytes) run through REST; SIGKILL to a TaskManager after %d bar"
                                + " rows; restarts %d, restored checkpoint %d from %s; %d trade"
                                + " records; bars %d rows / %d identities / %d exact copies,"
                                + " signals %d rows / %d identities / %d exact copies; lost 0%n",
                        jar.getFileName(),
                        Files.size(jar),
                        outputBefore,
                        restarts,
                        restored.path("id").asLong(),
                        restored.path("external_path").asText(),
                        rig.tradeRecords(),
                        bars.rows(),
                        bars.identities(),
                        bars.exactCopies(),
                        signals.rows(),
                        signals.identities(),
                        signals.exactCopies());
                flink.rest.patch("jobs/" + job + "?mode=cancel");
            }
        }
    }
}
