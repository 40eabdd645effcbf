package io.torghut.ta.replay.cli;

import picocli.CommandLine.Option;

/** {@code --restore-path}: the checkpoint or savepoint a rollback redeploys from. */
public final class RestorePathOption {
    @Option(
            names = "--restore-path",
            description =
                    "The newest retained checkpoint (chk-N) or savepoint, recorded for rollback"
                            + " (mode1 step 4, mode2 step 3).")
    String restorePath;

    /** The path as given (checked by the step that records it), or null. */
    public String get() {
        return restorePath;
    }
}
