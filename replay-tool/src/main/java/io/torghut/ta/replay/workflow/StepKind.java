package io.torghut.ta.replay.workflow;

/** The kinds of step a replay is made of; Mode 1 and Mode 2 order a subset of them. */
public enum StepKind {
    PAUSE_TRADING("pause-trading", "Pause trading"),
    SUSPEND("suspend", "Suspend the TA job"),
    BACKUP_VERIFY("backup-verify", "Record the verified backup of checkpoints and savepoints"),
    RECREATE_TOPICS("recreate-topics", "Delete and recreate the derived topics"),
    WIPE_STATE("wipe-state", "Wipe checkpoint and savepoint state"),
    FRESH_GROUP("fresh-group", "Set a fresh replay consumer group and earliest offsets"),
    RESTART_STATELESS("restart-stateless", "Restart and resume TA without restored state"),
    STEADY_STATE("steady-state", "Restore the steady-state upgrade mode and offset reset"),
    RESUME_TRADING("resume-trading", "Resume trading");

    private final String action;
    private final String title;

    StepKind(String action, String title) {
        this.action = action;
        this.title = title;
    }

    /** The short name written to the ledger. */
    public String action() {
        return action;
    }

    public String title() {
        return title;
    }
}
