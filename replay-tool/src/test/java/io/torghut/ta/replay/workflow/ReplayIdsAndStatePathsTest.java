package io.torghut.ta.replay.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Tests for {@link ReplayIds} and {@link StatePaths}. */
class ReplayIdsAndStatePathsTest {
    static final String CK = "s3a://flink-checkpoints/torghut/technical-analysis/checkpoints";
    static final String SP = "s3a://flink-checkpoints/torghut/technical-analysis/savepoints";

    @Test
    void replayIdRules() {
        assertThat(ReplayIds.replayIdProblem("2026-02-09T0315Z-INC1234")).isNull();
        assertThat(ReplayIds.replayIdProblem("abcd")).isNull();
        assertThat(ReplayIds.replayIdProblem("a".repeat(65))).isNotNull();
        assertThat(ReplayIds.replayIdProblem("abc-")).isNotNull();
        assertThat(ReplayIds.replayIdProblem("ab_cd")).isNotNull();
        assertThat(ReplayIds.replayIdProblem(null)).isNotNull();
        assertThat(ReplayIds.groupId("X-1")).isEqualTo("torghut-ta-replay-X-1");
        assertThat(ReplayIds.ticketProblem("INC-1234")).isNull();
        assertThat(ReplayIds.ticketProblem("x")).isNotNull();
    }

    @Test
    void restorePathMustBeAnS3PathUnderTheStateDirectories() {
        assertThat(StatePaths.restorePathProblem(CK + "/abc/chk-4", CK, SP)).isNull();
        assertThat(
                        StatePaths.restorePathProblem(
                                "s3://flink-checkpoints/torghut/technical-analysis/"
                                        + "savepoints/savepoint-1",
                                CK,
                                SP))
                .isNull();
        assertThat(StatePaths.restorePathProblem(CK, CK, SP)).contains("is not under");
        assertThat(StatePaths.restorePathProblem(CK + "x/chk-1", CK, SP)).contains("is not under");
        assertThat(StatePaths.restorePathProblem("file:///tmp/chk-1", CK, SP)).contains("s3a://");
        assertThat(StatePaths.restorePathProblem(CK + "/a b", CK, SP)).isNotNull();
        assertThat(StatePaths.restorePathProblem(null, CK, SP)).contains("required");
        // The state prefix is TA_CHECKPOINT_DIR, the parent of checkpoints/ (StateLocationTest).
        assertThat(
                        StateLocation.resolve(
                                        "s3a://flink-checkpoints/torghut/technical-analysis",
                                        SP,
                                        Map.of("state.checkpoints.dir", CK))
                                .prefix())
                .isEqualTo("s3a://flink-checkpoints/torghut/technical-analysis");
        assertThat(StatePaths.forAwsCli(CK + "/"))
                .isEqualTo("s3://flink-checkpoints/torghut/technical-analysis/checkpoints");
    }
}
