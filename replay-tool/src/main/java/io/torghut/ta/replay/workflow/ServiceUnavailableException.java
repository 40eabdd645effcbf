package io.torghut.ta.replay.workflow;

/**
 * A service the tool talks to (Kafka, ClickHouse) failed or could not be reached. Neither a bug nor
 * bad input: the tool exits 1 with the one-line message, without a stack trace.
 */
public final class ServiceUnavailableException extends RuntimeException {
    public ServiceUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
