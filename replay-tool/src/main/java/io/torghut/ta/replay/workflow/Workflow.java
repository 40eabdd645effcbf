package io.torghut.ta.replay.workflow;

import io.torghut.ta.replay.gitops.Change;
import io.torghut.ta.replay.gitops.Field;
import io.torghut.ta.replay.gitops.GitOpsState;
import io.torghut.ta.replay.gitops.Texts;
import io.torghut.ta.replay.yaml.YamlValue;
import java.util.ArrayList;
import java.util.List;

/**
 * The GitOps changes of every step, as pure functions of the current file texts, the PREV values
 * and the replay context. Changes that would write the value already present are left out, so a
 * repeated step writes nothing.
 */
public final class Workflow {
    private Workflow() {}

    /** The scalar changes step {@code kind} makes to files in state {@code t}. */
    public static List<Change> changes(StepKind kind, Texts t, Prev prev, ReplayContext ctx) {
        List<Change> out = new ArrayList<>();
        switch (kind) {
            case PAUSE_TRADING -> {
                out.add(t.change(Field.TRADING_ENABLED, YamlValue.str("false")));
                if (t.read(Field.TRADING_LIVE_ENABLED).isPresent()) {
                    out.add(t.change(Field.TRADING_LIVE_ENABLED, YamlValue.str("false")));
                }
            }
            case SUSPEND -> out.add(t.change(Field.JOB_STATE, YamlValue.str("suspended")));
            case FRESH_GROUP -> {
                out.add(t.change(Field.GROUP_ID, YamlValue.str(ctx.groupId())));
                out.add(t.change(Field.AUTO_OFFSET_RESET, YamlValue.str("earliest")));
            }
            case RESTART_STATELESS -> {
                // Stateless + nonce + running: the operator resumes the job with empty state, so
                // the Kafka sources fall back to the fresh group's committed offsets, i.e.
                // earliest. Under last-state or savepoint the split offsets would be restored:
                // a Kafka source restored from a checkpoint or savepoint ignores a new group.id
                // and auto.offset.reset.
                out.add(t.change(Field.UPGRADE_MODE, YamlValue.str("stateless")));
                out.add(t.change(Field.RESTART_NONCE, YamlValue.integer(nextNonce(t))));
                out.add(t.change(Field.JOB_STATE, YamlValue.str("running")));
            }
            case STEADY_STATE -> {
                // Both fields are read only at the next deploy, so this change restarts nothing.
                out.add(t.change(Field.UPGRADE_MODE, YamlValue.str(prev.upgradeMode())));
                out.add(t.change(Field.AUTO_OFFSET_RESET, YamlValue.str(prev.autoOffsetReset())));
            }
            case RESUME_TRADING -> {
                out.add(t.change(Field.TRADING_ENABLED, YamlValue.str(prev.tradingEnabled())));
                if (prev.tradingLiveEnabled() != null) {
                    out.add(
                            t.change(
                                    Field.TRADING_LIVE_ENABLED,
                                    YamlValue.str(prev.tradingLiveEnabled())));
                }
            }
            case BACKUP_VERIFY, RECREATE_TOPICS, WIPE_STATE -> {
                // Not a GitOps change: these act on S3 and Kafka, and are recorded in the ledger.
            }
        }
        return withoutNoOps(out);
    }

    /**
     * The rollback changes: trading paused (it may have been resumed already, and the job comes
     * back on old state), PREV group id, offset reset and upgrade mode, plus either a resume (the
     * replay never restarted the job, so its kept state is intact) or a savepoint redeploy from
     * {@code restorePath} (the job already restarted without state).
     */
    public static List<Change> rollback(Texts t, Prev prev, boolean restarted, String restorePath) {
        List<Change> out = new ArrayList<>(changes(StepKind.PAUSE_TRADING, t, prev, null));
        out.add(t.change(Field.GROUP_ID, YamlValue.str(prev.groupId())));
        out.add(t.change(Field.AUTO_OFFSET_RESET, YamlValue.str(prev.autoOffsetReset())));
        out.add(t.change(Field.UPGRADE_MODE, YamlValue.str(prev.upgradeMode())));
        if (restarted) {
            out.add(t.change(Field.INITIAL_SAVEPOINT_PATH, YamlValue.str(restorePath)));
            Long nonce = GitOpsState.read(t).savepointRedeployNonce();
            out.add(
                    t.change(
                            Field.SAVEPOINT_REDEPLOY_NONCE,
                            YamlValue.integer(nonce == null ? 1 : nonce + 1)));
        } else {
            out.add(t.change(Field.JOB_STATE, YamlValue.str(prev.jobState())));
        }
        return withoutNoOps(out);
    }

    private static long nextNonce(Texts t) {
        Long current = GitOpsState.read(t).restartNonce();
        return current == null ? 1 : current + 1;
    }

    private static List<Change> withoutNoOps(List<Change> changes) {
        return changes.stream().filter(c -> !c.isNoOp()).toList();
    }
}
