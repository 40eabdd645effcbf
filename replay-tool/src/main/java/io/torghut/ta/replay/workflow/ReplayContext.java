package io.torghut.ta.replay.workflow;

/**
 * The fixed facts of one replay that steps and printed commands need.
 *
 * @param replayId the validated REPLAY_ID
 * @param namespace the Kubernetes namespace of the TA resources
 * @param deploymentName the FlinkDeployment name
 * @param restorePath the checkpoint or savepoint a rollback redeploys from (null if not yet known)
 * @param statePrefix the S3 prefix holding checkpoints/ and savepoints/ (TA_CHECKPOINT_DIR); null
 *     when the files do not say, which the gates allow only where no step needs it (Mode 1)
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

    /**
     * Where the checkpoints scripts write the Mode 2 backup of this replay.
     *
     * @throws IllegalStateException without a state prefix: the gates refuse Mode 2 before any
     *     command could print one, so reaching this is a bug, never a placeholder in a command
     */
    public String backupPrefix() {
        if (statePrefix == null) {
            throw new IllegalStateException("no state prefix: Mode 2 must have been refused");
        }
        return statePrefix + "/backup/" + replayId;
    }
}
