package io.torghut.ta.checkpoints;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The scripts' side of the state-directory rule, in {@code lib.sh}'s {@code resolve_state_location}
 * run on its own (no S3 needed): the job's TA_CHECKPOINT_DIR is the state prefix, TA_SAVEPOINT_DIR
 * must be its savepoints/, and a location asked for with flags or CKPT_* that disagrees with the
 * job's is refused.
 */
class StateLocationRuleTest {
    static final String PRODUCTION = "s3a://flink-checkpoints/torghut/technical-analysis";

    record Outcome(int exitCode, String location, String stderr) {}

    @Test
    void theJobsTaCheckpointDirIsTheStatePrefix() throws Exception {
        assertThat(resolve(Map.of("TA_CHECKPOINT_DIR", PRODUCTION)))
                .isEqualTo(new Outcome(0, "flink-checkpoints torghut/technical-analysis", ""));
        assertThat(
                        resolve(
                                        Map.of(
                                                "TA_CHECKPOINT_DIR", "s3://b/x/y/",
                                                "TA_SAVEPOINT_DIR", "s3a://b/x/y/savepoints/"))
                                .location())
                .isEqualTo("b x/y");
        // Nothing from the job: flags, CKPT_* and defaults as before.
        assertThat(resolve(Map.of()).location())
                .isEqualTo("flink-checkpoints torghut/technical-analysis");
        assertThat(resolve(Map.of("CKPT_PREFIX", "/a/b/"), "--bucket", "c").location())
                .isEqualTo("c a/b");
        // Asked for and the job's agree.
        assertThat(
                        resolve(
                                        Map.of("TA_CHECKPOINT_DIR", PRODUCTION),
                                        "--bucket",
                                        "flink-checkpoints",
                                        "--prefix",
                                        "torghut/technical-analysis/")
                                .exitCode())
                .isZero();
    }

    @Test
    void aLocationThatDisagreesWithTheJobsIsRefused() throws Exception {
        Outcome flag =
                resolve(Map.of("TA_CHECKPOINT_DIR", PRODUCTION), "--prefix", "torghut/other");
        assertThat(flag.exitCode()).isEqualTo(3);
        assertThat(flag.stderr())
                .contains(
                        "REFUSED: the state location disagrees: --bucket/--prefix (or CKPT_BUCKET/"
                                + " CKPT_PREFIX) say s3://flink-checkpoints/torghut/other, but the"
                                + " job's TA_CHECKPOINT_DIR is "
                                + PRODUCTION);
        assertThat(
                        resolve(Map.of("TA_CHECKPOINT_DIR", PRODUCTION, "CKPT_BUCKET", "other"))
                                .exitCode())
                .isEqualTo(3);
        Outcome savepoints =
                resolve(
                        Map.of(
                                "TA_CHECKPOINT_DIR",
                                PRODUCTION,
                                "TA_SAVEPOINT_DIR",
                                "s3a://flink-checkpoints/savepoints"));
        assertThat(savepoints.exitCode()).isEqualTo(3);
        assertThat(savepoints.stderr())
                .contains(
                        "TA_SAVEPOINT_DIR is s3a://flink-checkpoints/savepoints, not "
                                + PRODUCTION
                                + "/savepoints");
        Outcome malformed = resolve(Map.of("TA_CHECKPOINT_DIR", "s3a://flink-checkpoints"));
        assertThat(malformed.exitCode()).isEqualTo(2);
        assertThat(malformed.stderr()).contains("is not s3a://<bucket>/<prefix>");
    }

    /** Sources lib.sh, applies {@code flags} as a script would, resolves; "bucket prefix". */
    private static Outcome resolve(Map<String, String> env, String... flags)
            throws IOException, InterruptedException {
        Path lib = Path.of(System.getProperty("checkpoints.scripts.dir", "bin"), "lib.sh");
        List<String> command =
                new ArrayList<>(
                        List.of(
                                "bash",
                                "-c",
                                "source \"$0\"; while [[ $# -gt 0 ]]; do parse_common_flag \"$@\";"
                                        + " shift \"$SHIFT_BY\"; done; resolve_state_location;"
                                        + " echo \"$BUCKET $PREFIX\"",
                                lib.toString()));
        command.addAll(List.of(flags));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().keySet().removeIf(k -> k.startsWith("CKPT_") || k.startsWith("TA_"));
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new Outcome(p.exitValue(), out, err);
    }
}
