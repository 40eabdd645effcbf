package io.torghut.ta.chart;

/**
 * The rows could not be read: the message says from where and why (e.g. which ClickHouse endpoint
 * failed and its error), and never holds a password.
 */
public final class RowsUnavailableException extends Exception {
    private static final long serialVersionUID = 1L;

    /** A failure with its message and cause. */
    public RowsUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    /** A failure with its message. */
    public RowsUnavailableException(String message) {
        super(message);
    }
}
