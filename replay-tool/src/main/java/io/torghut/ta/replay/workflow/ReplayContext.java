package io.torghut.ta.replay.workflow;

/**
 * The fixed facts of one replay that steps and printed commands need.
 *
 * @param replayId the validated REPLAY_ID
 * @param namespace the Kubernetes namespace of the TA resources
 * @param deploymentName the FlinkDeployment name
 * @param restorePath the checkpoint or savepoint a rollback redeploys from (null if not yet known)
 * @param statePrefix the S3 prefix holding checkpoints/ and savepoints/
 */
public record ReplayContext(
        String replayId,
        String namespace,
        String deploymentName,
        String restorePath,
        String statePrefix) {

    public String groupId() {
        return ReplayIds.groupId(replayId);
    }

    /** Where the checkpoints scripts write the Mode 2 backup of this replay. */
    public String backupPrefix() {
        return statePrefix + "/backup/" + replayId;
    }
}
