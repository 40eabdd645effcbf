package io.torghut.ta.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.torghut.ta.testkit.FlinkStateTreeGenerator.RunResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tests for {@link FlinkStateTreeGenerator}: real s3a checkpoints that really restore. */
class FlinkStateTreeGeneratorITCase {

    private static final String CKPT = "s3a://flink-checkpoints/job/checkpoints";
    private static final String SAVE = "s3a://flink-checkpoints/job/savepoints";
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @TempDir Path dir;

    @Test
    void writesCheckpointsAndSavepointToS3AndStateContinuesAfterRestore() {
        try (S3ProxyServer s3 = S3ProxyServer.start(dir, "gen-ak", "gen-sk", "flink-checkpoints")) {
            FlinkStateTreeGenerator generator = new FlinkStateTreeGenerator(s3);

            FlinkStateTreeGenerator.StateTree tree = generator.generate(CKPT, SAVE, 3, TIMEOUT);

            RunResult first = tree.savepointRun();
            RunResult second = tree.checkpointRun();
            assertThat(first.firstCountByKey()).hasSize(FlinkStateTreeGenerator.KEYS);
            assertThat(first.firstCountByKey().values()).containsOnly(1L);
            assertThat(first.savepointPath()).get().asString().startsWith(SAVE + "/savepoint-");
            assertContinues(second, first);

            List<String> keys = s3.listKeys("flink-checkpoints", "job/");
            String jobPrefix = "job/checkpoints/" + second.jobId() + "/";
            assertThat(keys).anyMatch(k -> k.startsWith(jobPrefix) && k.endsWith("/_metadata"));
            assertThat(keys).anyMatch(k -> k.startsWith("job/savepoints/savepoint-"));
            // State handles are separate objects, not inlined in _metadata.
            assertThat(keys.stream().filter(k -> k.startsWith(jobPrefix + "chk-")).count())
                    .isGreaterThan(2);

            RunResult third = generator.runAndCancel(CKPT, tree.latestCheckpoint(), 1, TIMEOUT);
            assertContinues(third, second);
        }
    }

    private static void assertContinues(RunResult restored, RunResult before) {
        assertThat(restored.firstCountByKey()).hasSize(FlinkStateTreeGenerator.KEYS);
        restored.firstCountByKey()
                .forEach(
                        (key, count) ->
                                assertThat(count)
                                        .as("counter for key %s continues", key)
                                        .isGreaterThan(1L)
                                        .isLessThanOrEqualTo(before.lastCountByKey().get(key) + 1));
    }
}
