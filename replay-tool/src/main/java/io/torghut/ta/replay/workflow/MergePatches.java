package io.torghut.ta.replay.workflow;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.torghut.ta.replay.gitops.Change;
import io.torghut.ta.replay.gitops.FileRole;
import io.torghut.ta.replay.yaml.YamlPath;
import io.torghut.ta.replay.yaml.YamlValue;
import java.util.List;
import java.util.Optional;

/**
 * JSON merge patches (RFC 7386) equivalent to a step's GitOps changes, for the emergency-only
 * {@code kubectl patch --type=merge} path. They touch scalars only: a merge patch replaces lists
 * wholesale, so a change below a list (the Knative env) has no merge patch and stays GitOps-only.
 */
public final class MergePatches {
    private static final ObjectMapper JSON = new ObjectMapper();

    private MergePatches() {}

    /** The merge patch for the changes to {@code role}'s file, or empty if there are none. */
    public static Optional<ObjectNode> forRole(FileRole role, List<Change> changes) {
        ObjectNode patch = JSON.createObjectNode();
        boolean any = false;
        for (Change c : changes) {
            if (c.field().role() != role) {
                continue;
            }
            ObjectNode node = patch;
            List<YamlPath.Segment> parents = c.field().path().parentSegments();
            for (YamlPath.Segment s : parents) {
                if (!(s instanceof YamlPath.Key k)) {
                    return Optional.empty();
                }
                node =
                        node.has(k.name())
                                ? (ObjectNode) node.get(k.name())
                                : node.putObject(k.name());
            }
            String leaf = c.field().path().leafKey();
            if (c.after() instanceof YamlValue.Int i) {
                node.put(leaf, i.value());
            } else {
                node.put(leaf, c.after().text());
            }
            any = true;
        }
        return any ? Optional.of(patch) : Optional.empty();
    }

    /** The emergency kubectl command applying {@code patch} to the resource of {@code role}. */
    public static String kubectlCommand(
            FileRole role, ObjectNode patch, String namespace, String deploymentName) {
        String resource =
                switch (role) {
                    case FLINK_DEPLOYMENT -> "flinkdeployment " + deploymentName;
                    case TA_CONFIGMAP -> "configmap torghut-ta-config";
                    case KNATIVE_SERVICE -> "ksvc torghut";
                };
        return "kubectl -n "
                + namespace
                + " patch "
                + resource
                + " --type=merge -p '"
                + patch.toString()
                + "'";
    }
}
