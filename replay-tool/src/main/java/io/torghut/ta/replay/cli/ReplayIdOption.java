package io.torghut.ta.replay.cli;

import picocli.CommandLine.Option;

/** The required {@code --replay-id} of the commands that act on one replay. */
public final class ReplayIdOption {
    @Option(
            names = "--replay-id",
            required = true,
            converter = ReplayIdConverter.class,
            description = "REPLAY_ID, e.g. 2026-02-09T0315Z-INC1234.")
    String replayId;

    /** The validated REPLAY_ID. */
    public String get() {
        return replayId;
    }
}
