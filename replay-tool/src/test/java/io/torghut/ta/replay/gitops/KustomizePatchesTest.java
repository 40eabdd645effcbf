package io.torghut.ta.replay.gitops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.torghut.ta.replay.input.BadInputException;
import io.torghut.ta.replay.testutil.Checkout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tests for {@link KustomizePatches}: what the kustomization patches into the FlinkDeployment. */
class KustomizePatchesTest {
    @TempDir Path dir;

    @Test
    void ourManifestsPatchHaAndTheStateDirectoriesIn() {
        KustomizePatches p =
                KustomizePatches.read(
                        Checkout.OWN_MANIFESTS.resolve("flinkdeployment.yaml"),
                        "torghut-ta",
                        Path::toString);
        assertThat(p.problems()).isEmpty();
        assertThat(p.flinkConfiguration())
                .containsEntry("high-availability.type", "kubernetes")
                .containsEntry(
                        "execution.checkpointing.dir",
                        "s3a://flink-checkpoints/torghut/technical-analysis/checkpoints")
                .containsEntry("restart-strategy.type", "exponential-delay");
    }

    @Test
    void patchesOfTheFlinkDeploymentAreReadInOrderAndOthersIgnored() throws IOException {
        write(
                "kustomization.yaml",
                """
                resources: [flinkdeployment.yaml]
                patches:
                  - path: a.yaml
                    target: {kind: FlinkDeployment, name: torghut-ta}
                  - path: other.yaml
                    target: {kind: FlinkDeployment, name: someone-else}
                  - patch: |-
                      apiVersion: flink.apache.org/v1beta1
                      kind: FlinkDeployment
                      metadata: {name: torghut-ta}
                      spec:
                        flinkConfiguration: {high-availability.type: kubernetes}
                patchesStrategicMerge:
                  - b.yaml
                  - c.yaml
                """);
        write(
                "a.yaml",
                "spec:\n  flinkConfiguration:\n    k: a\n    taskmanager.numberOfTaskSlots: 2\n");
        write("other.yaml", "spec:\n  flinkConfiguration:\n    k: other\n");
        write(
                "b.yaml",
                "kind: FlinkDeployment\nmetadata: {name: torghut-ta}\n"
                        + "spec:\n  flinkConfiguration:\n    k: b\n");
        write(
                "c.yaml",
                "kind: ConfigMap\nmetadata: {name: torghut-ta}\n"
                        + "spec:\n  flinkConfiguration:\n    k: c\n");
        KustomizePatches p = read();
        assertThat(p.problems()).isEmpty();
        assertThat(p.flinkConfiguration())
                .containsEntry("k", "b")
                .containsEntry("taskmanager.numberOfTaskSlots", "2")
                .containsEntry("high-availability.type", "kubernetes")
                .hasSize(3);
    }

    @Test
    void aPatchOfAFieldTheToolEditsOrAJson6902PatchIsAProblem() throws IOException {
        write(
                "kustomization.yaml",
                """
                patches:
                  - path: job.yaml
                    target: {kind: FlinkDeployment}
                  - path: ops.yaml
                    target: {kind: FlinkDeployment, name: torghut-ta}
                patchesJson6902:
                  - path: more-ops.yaml
                    target: {kind: FlinkDeployment, name: torghut-ta}
                """);
        write("job.yaml", "spec:\n  restartNonce: 7\n  job:\n    upgradeMode: savepoint\n");
        write("ops.yaml", "- op: add\n  path: /spec/restartNonce\n  value: 3\n");
        KustomizePatches p = read();
        assertThat(p.problems())
                .hasSize(4)
                .anySatisfy(
                        m ->
                                assertThat(m)
                                        .endsWith(
                                                "job.yaml sets spec.restartNonce, which the"
                                                        + " replay tool edits in the"
                                                        + " FlinkDeployment file: the patch would"
                                                        + " override every such step. Keep it in"
                                                        + " the FlinkDeployment file only"))
                .anySatisfy(m -> assertThat(m).contains("job.yaml sets spec.job.upgradeMode"))
                .anySatisfy(m -> assertThat(m).contains("ops.yaml is a JSON 6902 patch"))
                .anySatisfy(m -> assertThat(m).contains("with a JSON 6902 patch"));
    }

    @Test
    void withoutAKustomizationThereAreNoPatches() throws IOException {
        assertThat(read()).isEqualTo(KustomizePatches.NONE);
        write("kustomization.yaml", "patches:\n  - path: missing.yaml\n");
        assertThatThrownBy(this::read)
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("cannot read the kustomize file")
                .hasMessageContaining("missing.yaml");
    }

    private KustomizePatches read() {
        return KustomizePatches.read(
                dir.resolve("flinkdeployment.yaml"), "torghut-ta", Path::toString);
    }

    private void write(String name, String text) throws IOException {
        Files.writeString(dir.resolve(name), text);
    }
}
