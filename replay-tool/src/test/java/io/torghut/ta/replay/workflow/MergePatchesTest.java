package io.torghut.ta.replay.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.torghut.ta.replay.gitops.Change;
import io.torghut.ta.replay.gitops.Field;
import io.torghut.ta.replay.gitops.FileRole;
import io.torghut.ta.replay.yaml.YamlValue;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Tests for {@link MergePatches}: scalar-only JSON merge patches, golden strings. */
class MergePatchesTest {
    @Test
    void restartStepPatchIsTheDocumentedScalarMergePatch() {
        List<Change> changes =
                List.of(
                        new Change(Field.UPGRADE_MODE, "last-state", YamlValue.str("stateless")),
                        new Change(Field.RESTART_NONCE, "38", YamlValue.integer(39)),
                        new Change(Field.JOB_STATE, "suspended", YamlValue.str("running")),
                        new Change(Field.GROUP_ID, "g", YamlValue.str("torghut-ta-replay-X1")));
        assertThat(
                        MergePatches.forRole(FileRole.FLINK_DEPLOYMENT, changes)
                                .orElseThrow()
                                .toString())
                .isEqualTo(
                        "{\"spec\":{\"job\":{\"upgradeMode\":\"stateless\",\"state\":\"running\"},"
                                + "\"restartNonce\":39}}");
        assertThat(MergePatches.forRole(FileRole.TA_CONFIGMAP, changes).orElseThrow().toString())
                .isEqualTo("{\"data\":{\"TA_GROUP_ID\":\"torghut-ta-replay-X1\"}}");
        assertThat(
                        MergePatches.kubectlCommand(
                                FileRole.FLINK_DEPLOYMENT,
                                MergePatches.forRole(FileRole.FLINK_DEPLOYMENT, changes)
                                        .orElseThrow(),
                                "torghut",
                                "torghut-ta"))
                .isEqualTo(
                        "kubectl -n torghut patch flinkdeployment torghut-ta --type=merge -p"
                                + " '{\"spec\":{\"job\":{\"upgradeMode\":\"stateless\",\"state\":"
                                + "\"running\"},\"restartNonce\":39}}'");
    }

    @Test
    void changesBelowAListHaveNoMergePatch() {
        List<Change> changes =
                List.of(new Change(Field.TRADING_ENABLED, "true", YamlValue.str("false")));
        assertThat(MergePatches.forRole(FileRole.KNATIVE_SERVICE, changes)).isEmpty();
        assertThat(MergePatches.forRole(FileRole.FLINK_DEPLOYMENT, changes)).isEmpty();
    }
}
