package io.torghut.ta.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.torghut.ta.job.config.TaConfig;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;

/**
 * The job's side of the state-directory rule: TA_CHECKPOINT_DIR is the state prefix and the
 * checkpoints go to its {@code checkpoints/}; TA_SAVEPOINT_DIR is the savepoint directory; both win
 * over the cluster's flinkConfiguration, which decides only where the ConfigMap is silent.
 */
class JobSettingsTest {
    /** Production's TA_CHECKPOINT_DIR (testkit's ConfigMap fixture). */
    static final String PREFIX = "s3a://flink-checkpoints/torghut/technical-analysis";

    @Test
    void productionsConfigMapPutsCheckpointsUnderThePrefix() {
        Configuration conf =
                JobSettings.apply(
                        config(PREFIX, PREFIX + "/savepoints"),
                        clusterOf(PREFIX + "/checkpoints", PREFIX + "/savepoints"));
        assertThat(conf.get(CheckpointingOptions.CHECKPOINTS_DIRECTORY))
                .isEqualTo(PREFIX + "/checkpoints");
        assertThat(conf.get(CheckpointingOptions.SAVEPOINT_DIRECTORY))
                .isEqualTo(PREFIX + "/savepoints");
    }

    @Test
    void theConfigMapWinsOverADisagreeingFlinkConfiguration() {
        for (String[] keys :
                new String[][] {
                    {"state.checkpoints.dir", "state.savepoints.dir"},
                    {"execution.checkpointing.dir", "execution.checkpointing.savepoint-dir"}
                }) {
            Configuration cluster = new Configuration();
            cluster.setString(keys[0], "s3a://elsewhere/checkpoints");
            cluster.setString(keys[1], "s3a://elsewhere/savepoints");
            Configuration conf = JobSettings.apply(config(PREFIX, PREFIX + "/savepoints"), cluster);
            assertThat(conf.get(CheckpointingOptions.CHECKPOINTS_DIRECTORY))
                    .as(keys[0])
                    .isEqualTo(PREFIX + "/checkpoints");
            assertThat(conf.get(CheckpointingOptions.SAVEPOINT_DIRECTORY))
                    .as(keys[1])
                    .isEqualTo(PREFIX + "/savepoints");
        }
    }

    @Test
    void whereTheConfigMapIsSilentTheClusterDecides() {
        Configuration conf =
                JobSettings.apply(
                        config(null, null), clusterOf("s3a://c/checkpoints", "s3a://c/savepoints"));
        assertThat(conf.get(CheckpointingOptions.CHECKPOINTS_DIRECTORY))
                .isEqualTo("s3a://c/checkpoints");
        assertThat(conf.get(CheckpointingOptions.SAVEPOINT_DIRECTORY))
                .isEqualTo("s3a://c/savepoints");
        Configuration onlyPrefix =
                JobSettings.apply(config(PREFIX, null), clusterOf(null, "s3a://c/savepoints"));
        assertThat(onlyPrefix.get(CheckpointingOptions.CHECKPOINTS_DIRECTORY))
                .isEqualTo(PREFIX + "/checkpoints");
        assertThat(onlyPrefix.get(CheckpointingOptions.SAVEPOINT_DIRECTORY))
                .isEqualTo("s3a://c/savepoints");
    }

    /** The cluster's flinkConfiguration as production writes it (Flink 1 names). */
    private static Configuration clusterOf(String checkpoints, String savepoints) {
        Configuration c = new Configuration();
        if (checkpoints != null) {
            c.setString("state.checkpoints.dir", checkpoints);
        }
        if (savepoints != null) {
            c.setString("state.savepoints.dir", savepoints);
        }
        return c;
    }

    private static TaConfig config(String checkpointDir, String savepointDir) {
        Map<String, String> env = new HashMap<>();
        env.put("TA_KAFKA_SECURITY", "PLAINTEXT");
        if (checkpointDir != null) {
            env.put("TA_CHECKPOINT_DIR", checkpointDir);
        }
        if (savepointDir != null) {
            env.put("TA_SAVEPOINT_DIR", savepointDir);
        }
        return TaConfig.fromEnv(env);
    }
}
