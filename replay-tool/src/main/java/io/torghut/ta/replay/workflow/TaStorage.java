package io.torghut.ta.replay.workflow;

import io.torghut.ta.replay.gitops.FileRole;
import io.torghut.ta.replay.gitops.GitOpsState;
import io.torghut.ta.replay.gitops.Texts;
import io.torghut.ta.replay.yaml.YamlPath;
import io.torghut.ta.replay.yaml.YamlScalarEditor;
import java.util.Optional;

/**
 * The S3 service the TA job keeps its state on, as the ConfigMap and the FlinkDeployment name it:
 * printed commands that talk to S3 directly must reach the same one.
 */
public final class TaStorage {
    private TaStorage() {}

    /**
     * The S3 endpoint: the ConfigMap's TA_S3_ENDPOINT (the job's), else the FlinkDeployment's
     * {@code s3.endpoint} or {@code fs.s3a.endpoint} (the file system's); empty when none is set.
     */
    public static Optional<String> s3Endpoint(Texts t) {
        Optional<String> fromJob =
                YamlScalarEditor.read(
                                t.text(FileRole.TA_CONFIGMAP),
                                YamlPath.parse("data.TA_S3_ENDPOINT"))
                        .filter(v -> !v.isBlank());
        if (fromJob.isPresent()) {
            return fromJob;
        }
        GitOpsState state = GitOpsState.read(t);
        return Optional.ofNullable(state.flinkConfiguration().get("s3.endpoint"))
                .or(() -> Optional.ofNullable(state.flinkConfiguration().get("fs.s3a.endpoint")))
                .filter(v -> !v.isBlank());
    }
}
