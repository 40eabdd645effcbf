package io.torghut.ta.job;

import io.torghut.ta.job.config.TaConfig;
import java.time.Duration;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.core.execution.CheckpointingMode;

/**
 * Job-level Flink settings derived from the TA configuration: exactly-once checkpoints at the
 * configured interval, timeout and pause, retained on cancellation so a replay or rollback can
 * restore from them, a 10 ms watermark interval and 5 ms buffer timeout for signal latency and
 * object reuse between chained operators (each unless the cluster sets it), and the
 * checkpoint/savepoint directories when TA_CHECKPOINT_DIR / TA_SAVEPOINT_DIR are set (otherwise the
 * cluster's flinkConfiguration decides).
 *
 * <p>State directories, by the rule the job, the replay tool and the checkpoints scripts share
 * (docs/runbook-replay.md, "State directories"): TA_CHECKPOINT_DIR is the state prefix, the parent
 * of {@code checkpoints/}, {@code savepoints/} and the scripts' {@code backup/}, so checkpoints go
 * to {@code <TA_CHECKPOINT_DIR>/checkpoints/<job-id>/chk-N}; TA_SAVEPOINT_DIR is the savepoint
 * directory itself. The job sets them in its own configuration, which Flink lays over the
 * cluster's, so they win over the FlinkDeployment's {@code execution.checkpointing.dir} / {@code
 * state.checkpoints.dir} and {@code execution.checkpointing.savepoint-dir} / {@code
 * state.savepoints.dir}. The operator only reads the FlinkDeployment's (it checks the checkpoint
 * directory and writes the savepoints it takes to its savepoint directory), which is why the replay
 * tool refuses a checkout where the two disagree.
 */
public final class JobSettings {
    /** Periodic watermark interval unless the cluster configuration sets one. */
    public static final Duration WATERMARK_INTERVAL = Duration.ofMillis(10);

    /** Network buffer flush timeout unless the cluster configuration sets one. */
    public static final Duration BUFFER_TIMEOUT = Duration.ofMillis(5);

    private JobSettings() {}

    /** Writes the settings into {@code conf}. */
    public static Configuration apply(TaConfig c, Configuration conf) {
        conf.set(
                CheckpointingOptions.CHECKPOINTING_INTERVAL,
                Duration.ofMillis(c.checkpointIntervalMs));
        conf.set(
                CheckpointingOptions.CHECKPOINTING_TIMEOUT,
                Duration.ofMillis(c.checkpointTimeoutMs));
        conf.set(
                CheckpointingOptions.MIN_PAUSE_BETWEEN_CHECKPOINTS,
                Duration.ofMillis(c.checkpointPauseMs));
        conf.set(
                CheckpointingOptions.CHECKPOINTING_CONSISTENCY_MODE,
                CheckpointingMode.EXACTLY_ONCE);
        conf.set(
                CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
                ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        if (!conf.contains(CheckpointingOptions.TOLERABLE_FAILURE_NUMBER)) {
            conf.set(CheckpointingOptions.TOLERABLE_FAILURE_NUMBER, 3);
        }
        // Latency: a bar closes when the watermark passes its end and its signal leaves when the
        // network buffer is flushed; with Flink's defaults (200 ms, 100 ms) those two waits alone
        // exceed the 100 ms latency target (the end-to-end benchmark measures it). Full buffers
        // still flush at once, so a replay's throughput is not bound by them.
        if (!conf.contains(PipelineOptions.AUTO_WATERMARK_INTERVAL)) {
            conf.set(PipelineOptions.AUTO_WATERMARK_INTERVAL, WATERMARK_INTERVAL);
        }
        if (!conf.contains(ExecutionOptions.BUFFER_TIMEOUT)) {
            conf.set(ExecutionOptions.BUFFER_TIMEOUT, BUFFER_TIMEOUT);
        }
        // Throughput: no operator keeps or changes a record it has passed on (inputs are
        // decoded into new objects, outputs are built new, the sinks serialize at once, the
        // JDBC writer copies when reuse is on), so chained operators can hand records over
        // without a serializer copy each.
        if (!conf.contains(PipelineOptions.OBJECT_REUSE)) {
            conf.set(PipelineOptions.OBJECT_REUSE, true);
        }
        if (!conf.contains(StateBackendOptions.STATE_BACKEND)) {
            conf.set(StateBackendOptions.STATE_BACKEND, "hashmap");
        }
        if (c.checkpointDir != null) {
            // The prefix's checkpoints/ (the state-directory rule above), over the cluster's.
            conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, c.checkpointDir + "/checkpoints");
        }
        if (c.savepointDir != null) {
            conf.set(CheckpointingOptions.SAVEPOINT_DIRECTORY, c.savepointDir);
        }
        return conf;
    }
}
