package io.torghut.ta.replay.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.torghut.ta.replay.testutil.GitOpsFixture;
import io.torghut.ta.replay.yaml.YamlPath;
import io.torghut.ta.replay.yaml.YamlScalarEditor;
import io.torghut.ta.replay.yaml.YamlValue;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import org.apache.flink.kubernetes.operator.api.diff.DiffType;
import org.apache.flink.kubernetes.operator.api.diff.SpecDiff;
import org.apache.flink.kubernetes.operator.api.spec.AbstractFlinkSpec;
import org.apache.flink.kubernetes.operator.api.spec.FlinkDeploymentSpec;
import org.apache.flink.kubernetes.operator.api.spec.JobSpec;
import org.junit.jupiter.api.Test;

/** Tests for {@link OperatorRestartSemantics}, against the operator's documented semantics. */
class OperatorRestartSemanticsTest {
    private static final String CHK =
            "s3a://flink-checkpoints/torghut/technical-analysis/checkpoints/abc/chk-7";

    private final String base = read("gitops/argocd/applications/torghut/ta/flinkdeployment.yaml");

    @Test
    void theOperatorModelDeclaresTheDiffTypesTheFunctionAssumes() throws Exception {
        // The api module's @SpecDiff annotations are the operator's own statement of which
        // fields redeploy; if a newer API changes them, this test must fail first.
        assertThat(diffType(JobSpec.class, "upgradeMode")).isEqualTo(DiffType.IGNORE);
        assertThat(diffType(JobSpec.class, "initialSavepointPath")).isEqualTo(DiffType.IGNORE);
        assertThat(diffType(JobSpec.class, "allowNonRestoredState")).isEqualTo(DiffType.IGNORE);
        assertThat(diffType(JobSpec.class, "savepointRedeployNonce"))
                .isEqualTo(DiffType.SAVEPOINT_REDEPLOY);
        // restartNonce has the annotation's default diff type: a change is an upgrade.
        assertThat(diffType(AbstractFlinkSpec.class, "restartNonce")).isEqualTo(DiffType.UPGRADE);
    }

    @Test
    void aNewGroupWithoutAStatelessRestartRestoresOffsetsSoItDoesNotReplay() {
        // Suspend, new group + earliest, bump restartNonce, running, while upgradeMode stays
        // last-state: the job restores the checkpoint, and a Kafka source restored from a
        // checkpoint ignores a new group.id and auto.offset.reset. Nothing is replayed.
        String suspended = set(base, "spec.job.state", "suspended");
        String resumed =
                setInt(set(suspended, "spec.job.state", "running"), "spec.restartNonce", 39);
        assertThat(action(suspended, resumed)).isInstanceOf(RestartAction.RestoreLastState.class);
        assertThat(action(base, setInt(base, "spec.restartNonce", 39)))
                .isInstanceOf(RestartAction.RestoreLastState.class);
    }

    @Test
    void mode1RestartStepGeneratedByTheToolStartsWithEmptyState() {
        String before = read("golden/mode1/step-3/flinkdeployment.yaml");
        String after = read("golden/mode1/step-4/flinkdeployment.yaml");
        RestartAction a = action(before, after);
        assertThat(a).isInstanceOf(RestartAction.StatelessEmpty.class);
        assertThat(a.startsEmpty()).isTrue();
    }

    @Test
    void mode1SteadyStateStepRedeploysNothing() {
        String before = read("golden/mode1/step-4/flinkdeployment.yaml");
        String after = read("golden/mode1/step-5/flinkdeployment.yaml");
        assertThat(action(before, after)).isInstanceOf(RestartAction.None.class);
    }

    @Test
    void rollbackAfterTheRestartIsASavepointRedeployFromTheRecordedPath() {
        String before = read("golden/mode1/step-4/flinkdeployment.yaml");
        String after = read("golden/rollback/after-restart/flinkdeployment.yaml");
        assertThat(action(before, after))
                .isEqualTo(
                        new RestartAction.SavepointRedeploy(
                                "s3a://flink-checkpoints/torghut/technical-analysis/checkpoints/"
                                        + "8f1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e/chk-41"));
    }

    @Test
    void suspendIsSuspendAndStayingSuspendedIsNothing() {
        String suspended = set(base, "spec.job.state", "suspended");
        assertThat(action(base, suspended)).isInstanceOf(RestartAction.Suspend.class);
        assertThat(action(suspended, setInt(suspended, "spec.restartNonce", 40)))
                .isInstanceOf(RestartAction.None.class);
    }

    @Test
    void ignoredFieldsAloneRedeployNothing() {
        assertThat(action(base, base)).isInstanceOf(RestartAction.None.class);
        assertThat(action(base, set(base, "spec.job.upgradeMode", "stateless")))
                .isInstanceOf(RestartAction.None.class);
        assertThat(action(base, set(base, "spec.job.initialSavepointPath", CHK)))
                .isInstanceOf(RestartAction.None.class);
    }

    @Test
    void savepointRedeployNeedsAPathAndARunningJob() {
        String withPath =
                setInt(
                        set(base, "spec.job.initialSavepointPath", CHK),
                        "spec.job.savepointRedeployNonce",
                        1);
        assertThat(action(base, withPath)).isEqualTo(new RestartAction.SavepointRedeploy(CHK));
        assertThat(action(base, setInt(base, "spec.job.savepointRedeployNonce", 1)))
                .isInstanceOf(RestartAction.Rejected.class);
        // Requested together with a resume it goes through the resume path (FLINK-40470).
        String suspended = set(base, "spec.job.state", "suspended");
        String resumeAndRedeploy =
                setInt(
                        set(
                                set(suspended, "spec.job.state", "running"),
                                "spec.job.initialSavepointPath",
                                CHK),
                        "spec.job.savepointRedeployNonce",
                        1);
        assertThat(action(suspended, resumeAndRedeploy))
                .isInstanceOf(RestartAction.RestoreLastState.class);
    }

    @Test
    void upgradeModeOfTheUpgradeFollowsTheOperatorsInheritanceRule() {
        String savepointMode = set(base, "spec.job.upgradeMode", "savepoint");
        assertThat(action(savepointMode, setInt(savepointMode, "spec.restartNonce", 39)))
                .isInstanceOf(RestartAction.RestoreSavepoint.class);
        // Deployed stateless: nothing to carry over, even if the new spec says last-state.
        String stateless = set(base, "spec.job.upgradeMode", "stateless");
        assertThat(action(stateless, setInt(base, "spec.restartNonce", 39)))
                .isInstanceOf(RestartAction.StatelessEmpty.class);
        // Stateless requested in the same change is honoured.
        assertThat(action(base, setInt(stateless, "spec.restartNonce", 39)))
                .isInstanceOf(RestartAction.StatelessEmpty.class);
        // A job suspended while stateless resumes empty whatever the new mode.
        String suspendedStateless = set(stateless, "spec.job.state", "suspended");
        assertThat(action(suspendedStateless, base))
                .isInstanceOf(RestartAction.StatelessEmpty.class);
    }

    private static RestartAction action(String before, String after) {
        return OperatorRestartSemantics.actionFor(spec(before), spec(after));
    }

    private static FlinkDeploymentSpec spec(String yaml) {
        return ManifestModel.parse(yaml).deployment().getSpec();
    }

    private static String set(String yaml, String path, String value) {
        return YamlScalarEditor.set(yaml, YamlPath.parse(path), YamlValue.str(value));
    }

    private static String setInt(String yaml, String path, long value) {
        return YamlScalarEditor.set(yaml, YamlPath.parse(path), YamlValue.integer(value));
    }

    private static DiffType diffType(Class<?> type, String field) throws Exception {
        SpecDiff d = type.getDeclaredField(field).getAnnotation(SpecDiff.class);
        return d == null ? null : d.value();
    }

    static String read(String resource) {
        try {
            return Files.readString(GitOpsFixture.resource(resource), StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void manifestModelKeepsTheFlinkVersionTheOldEnumLacks() {
        ManifestModel.Parsed p = ManifestModel.parse(base);
        assertThat(p.flinkVersion()).isEqualTo("v2_2");
        assertThat(p.deployment().getSpec().getJob().getJarURI())
                .isEqualTo("local:///opt/flink/usrlib/ta-job.jar");
        assertThat(
                        Arrays.asList(
                                        org.apache.flink.kubernetes.operator.api.spec.FlinkVersion
                                                .values())
                                .toString())
                .doesNotContain("v2_2");
    }
}
