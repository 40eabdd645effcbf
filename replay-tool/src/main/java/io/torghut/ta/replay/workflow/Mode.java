package io.torghut.ta.replay.workflow;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The two replay modes and the order of their steps (step N = index N-1): Mode 1 replays into a
 * fresh consumer group and keeps everything; Mode 2 also recreates the derived topics and wipes the
 * Flink state, after a verified backup.
 */
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

    /** The mode whose {@link #id()} is {@code id} (as the ledger records it), if any. */
    public static Optional<Mode> fromId(String id) {
        return Arrays.stream(values()).filter(m -> m.id.equals(id)).findFirst();
    }

    /** The ids of all modes, in order, for help and error messages. */
    public static List<String> ids() {
        return Arrays.stream(values()).map(Mode::id).toList();
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
