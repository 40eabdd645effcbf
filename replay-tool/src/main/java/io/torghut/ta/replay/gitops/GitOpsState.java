package io.torghut.ta.replay.gitops;

import io.torghut.ta.replay.input.BadInputException;
import java.util.Optional;

/**
 * The replay-relevant settings as the GitOps files declare them now. Absent operator fields take
 * the operator's defaults (job state running, upgrade mode stateless).
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
        String checkpointDir,
        String savepointDir) {

    /** Reads the state; fields a replay needs but the files lack are reported as null. */
    public static GitOpsState read(Texts t) {
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
                t.read(Field.SAVEPOINT_DIR).orElse(null));
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
