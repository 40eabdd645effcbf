package io.torghut.ta.replay.cli;

/** Exit codes of every replay-tool command. */
public final class ExitCodes {
    /** Done, or nothing to do. */
    public static final int OK = 0;

    /** An unexpected error (a bug or an unreachable service); the message says which. */
    public static final int ERROR = 1;

    /** Bad command line: unknown option, missing value, malformed REPLAY_ID (picocli's code). */
    public static final int USAGE = 2;

    /** Refused as unsafe: the message names the gate and how to get past it safely. */
    public static final int REFUSED = 3;

    /** A check ran and failed: infeasible window, stale or inconsistent replay output. */
    public static final int CHECK_FAILED = 4;

    /** The GitOps files, ledger or a given input file are missing or malformed. */
    public static final int BAD_INPUT_FILE = 5;

    private ExitCodes() {}
}
