package io.torghut.ta.replay.cli;

import io.torghut.ta.replay.workflow.Mode;
import java.nio.file.Path;

/** Everything a mode command passes to {@link StepRunner} for one step. */
record StepRequest(
        Mode mode,
        int step,
        String replayId,
        String ticket,
        String restorePath,
        Path backupManifest,
        boolean execute,
        boolean recordDone,
        String bootstrap,
        Path kafkaConfig) {}
