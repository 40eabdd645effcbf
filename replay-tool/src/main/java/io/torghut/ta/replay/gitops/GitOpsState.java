package io.torghut.ta.replay.gitops;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.torghut.ta.replay.input.BadInputException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The replay-relevant settings as the GitOps files declare them now. Absent operator fields take
 * the operator's defaults (job state running, upgrade mode stateless).
 *
 * @param taCheckpointDir the ConfigMap's TA_CHECKPOINT_DIR as written (the state prefix; see {@code
 *     workflow.StateLocation} for how it combines with the FlinkDeployment's settings)
 * @param taSavepointDir the ConfigMap's TA_SAVEPOINT_DIR as written
 * @param flinkConfiguration the FlinkDeployment's spec.flinkConfiguration, every value as text
 */
public record GitOpsState(
        String groupId,
        String autoOffsetReset,
        String jobState,
        String upgradeMode,
        Long restartNonce,
        Long savepointRedeployNonce,
        String initialSavepointPath,
        String tradingEnabled,
        String tradingLiveEnabled,
        String deploymentName,
        String namespace,
        String taCheckpointDir,
        String taSavepointDir,
        Map<String, String> flinkConfiguration) {

    /** Flink's high-availability option, then its deprecated name, in Flink's precedence. */
    public static final List<String> HA_KEYS =
            List.of("high-availability.type", "high-availability");

    private static final YAMLMapper YAML = new YAMLMapper();

    public GitOpsState {
        flinkConfiguration = Collections.unmodifiableMap(new LinkedHashMap<>(flinkConfiguration));
    }

    /** Reads the state; fields a replay needs but the files lack are reported as null. */
    public static GitOpsState read(Texts t) {
        return read(t, KustomizePatches.NONE);
    }

    /**
     * Reads the state with the flinkConfiguration the kustomization's patches lay over the
     * FlinkDeployment file's own (what the operator receives).
     */
    public static GitOpsState read(Texts t, KustomizePatches patches) {
        Map<String, String> conf = flinkConfiguration(t.text(FileRole.FLINK_DEPLOYMENT));
        conf.putAll(patches.flinkConfiguration());
        return new GitOpsState(
                t.read(Field.GROUP_ID).orElse(null),
                t.read(Field.AUTO_OFFSET_RESET).orElse(null),
                t.read(Field.JOB_STATE).orElse("running"),
                t.read(Field.UPGRADE_MODE).orElse("stateless"),
                integer(Field.RESTART_NONCE, t.read(Field.RESTART_NONCE)),
                integer(
                        Field.SAVEPOINT_REDEPLOY_NONCE,
                        t.read(Field.SAVEPOINT_REDEPLOY_NONCE).filter(s -> !s.isEmpty())),
                t.read(Field.INITIAL_SAVEPOINT_PATH).filter(s -> !s.isEmpty()).orElse(null),
                t.read(Field.TRADING_ENABLED).orElse(null),
                t.read(Field.TRADING_LIVE_ENABLED).orElse(null),
                t.read(Field.DEPLOYMENT_NAME).orElse(null),
                t.read(Field.DEPLOYMENT_NAMESPACE)
                        .or(() -> t.read(Field.CONFIGMAP_NAMESPACE))
                        .orElse(null),
                t.read(Field.CHECKPOINT_DIR).orElse(null),
                t.read(Field.SAVEPOINT_DIR).orElse(null),
                conf);
    }

    /**
     * The high-availability mode the FlinkDeployment asks for ({@code kubernetes}, {@code
     * zookeeper} or a factory class), or empty when it sets none or {@code NONE}: then the operator
     * only has HA if its own default configuration provides it.
     */
    public Optional<String> highAvailability() {
        for (String key : HA_KEYS) {
            String v = flinkConfiguration.get(key);
            if (v != null && !v.isBlank()) {
                return "none".equalsIgnoreCase(v.strip()) ? Optional.empty() : Optional.of(v);
            }
        }
        return Optional.empty();
    }

    /**
     * The FlinkDeployment file's {@code spec.flinkConfiguration}: its keys contain dots, so they
     * are read as one mapping instead of through a {@code YamlPath}. Read leniently, as every other
     * field here: the operator's model checks the whole manifest where a step needs it.
     */
    private static Map<String, String> flinkConfiguration(String flinkDeployment) {
        Map<String, String> out = new LinkedHashMap<>();
        try {
            JsonNode conf = YAML.readTree(flinkDeployment).path("spec").path("flinkConfiguration");
            conf.fields()
                    .forEachRemaining(
                            e ->
                                    out.put(
                                            e.getKey(),
                                            e.getValue().isValueNode()
                                                    ? e.getValue().asText()
                                                    : e.getValue().toString()));
        } catch (JsonProcessingException e) {
            // The files were checked for YAML syntax on load; a document Jackson cannot read has
            // no settings to give here, and the operator model reports it where it matters.
        }
        return out;
    }

    private static Long integer(Field field, Optional<String> value) {
        try {
            return value.map(Long::parseLong).orElse(null);
        } catch (NumberFormatException e) {
            throw new BadInputException(
                    "the "
                            + field.role().description()
                            + " sets "
                            + field.path()
                            + " to '"
                            + value.get()
                            + "', which is not an integer");
        }
    }

    /** Trading is paused when TRADING_ENABLED is false and live trading is not enabled. */
    public boolean tradingPaused() {
        return "false".equalsIgnoreCase(tradingEnabled)
                && !"true".equalsIgnoreCase(tradingLiveEnabled);
    }
}
