package io.torghut.ta.replay.gitops;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.torghut.ta.replay.input.BadInputException;
import io.torghut.ta.replay.input.InputFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the kustomization beside the FlinkDeployment file patches into that FlinkDeployment: the
 * flinkConfiguration the operator receives is the file's own plus these patches' (a checkout laid
 * out like {@code flinkdeployment/}, one patch file per concern, keeps HA and the state directories
 * there). Read are the strategic-merge patches of {@code patches} (by {@code path} or inline) and
 * {@code patchesStrategicMerge}; a kustomization further up the tree is not seen.
 *
 * <p>A patch that sets a field the tool edits (job state, upgrade mode, nonces, initial savepoint
 * path) would silently override a replay step, and a JSON 6902 patch of the FlinkDeployment cannot
 * be read without applying it: both are listed in {@link #problems()}.
 *
 * @param flinkConfiguration the keys the patches set, later patches over earlier ones
 * @param problems patches the tool cannot work with, one sentence each
 */
public record KustomizePatches(Map<String, String> flinkConfiguration, List<String> problems) {
    /** No kustomization, or one that does not patch the FlinkDeployment. */
    public static final KustomizePatches NONE = new KustomizePatches(Map.of(), List.of());

    private static final YAMLMapper YAML = new YAMLMapper();
    private static final List<String> KUSTOMIZATION_NAMES =
            List.of("kustomization.yaml", "kustomization.yml", "Kustomization");

    /** The spec fields the tool edits, as JSON pointers. */
    private static final List<String> EDITED_FIELDS =
            List.of(
                    "/spec/restartNonce",
                    "/spec/job/state",
                    "/spec/job/upgradeMode",
                    "/spec/job/initialSavepointPath",
                    "/spec/job/savepointRedeployNonce");

    public KustomizePatches {
        flinkConfiguration = Map.copyOf(flinkConfiguration);
        problems = List.copyOf(problems);
    }

    /**
     * The patches the kustomization in {@code flinkDeploymentFile}'s folder applies to the
     * FlinkDeployment named {@code deploymentName}; {@link #NONE} without a kustomization.
     *
     * @param display how a file is named in messages
     * @throws BadInputException if the kustomization or a patch file it names cannot be read
     */
    public static KustomizePatches read(
            Path flinkDeploymentFile,
            String deploymentName,
            java.util.function.Function<Path, String> display) {
        Path dir = flinkDeploymentFile.toAbsolutePath().getParent();
        Path kustomization =
                KUSTOMIZATION_NAMES.stream()
                        .map(dir::resolve)
                        .filter(Files::isRegularFile)
                        .findFirst()
                        .orElse(null);
        if (kustomization == null) {
            return NONE;
        }
        JsonNode k = tree(kustomization, display);
        Map<String, String> conf = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (JsonNode p : k.path("patches")) {
            JsonNode target = p.path("target");
            if (!target.isMissingNode() && !targets(target, deploymentName)) {
                continue;
            }
            String where;
            JsonNode patch;
            if (p.hasNonNull("path")) {
                Path file = dir.resolve(p.get("path").asText());
                where = display.apply(file);
                patch = tree(file, display);
            } else {
                where = display.apply(kustomization) + " (inline patch)";
                patch = parse(p.path("patch").asText(""), where);
            }
            apply(patch, !target.isMissingNode(), deploymentName, where, conf, problems);
        }
        for (JsonNode p : k.path("patchesStrategicMerge")) {
            String text = p.asText();
            boolean inline = text.contains("\n");
            Path file = inline ? kustomization : dir.resolve(text);
            String where = display.apply(file) + (inline ? " (inline patch)" : "");
            apply(
                    inline ? parse(text, where) : tree(file, display),
                    false,
                    deploymentName,
                    where,
                    conf,
                    problems);
        }
        for (JsonNode p : k.path("patchesJson6902")) {
            if (targets(p.path("target"), deploymentName)) {
                problems.add(
                        display.apply(kustomization)
                                + " patches the FlinkDeployment with a JSON 6902 patch, which the"
                                + " tool cannot read without applying it; make it a strategic-merge"
                                + " patch or fold it into the FlinkDeployment file");
            }
        }
        return new KustomizePatches(conf, problems);
    }

    private static void apply(
            JsonNode patch,
            boolean targeted,
            String deploymentName,
            String where,
            Map<String, String> conf,
            List<String> problems) {
        if (patch.isArray()) {
            if (targeted) {
                problems.add(
                        where
                                + " is a JSON 6902 patch of the FlinkDeployment, which the tool"
                                + " cannot read without applying it; make it a strategic-merge"
                                + " patch or fold it into the FlinkDeployment file");
            }
            return;
        }
        boolean ours =
                targeted
                        || ("FlinkDeployment".equals(patch.path("kind").asText())
                                && deploymentName.equals(
                                        patch.path("metadata").path("name").asText()));
        if (!ours) {
            return;
        }
        for (String field : EDITED_FIELDS) {
            if (!patch.at(field).isMissingNode()) {
                problems.add(
                        where
                                + " sets "
                                + field.substring(1).replace('/', '.')
                                + ", which the replay tool edits in the FlinkDeployment file: the"
                                + " patch would override every such step. Keep it in the"
                                + " FlinkDeployment file only");
            }
        }
        patch.path("spec")
                .path("flinkConfiguration")
                .fields()
                .forEachRemaining(
                        e ->
                                conf.put(
                                        e.getKey(),
                                        e.getValue().isValueNode()
                                                ? e.getValue().asText()
                                                : e.getValue().toString()));
    }

    /** Whether a kustomize patch target selects the FlinkDeployment {@code name}. */
    private static boolean targets(JsonNode target, String name) {
        String kind = target.path("kind").asText("FlinkDeployment");
        String n = target.path("name").asText(name);
        return "FlinkDeployment".equals(kind) && name.equals(n);
    }

    private static JsonNode tree(Path file, java.util.function.Function<Path, String> display) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new BadInputException(
                    "cannot read the kustomize file "
                            + display.apply(file)
                            + ": "
                            + InputFiles.describe(e),
                    e);
        }
        return parse(text, display.apply(file));
    }

    private static JsonNode parse(String text, String where) {
        try {
            JsonNode n = YAML.readTree(text);
            return n == null ? YAML.createObjectNode() : n;
        } catch (JsonProcessingException e) {
            throw new BadInputException(
                    "the kustomize file " + where + " is not valid YAML: " + e.getOriginalMessage(),
                    e);
        }
    }
}
