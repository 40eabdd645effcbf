package io.torghut.ta.replay.input;

/**
 * A file or value the tool was pointed at is missing, malformed, or cannot be read or written back:
 * a GitOps manifest, the replay ledger, a backup manifest, a client properties file or a baseline.
 * The message names the file and the problem; the tool exits 5 with it, without a stack trace,
 * because the fix is in the input, not in the tool.
 */
public final class BadInputException extends RuntimeException {
    public BadInputException(String message) {
        super(message);
    }

    public BadInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
