package io.torghut.ta.replay.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.torghut.ta.replay.gitops.FileRole;
import io.torghut.ta.replay.gitops.GitOpsState;
import io.torghut.ta.replay.gitops.Texts;
import io.torghut.ta.testkit.ProductionFixtures;
import io.torghut.ta.testkit.ProductionFixtures.Fixture;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Tests of the state-directory rule the job, the tool and the checkpoints scripts share: {@code
 * TA_CHECKPOINT_DIR} is the state prefix, the TA_* keys win over the FlinkDeployment's
 * flinkConfiguration, Flink 2's key over its deprecated names, and every disagreement is named.
 */
class StateLocationTest {
    static final String PREFIX = "s3a://flink-checkpoints/torghut/technical-analysis";

    @Test
    void productionsConfigMapAndFlinkDeploymentAgreeOnThePrefix() {
        Map<FileRole, String> m = new EnumMap<>(FileRole.class);
        m.put(FileRole.KNATIVE_SERVICE, ProductionFixtures.text(Fixture.KNATIVE_SERVICE));
        m.put(FileRole.TA_CONFIGMAP, ProductionFixtures.text(Fixture.TA_CONFIGMAP));
        m.put(FileRole.FLINK_DEPLOYMENT, ProductionFixtures.text(Fixture.TA_FLINKDEPLOYMENT));
        StateLocation l = StateLocation.of(GitOpsState.read(new Texts(m)));
        assertThat(l.prefix()).isEqualTo(PREFIX);
        assertThat(l.checkpoints())
                .isEqualTo(
                        new StateLocation.Directory(
                                PREFIX + "/checkpoints", "TA_CHECKPOINT_DIR/checkpoints"));
        assertThat(l.savepoints())
                .isEqualTo(new StateLocation.Directory(PREFIX + "/savepoints", "TA_SAVEPOINT_DIR"));
        assertThat(l.problems()).isEmpty();
        assertThat(l.scriptsCoverIt()).isTrue();
    }

    @Test
    void theConfigMapWinsAndADisagreeingFlinkDeploymentIsNamed() {
        StateLocation l =
                StateLocation.resolve(
                        PREFIX,
                        PREFIX + "/savepoints",
                        Map.of(
                                "state.checkpoints.dir", "s3a://other/checkpoints",
                                "state.savepoints.dir", "s3a://other/savepoints"));
        assertThat(l.checkpoints().dir()).isEqualTo(PREFIX + "/checkpoints");
        assertThat(l.savepoints().dir()).isEqualTo(PREFIX + "/savepoints");
        assertThat(l.problems())
                .containsExactly(
                        "checkpoints: the job writes them to "
                                + PREFIX
                                + "/checkpoints (TA_CHECKPOINT_DIR/checkpoints; the job's own"
                                + " setting wins over the cluster's), but the FlinkDeployment's"
                                + " state.checkpoints.dir is s3a://other/checkpoints (the"
                                + " directory the operator checks)",
                        "savepoints: TA_SAVEPOINT_DIR is "
                                + PREFIX
                                + "/savepoints (where the job's own savepoints go), but the"
                                + " operator writes the savepoints it takes (at a suspend, in a"
                                + " savepoint upgrade) to the FlinkDeployment's"
                                + " state.savepoints.dir, s3a://other/savepoints");
    }

    @Test
    void takingTheCheckpointDirectoryForThePrefixIsNamed() {
        // The reading that made the tool print "s3://-prefix>/backup/...": TA_CHECKPOINT_DIR set
        // to the checkpoint directory itself.
        StateLocation l =
                StateLocation.resolve(
                        PREFIX + "/checkpoints",
                        PREFIX + "/savepoints",
                        Map.of("execution.checkpointing.dir", PREFIX + "/checkpoints"));
        assertThat(l.checkpoints().dir()).isEqualTo(PREFIX + "/checkpoints/checkpoints");
        assertThat(l.problems())
                .hasSize(2)
                .first()
                .asString()
                .contains("whose last segment is 'checkpoints'")
                .contains("Set TA_CHECKPOINT_DIR to the parent, " + PREFIX);
        assertThat(l.scriptsCoverIt()).isFalse();
    }

    @Test
    void withoutTaKeysTheFlinkDeploymentDecidesFlinkTwosKeyFirst() {
        StateLocation l =
                StateLocation.resolve(
                        null,
                        "",
                        Map.of(
                                "execution.checkpointing.dir", PREFIX + "/checkpoints/",
                                "state.checkpoints.dir",
                                        "s3://flink-checkpoints/torghut/"
                                                + "technical-analysis/checkpoints",
                                "execution.checkpointing.savepoint-dir", PREFIX + "/savepoints"));
        assertThat(l.prefix()).isEqualTo(PREFIX);
        assertThat(l.checkpoints())
                .isEqualTo(
                        new StateLocation.Directory(
                                PREFIX + "/checkpoints",
                                "flinkConfiguration execution.checkpointing.dir"));
        assertThat(l.savepoints().source())
                .isEqualTo("flinkConfiguration execution.checkpointing.savepoint-dir");
        // s3:// and s3a:// name the same directory: not a disagreement.
        assertThat(l.problems()).isEmpty();
        assertThat(l.scriptsCoverIt()).isTrue();
        StateLocation twoNames =
                StateLocation.resolve(
                        null,
                        null,
                        Map.of(
                                "execution.checkpointing.dir", PREFIX + "/checkpoints",
                                "state.checkpoints.dir", PREFIX + "/old-checkpoints"));
        assertThat(twoNames.checkpoints().dir()).isEqualTo(PREFIX + "/checkpoints");
        assertThat(twoNames.problems())
                .singleElement()
                .asString()
                .contains("its deprecated name state.checkpoints.dir")
                .contains("Flink reads execution.checkpointing.dir");
    }

    @Test
    void nothingSaysWhereTheStateIs() {
        StateLocation l = StateLocation.resolve(null, null, Map.of());
        assertThat(l.prefix()).isNull();
        assertThat(l.checkpoints().known()).isFalse();
        assertThat(l.savepoints().known()).isFalse();
        assertThat(l.scriptsCoverIt()).isFalse();
        StateLocation notUnderThePrefix =
                StateLocation.resolve(PREFIX, "s3a://flink-checkpoints/elsewhere", Map.of());
        assertThat(notUnderThePrefix.problems()).isEmpty();
        assertThat(notUnderThePrefix.scriptsCoverIt()).isFalse();
        // The scripts refuse a bucket root as their prefix.
        assertThat(
                        StateLocation.resolve("s3a://bucket", "s3a://bucket/savepoints", Map.of())
                                .scriptsCoverIt())
                .isFalse();
        assertThat(
                        StateLocation.resolve(
                                        "s3a://bucket/ta", "s3a://bucket/ta/savepoints", Map.of())
                                .scriptsCoverIt())
                .isTrue();
    }
}
