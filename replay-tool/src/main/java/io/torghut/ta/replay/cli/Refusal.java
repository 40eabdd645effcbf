package io.torghut.ta.replay.cli;

/** A command refuses to go on; the message says what is wrong and what is allowed. */
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
