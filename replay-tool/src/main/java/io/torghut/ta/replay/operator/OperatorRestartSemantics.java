package io.torghut.ta.replay.operator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;
import org.apache.flink.kubernetes.operator.api.spec.FlinkDeploymentSpec;
import org.apache.flink.kubernetes.operator.api.spec.JobSpec;
import org.apache.flink.kubernetes.operator.api.spec.JobState;
import org.apache.flink.kubernetes.operator.api.spec.UpgradeMode;

/**
 * The operator's documented upgrade semantics as a pure function of two FlinkDeployment specs.
 *
 * <p>Encoded rules (operator docs "Job Management" and the api module's {@code @SpecDiff}
 * annotations, checked by {@code OperatorRestartSemanticsTest}):
 *
 * <ul>
 *   <li>{@code job.upgradeMode}, {@code initialSavepointPath}, {@code allowNonRestoredState} and
 *       the trigger nonces are diff-IGNORE: changing only them redeploys nothing.
 *   <li>A change of {@code savepointRedeployNonce} on a running job cancels it stateless and
 *       redeploys from {@code initialSavepointPath}; an empty path is rejected by the validator.
 *   <li>Any other spec change (e.g. {@code restartNonce}) is an upgrade. It runs stateless when the
 *       new spec asks for stateless or the deployed spec was stateless (nothing to carry over);
 *       otherwise last-state restores the latest checkpoint and savepoint restores a savepoint.
 *   <li>Resuming a suspended job with a spec switched to stateless starts from empty state
 *       (FLINK-30406); a savepoint redeploy requested together with the resume goes through the
 *       resume path, not the redeploy (FLINK-40470, operators before 1.15), so it is not a redeploy
 *       here.
 * </ul>
 */
public final class OperatorRestartSemantics {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private OperatorRestartSemantics() {}

    /**
     * How the job comes back when the deployed spec {@code before} is replaced by {@code after}.
     */
    public static RestartAction actionFor(FlinkDeploymentSpec before, FlinkDeploymentSpec after) {
        JobSpec b = Objects.requireNonNull(before.getJob(), "before.job");
        JobSpec a = Objects.requireNonNull(after.getJob(), "after.job");
        JobState bState = stateOf(b);
        JobState aState = stateOf(a);
        UpgradeMode bMode = modeOf(b);
        UpgradeMode aMode = modeOf(a);

        if (aState == JobState.SUSPENDED) {
            return bState == JobState.SUSPENDED
                    ? new RestartAction.None()
                    : new RestartAction.Suspend();
        }
        boolean redeployRequested =
                a.getSavepointRedeployNonce() != null
                        && !Objects.equals(
                                a.getSavepointRedeployNonce(), b.getSavepointRedeployNonce());
        if (redeployRequested
                && (a.getInitialSavepointPath() == null || a.getInitialSavepointPath().isBlank())) {
            return new RestartAction.Rejected(
                    "savepointRedeployNonce changed but initialSavepointPath is empty");
        }
        if (bState == JobState.SUSPENDED) {
            // Resume: the state kept at suspend is used unless stateless is involved.
            if (bMode == UpgradeMode.STATELESS || aMode == UpgradeMode.STATELESS) {
                return new RestartAction.StatelessEmpty();
            }
            return aMode == UpgradeMode.LAST_STATE
                    ? new RestartAction.RestoreLastState()
                    : new RestartAction.RestoreSavepoint();
        }
        if (redeployRequested) {
            return new RestartAction.SavepointRedeploy(a.getInitialSavepointPath());
        }
        if (comparable(before).equals(comparable(after))) {
            return new RestartAction.None();
        }
        if (aMode == UpgradeMode.STATELESS || bMode == UpgradeMode.STATELESS) {
            return new RestartAction.StatelessEmpty();
        }
        return aMode == UpgradeMode.LAST_STATE
                ? new RestartAction.RestoreLastState()
                : new RestartAction.RestoreSavepoint();
    }

    private static JobState stateOf(JobSpec job) {
        return job.getState() == null ? JobState.RUNNING : job.getState();
    }

    private static UpgradeMode modeOf(JobSpec job) {
        return job.getUpgradeMode() == null ? UpgradeMode.STATELESS : job.getUpgradeMode();
    }

    /** The spec without the fields whose change the operator ignores (or handles separately). */
    private static ObjectNode comparable(FlinkDeploymentSpec spec) {
        ObjectNode tree = MAPPER.valueToTree(spec);
        ObjectNode job = (ObjectNode) tree.get("job");
        for (String ignored :
                new String[] {
                    "state",
                    "upgradeMode",
                    "initialSavepointPath",
                    "allowNonRestoredState",
                    "savepointTriggerNonce",
                    "checkpointTriggerNonce",
                    "savepointRedeployNonce"
                }) {
            job.remove(ignored);
        }
        return tree;
    }
}
