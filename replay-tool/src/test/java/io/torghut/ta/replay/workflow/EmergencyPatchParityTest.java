package io.torghut.ta.replay.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.torghut.ta.replay.gitops.Change;
import io.torghut.ta.replay.gitops.FileRole;
import io.torghut.ta.replay.gitops.GitOpsState;
import io.torghut.ta.replay.gitops.Texts;
import io.torghut.ta.replay.testutil.GitOpsFixture;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The emergency-only merge patches must do exactly what the GitOps edit does: for every Mode 1
 * step, {@code kubectl patch --local --type=merge} of the file before the step with the printed
 * patch gives the same object as the edited file after it.
 */
class EmergencyPatchParityTest {
    private static final YAMLMapper YAML = new YAMLMapper();
    private static final String ID = "2026-11-23T0400Z-INC42";
    private static final String RESTORE =
            "s3a://flink-checkpoints/torghut/technical-analysis/checkpoints/"
                    + "8f1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e/chk-41";

    @TempDir Path dir;

    @Test
    void kubectlMergePatchesEqualTheGitOpsEditsForEveryMode1Step() throws Exception {
        Texts before = load("gitops/argocd/applications/torghut/", "ta/");
        Prev prev = Prev.capture(GitOpsState.read(before));
        ReplayContext ctx =
                new ReplayContext(
                        ID,
                        "torghut",
                        "torghut-ta",
                        RESTORE,
                        "s3a://flink-checkpoints/torghut/technical-analysis");
        int patched = 0;
        for (int n = 1; n <= Mode.MODE1.steps().size(); n++) {
            List<Change> changes = Workflow.changes(Mode.MODE1.step(n), before, prev, ctx);
            Texts after = load("golden/mode1/step-" + n + "/", "");
            assertThat(before.applyAll(changes).text(FileRole.FLINK_DEPLOYMENT))
                    .isEqualTo(after.text(FileRole.FLINK_DEPLOYMENT));
            for (FileRole role : List.of(FileRole.FLINK_DEPLOYMENT, FileRole.TA_CONFIGMAP)) {
                var patch = MergePatches.forRole(role, changes);
                if (patch.isEmpty()) {
                    continue;
                }
                JsonNode viaKubectl = kubectlPatch(before.text(role), patch.get());
                assertThat(viaKubectl).as("step %d %s", n, role).isEqualTo(tree(after.text(role)));
                patched++;
            }
            before = after;
        }
        assertThat(patched).isEqualTo(5);
    }

    private JsonNode kubectlPatch(String yaml, ObjectNode patch) throws Exception {
        Path file = Files.createTempFile(dir, "manifest", ".yaml");
        Files.writeString(file, yaml, StandardCharsets.UTF_8);
        Process p =
                new ProcessBuilder(
                                "kubectl",
                                "patch",
                                "--local",
                                "-f",
                                file.toString(),
                                "--type=merge",
                                "-p",
                                patch.toString(),
                                "-o",
                                "yaml")
                        .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("kubectl patch --local: " + err).isZero();
        return tree(out);
    }

    private static JsonNode tree(String yaml) throws IOException {
        return YAML.readTree(yaml);
    }

    private static Texts load(String base, String taSub) throws IOException {
        Map<FileRole, String> m = new EnumMap<>(FileRole.class);
        m.put(FileRole.KNATIVE_SERVICE, read(base + "knative-service.yaml"));
        m.put(FileRole.TA_CONFIGMAP, read(base + taSub + "configmap.yaml"));
        m.put(FileRole.FLINK_DEPLOYMENT, read(base + taSub + "flinkdeployment.yaml"));
        return new Texts(m);
    }

    private static String read(String resource) throws IOException {
        return Files.readString(GitOpsFixture.resource(resource), StandardCharsets.UTF_8);
    }
}
