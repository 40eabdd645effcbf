package io.torghut.ta.replay.workflow;

import java.util.List;

/**
 * What oncall reads for each step: why it exists, what to check after the GitOps sync, and when to
 * stop. One text per step, so the plan and the step commands say the same thing.
 */
public final class StepGuide {
    private StepGuide() {}

    /** One paragraph: why the step exists. */
    public static String why(StepKind kind) {
        return switch (kind) {
            case PAUSE_TRADING ->
                    "Signals will be stale or re-computed during the replay; trading must not act"
                            + " on them.";
            case SUSPEND -> "Stops TA writes while the consumer group is switched.";
            case BACKUP_VERIFY ->
                    "Mode 2 deletes checkpoint and savepoint state; rollback needs a verified"
                            + " copy first.";
            case RECREATE_TOPICS ->
                    "Drops the derived output topics and recreates them with the same partitions"
                            + " and configs, so consumers see only replayed records.";
            case WIPE_STATE ->
                    "Removes the (corrupt) checkpoint and savepoint state. Destructive; only"
                            + " after the verified backup.";
            case FRESH_GROUP ->
                    "A never-used consumer group has no committed offsets, so with earliest the"
                            + " sources start at the oldest retained input.";
            case RESTART_STATELESS ->
                    "A Kafka source restored from a checkpoint or savepoint ignores a new group"
                            + " id and offset reset. upgradeMode stateless makes the operator"
                            + " resume the job with empty state, so the sources really start from"
                            + " earliest in the fresh group (the replay).";
            case STEADY_STATE ->
                    "After catching up, future upgrades must keep state again (PREV upgrade"
                            + " mode), and a restart must not re-read from earliest. Neither field"
                            + " triggers a redeploy.";
            case RESUME_TRADING ->
                    "Signals are verified fresh and consistent; trading goes back to its PREV"
                            + " setting.";
        };
    }

    /** What to check after the change is synced, before the next step. */
    public static List<String> checks(StepKind kind, ReplayContext c) {
        String fd = "kubectl -n " + c.namespace() + " get flinkdeployment " + c.deploymentName();
        return switch (kind) {
            case PAUSE_TRADING ->
                    List.of(
                            "Argo CD shows the torghut app Synced and Healthy.",
                            "kubectl -n "
                                    + c.namespace()
                                    + " get ksvc torghut -o"
                                    + " jsonpath='{.status.latestReadyRevisionName}' names a new"
                                    + " revision whose TRADING_ENABLED is false.");
            case SUSPEND ->
                    List.of(
                            fd + " -o jsonpath='{.status.lifecycleState}' prints SUSPENDED.",
                            "Note the newest retained checkpoint for rollback: "
                                    + (c.statePrefix() == null
                                            ? ""
                                            : "checkpoints-scripts/bin/list-state"
                                                    + Commands.scriptLocation(c.statePrefix())
                                                    + " prints LATEST_CHECKPOINT=s3a://... (else ")
                                    + fd
                                    + " -o jsonpath='{.status.jobStatus.upgradeSavepointPath}'"
                                    + (c.statePrefix() == null ? "" : ")")
                                    + ".");
            case BACKUP_VERIFY ->
                    List.of(
                            Commands.script("verify-backup", c.replayId(), c.statePrefix(), "")
                                    + " exits 0 (backup intact, live state identical).",
                            "The manifest says verified=true, replayId "
                                    + c.replayId()
                                    + ", and its totals match the source prefix listing.");
            case RECREATE_TOPICS ->
                    List.of(
                            "kafka-topics.sh --describe shows both derived topics with the same"
                                    + " partitions, replication factor and configs as before.");
            case WIPE_STATE ->
                    List.of(
                            "aws s3 ls "
                                    + c.statePrefix().replaceFirst("^s3a://", "s3://")
                                    + "/checkpoints/ and /savepoints/ list nothing; backup/"
                                    + c.replayId()
                                    + "/ is untouched.");
            case FRESH_GROUP ->
                    List.of(
                            "kafka-consumer-groups.sh --describe --group "
                                    + c.groupId()
                                    + " reports that the group does not exist (never used).",
                            fd + " still shows SUSPENDED (no restart yet).");
            case RESTART_STATELESS ->
                    List.of(
                            fd
                                    + " -o jsonpath='{.status.lifecycleState}"
                                    + " {.status.jobStatus.state}' prints STABLE RUNNING within"
                                    + " 10 minutes.",
                            "kafka-consumer-groups.sh --describe --group "
                                    + c.groupId()
                                    + " shows a large lag on the input topics that trends down.",
                            "replay-tool verify --replay-id "
                                    + c.replayId()
                                    + ": max(event_ts) moves forward; lag falls toward real time.");
            case STEADY_STATE ->
                    List.of(
                            fd
                                    + " -o jsonpath='{.status.jobStatus.startTime}' is unchanged"
                                    + " (no restart).");
            case RESUME_TRADING ->
                    List.of(
                            "The new torghut revision is Ready and trading logs show signals being"
                                    + " consumed.");
        };
    }

    /** When to stop (and roll back) instead of going on; printed after "Stop if:". */
    public static String stopIf(StepKind kind) {
        return switch (kind) {
            case PAUSE_TRADING -> "the new revision is not Ready: trading may still be enabled.";
            case SUSPEND -> "the job is not SUSPENDED within 5 minutes.";
            case BACKUP_VERIFY -> "the backup is not verified: never wipe without it.";
            case RECREATE_TOPICS ->
                    "a topic is missing or differs after recreation; fix it before the"
                            + " restart.";
            case WIPE_STATE -> "anything under backup/ was touched.";
            case FRESH_GROUP -> "the group already exists: pick a new REPLAY_ID.";
            case RESTART_STATELESS ->
                    "the job is not RUNNING in 10 minutes,"
                            + " restarts in a loop, or lag does not fall within 30 minutes: run"
                            + " `replay-tool rollback`.";
            case STEADY_STATE -> "the job restarted: check the operator events.";
            case RESUME_TRADING ->
                    "signals go stale: pause trading again (edit TRADING_ENABLED) and investigate.";
        };
    }
}
