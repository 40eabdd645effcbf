package io.torghut.ta.replay.operator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.apache.flink.kubernetes.operator.api.FlinkDeployment;

/**
 * Reads a FlinkDeployment manifest into the operator's own API model (read-only: the GitOps files
 * are never written back through a mapper).
 *
 * <p>The operator API this tool builds against (1.10.0) has a {@code FlinkVersion} enum that stops
 * at v1_20, while the job runs Flink 2.2 ({@code v2_2}). The version is therefore taken out of the
 * tree and returned as text, and everything else is bound strictly.
 */
public final class ManifestModel {
    private static final ObjectMapper YAML =
            new YAMLMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private ManifestModel() {}

    /** A parsed FlinkDeployment plus its flinkVersion as written in the manifest. */
    public record Parsed(FlinkDeployment deployment, String flinkVersion) {}

    /** Parses one FlinkDeployment manifest (or a partial one, such as a kustomize patch). */
    public static Parsed parse(String yaml) {
        try {
            JsonNode tree = YAML.readTree(yaml);
            String flinkVersion = null;
            if (tree.path("spec") instanceof ObjectNode spec && spec.has("flinkVersion")) {
                flinkVersion = spec.get("flinkVersion").asText();
                spec.remove("flinkVersion");
            }
            return new Parsed(YAML.treeToValue(tree, FlinkDeployment.class), flinkVersion);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(
                    "not a FlinkDeployment the operator model accepts: " + e.getOriginalMessage(),
                    e);
        }
    }
}
