package io.torghut.ta.replay.workflow;

/**
 * The tool refuses to go on: the message says what is wrong and what is allowed, the exit code what
 * kind of refusal it is ({@link ExitCodes#REFUSED} for an unsafe step, {@link ExitCodes#USAGE} for
 * a step that does not exist, {@link ExitCodes#CHECK_FAILED} for a check that ran and failed).
 * Every refusal of a step, the plan or a rollback is raised by {@link Gates}.
 */
public final class Refusal extends RuntimeException {
    private final int exitCode;

    public Refusal(String message) {
        this(message, ExitCodes.REFUSED);
    }

    public Refusal(String message, int exitCode) {
        super(message);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
