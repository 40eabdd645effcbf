package io.torghut.ta.replay.workflow;

import java.util.List;

/** The two replay modes of the runbook and the order of their steps (step N = index N-1). */
public enum Mode {
    MODE1(
            "mode1",
            List.of(
                    StepKind.PAUSE_TRADING,
                    StepKind.SUSPEND,
                    StepKind.FRESH_GROUP,
                    StepKind.RESTART_STATELESS,
                    StepKind.STEADY_STATE,
                    StepKind.RESUME_TRADING)),
    MODE2(
            "mode2",
            List.of(
                    StepKind.PAUSE_TRADING,
                    StepKind.SUSPEND,
                    StepKind.BACKUP_VERIFY,
                    StepKind.RECREATE_TOPICS,
                    StepKind.WIPE_STATE,
                    StepKind.FRESH_GROUP,
                    StepKind.RESTART_STATELESS,
                    StepKind.STEADY_STATE,
                    StepKind.RESUME_TRADING));

    private final String id;
    private final List<StepKind> steps;

    Mode(String id, List<StepKind> steps) {
        this.id = id;
        this.steps = steps;
    }

    /** The name used on the command line and in the ledger. */
    public String id() {
        return id;
    }

    public List<StepKind> steps() {
        return steps;
    }

    public StepKind step(int number) {
        return steps.get(number - 1);
    }

    /** The step number of {@code kind} in this mode. */
    public int numberOf(StepKind kind) {
        int i = steps.indexOf(kind);
        if (i < 0) {
            throw new IllegalArgumentException(kind + " is not a step of " + id);
        }
        return i + 1;
    }
}
