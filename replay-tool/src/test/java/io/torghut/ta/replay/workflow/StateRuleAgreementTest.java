package io.torghut.ta.replay.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.torghut.ta.job.JobSettings;
import io.torghut.ta.job.config.TaConfig;
import io.torghut.ta.replay.gitops.FileRole;
import io.torghut.ta.replay.gitops.GitOpsFiles;
import io.torghut.ta.replay.testutil.Checkout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job and the tool read the state directories one way: on each checkout, the directories the
 * job's {@link JobSettings} configures from the ConfigMap over the FlinkDeployment's
 * flinkConfiguration (the cluster's) are the ones {@link StateLocation} gives, also when the two
 * files disagree (then the tool names the disagreement) or the ConfigMap is silent.
 */
class StateRuleAgreementTest {
    static final YAMLMapper YAML = new YAMLMapper();

    @TempDir Path dir;

    @Test
    void onProductionAndOnOurCheckoutTheJobAndTheToolNameTheSameDirectories() throws Exception {
        for (Checkout checkout : Checkout.values()) {
            Session s =
                    Session.open(files(checkout.writeTo(dir.resolve(checkout.name()))), "torghut");
            Map<String, String> cm = configMap(s);
            assertSame(checkout.name(), cm, s.state().flinkConfiguration());
            assertThat(s.stateLocation().problems()).as(checkout.name()).isEmpty();
        }
    }

    @Test
    void whenTheFilesDisagreeTheJobFollowsTheConfigMapAndTheToolSaysSo() throws Exception {
        Session s = Session.open(files(Checkout.PRODUCTION.writeTo(dir)), "torghut");
        Map<String, String> conf = new HashMap<>(s.state().flinkConfiguration());
        conf.put("state.checkpoints.dir", "s3a://elsewhere/checkpoints");
        conf.put("state.savepoints.dir", "s3a://elsewhere/savepoints");
        StateLocation tool = assertSame("disagreeing", configMap(s), conf);
        assertThat(tool.checkpoints().source()).isEqualTo("TA_CHECKPOINT_DIR/checkpoints");
        assertThat(tool.problems()).hasSize(2);
    }

    @Test
    void whereTheConfigMapIsSilentBothTakeTheFlinkDeployments() throws Exception {
        Session s = Session.open(files(Checkout.PRODUCTION.writeTo(dir)), "torghut");
        Map<String, String> cm = configMap(s);
        cm.remove("TA_CHECKPOINT_DIR");
        cm.remove("TA_SAVEPOINT_DIR");
        StateLocation tool = assertSame("silent", cm, s.state().flinkConfiguration());
        assertThat(tool.checkpoints().source())
                .isEqualTo("flinkConfiguration state.checkpoints.dir");
        assertThat(tool.prefix()).isEqualTo("s3a://flink-checkpoints/torghut/technical-analysis");
    }

    /** The job's directories (JobSettings) equal the tool's (StateLocation); returns the tool's. */
    private static StateLocation assertSame(
            String what, Map<String, String> configMap, Map<String, String> flinkConfiguration) {
        Map<String, String> env = new HashMap<>(configMap);
        // Secrets come from Secrets in the cluster; the job needs some to read its config.
        env.put("TA_KAFKA_USERNAME", "torghut-ws");
        env.put("TA_KAFKA_PASSWORD", "not-a-secret");
        Configuration job =
                JobSettings.apply(TaConfig.fromEnv(env), Configuration.fromMap(flinkConfiguration));
        StateLocation tool =
                StateLocation.resolve(
                        configMap.get("TA_CHECKPOINT_DIR"),
                        configMap.get("TA_SAVEPOINT_DIR"),
                        flinkConfiguration);
        assertThat(job.get(CheckpointingOptions.CHECKPOINTS_DIRECTORY))
                .as(what + ": checkpoints")
                .isEqualTo(tool.checkpoints().dir());
        assertThat(job.get(CheckpointingOptions.SAVEPOINT_DIRECTORY))
                .as(what + ": savepoints")
                .isEqualTo(tool.savepoints().dir());
        return tool;
    }

    private static Map<String, String> configMap(Session s) throws Exception {
        JsonNode data = YAML.readTree(s.texts().text(FileRole.TA_CONFIGMAP)).path("data");
        Map<String, String> m = new HashMap<>();
        data.fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue().asText()));
        return m;
    }

    private static GitOpsFiles files(Path root) {
        assertThat(Files.isDirectory(root)).isTrue();
        return new GitOpsFiles(root, Map.of(), null);
    }
}
