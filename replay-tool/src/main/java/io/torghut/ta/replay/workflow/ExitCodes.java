package io.torghut.ta.replay.workflow;

/** Exit codes of every replay-tool command. */
public final class ExitCodes {
    /** Done, or nothing to do. */
    public static final int OK = 0;

    /**
     * Something went wrong that is not the input's fault: a service (Kafka, ClickHouse) could not
     * be reached, or the tool has a bug; the message says which.
     */
    public static final int ERROR = 1;

    /** Bad command line: unknown option, missing value, malformed REPLAY_ID (picocli's code). */
    public static final int USAGE = 2;

    /** Refused as unsafe: the message names the gate and how to get past it safely. */
    public static final int REFUSED = 3;

    /** A check ran and failed: infeasible window, stale or inconsistent replay output. */
    public static final int CHECK_FAILED = 4;

    /**
     * A GitOps file, the ledger or a given input file is missing or malformed, or cannot be written
     * back.
     */
    public static final int BAD_INPUT_FILE = 5;

    private ExitCodes() {}
}
