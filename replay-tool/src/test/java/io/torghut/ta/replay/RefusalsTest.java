package io.torghut.ta.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.torghut.ta.replay.testutil.GitOpsFixture;
import io.torghut.ta.replay.testutil.ToolRun;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every unsafe input gets a clear refusal, a nonzero exit code, and changes nothing. */
class RefusalsTest {
    static final String ID = Mode1GoldenTest.ID;

    @TempDir Path dir;

    @Test
    void badReplayIdCharactersAreAUsageError() {
        GitOpsFixture f = GitOpsFixture.copyTo(dir);
        for (String bad :
                new String[] {"a b", "x;rm -rf", "../etc", "-lead", "abc", "a--b", "é-123"}) {
            ToolRun r = ToolRun.run(f.args("plan", "--replay-id", bad));
            assertThat(r.exitCode).as(bad).isEqualTo(2);
            assertThat(r.err).contains("is not allowed").contains("2026-02-09T0315Z-INC1234");
        }
        ToolRun ctl = ToolRun.run(f.args("mode1", "--replay-id", "ab\u001b[2Jcd", "--step", "1"));
        assertThat(ctl.exitCode).isEqualTo(2);
        assertThat(ctl.err).contains("\\x1b").doesNotContain("\u001b");
    }

    @Test
    void aGroupIdUsedBeforeIsRefusedNotWarned() {
        GitOpsFixture f = GitOpsFixture.copyTo(dir);
        f.appendLedger(
                "{\"at\":\"2026-10-01T00:00:00Z\",\"replayId\":\"OLD-1\",\"mode\":\"mode1\","
                        + "\"step\":1,\"action\":\"pause-trading\",\"groupId\":\"torghut-ta-replay-"
                        + ID
                        + "\"}");
        for (String cmd : new String[] {"plan", "mode1"}) {
            ToolRun r =
                    cmd.equals("plan")
                            ? ToolRun.run(f.args("plan", "--replay-id", ID))
                            : ToolRun.run(f.args("mode1", "--replay-id", ID, "--step", "1"));
            assertThat(r.exitCode).as(r.toString()).isEqualTo(3);
            assertThat(r.err).contains("reused group id");
        }
        assertUnchanged(f);
    }

    @Test
    void theCurrentGroupIdCannotBeTheReplayGroup() {
        GitOpsFixture f = GitOpsFixture.copyTo(dir);
        f.write(
                GitOpsFixture.CONFIGMAP,
                f.read(GitOpsFixture.CONFIGMAP)
                        .replace("\"torghut-ta-live\"", "\"torghut-ta-replay-" + ID + "\""));
        ToolRun r = ToolRun.run(f.args("mode1", "--replay-id", ID, "--step", "1"));
        assertThat(r.exitCode).isEqualTo(3);
        assertThat(r.err).contains("reused group id");
    }

    @Test
    void stepsAfterThePauseRefuseWhenTradingIsNotPaused() {
        GitOpsFixture f = GitOpsFixture.copyTo(dir);
        assertThat(ToolRun.run(f.args("mode1", "--replay-id", ID, "--step", "1")).exitCode)
                .isZero();
        // Someone re-enabled trading by hand.
        f.write(
                GitOpsFixture.KNATIVE,
                f.read(GitOpsFixture.KNATIVE)
                        .replace(
                                "value: \"false\"\n            - name: TRADING_LIVE",
                                "value: \"true\"\n            - name: TRADING_LIVE"));
        ToolRun r = ToolRun.run(f.args("mode1", "--replay-id", ID, "--step", "2"));
        assertThat(r.exitCode).as(r.toString()).isEqualTo(3);
        assertThat(r.err).contains("trading is not paused").contains("TRADING_ENABLED=true");
        assertThat(f.read(GitOpsFixture.FLINKDEPLOYMENT)).contains("state: running");
    }

    @Test
    void wrongNamespaceIsRefused() {
        GitOpsFixture f = GitOpsFixture.copyTo(dir);
        ToolRun r =
                ToolRun.run(
                        f.args("mode1", "--replay-id", ID, "--step", "1", "--namespace", "prod"));
        assertThat(r.exitCode).isEqualTo(3);
        assertThat(r.err).contains("wrong namespace").contains("'prod'").contains("'torghut'");
        assertUnchanged(f);
        // One file of the tree targets another namespace: refused as well.
        f.write(
                GitOpsFixture.CONFIGMAP,
                f.read(GitOpsFixture.CONFIGMAP)
                        .replace("namespace: torghut", "namespace: staging"));
        ToolRun mixed = ToolRun.run(f.args("mode1", "--replay-id", ID, "--step", "1"));
        assertThat(mixed.exitCode).isEqualTo(3);
        assertThat(mixed.err).contains("configmap.yaml declares 'staging'");
    }

    @Test
    void stepsRunInOrder() {
        GitOpsFixture f = GitOpsFixture.copyTo(dir);
        ToolRun r = ToolRun.run(f.args("mode1", "--replay-id", ID, "--step", "2"));
        assertThat(r.exitCode).isEqualTo(3);
        assertThat(r.err).contains("step 1 (Pause trading) is not recorded");
        ToolRun bad = ToolRun.run(f.args("mode1", "--replay-id", ID, "--step", "7"));
        assertThat(bad.exitCode).isEqualTo(2);
        assertThat(bad.err).contains("has steps 1 to 6");
        assertUnchanged(f);
    }

    @Test
    void freshGroupNeedsASuspendedJobAndAFeasibleWindow() {
        GitOpsFixture f = GitOpsFixture.copyTo(dir);
        ToolRun.run(f.args("mode1", "--replay-id", ID, "--step", "1"));
        ToolRun.run(f.args("mode1", "--replay-id", ID, "--step", "2"));
        ToolRun r = ToolRun.run(f.args("mode1", "--replay-id", ID, "--step", "3"));
        assertThat(r.exitCode).isEqualTo(3);
        assertThat(r.err).contains("no feasible replay window is recorded");
        // Older than production's 35 days of input retention, check-window's default.
        ToolRun infeasible =
                ToolRun.run(
                        f.args(
                                "check-window",
                                "--replay-id",
                                ID,
                                "--from",
                                "2026-10-01T00:00:00Z",
                                "--to",
                                "2026-10-02T00:00:00Z"));
        assertThat(infeasible.exitCode).isEqualTo(4);
        assertThat(infeasible.err).contains("infeasible window");
        assertThat(ToolRun.run(f.args("mode1", "--replay-id", ID, "--step", "3")).exitCode)
                .isEqualTo(3);
    }

    @Test
    void restartNeedsARestorePathUnderTheStateDirectories() {
        GitOpsFixture f = GitOpsFixture.copyTo(dir);
        ToolRun.run(f.args("mode1", "--replay-id", ID, "--step", "1"));
        ToolRun.run(f.args("mode1", "--replay-id", ID, "--step", "2"));
        Mode1GoldenTest.checkWindow(f);
        ToolRun.run(f.args("mode1", "--replay-id", ID, "--step", "3"));
        ToolRun none = ToolRun.run(f.args("mode1", "--replay-id", ID, "--step", "4"));
        assertThat(none.exitCode).isEqualTo(3);
        assertThat(none.err).contains("a restore path is required");
        ToolRun outside =
                ToolRun.run(
                        f.args(
                                "mode1",
                                "--replay-id",
                                ID,
                                "--step",
                                "4",
                                "--restore-path",
                                "s3a://other-bucket/chk-1"));
        assertThat(outside.exitCode).isEqualTo(3);
        assertThat(outside.err).contains("is not under TA_CHECKPOINT_DIR");
        ToolRun quote =
                ToolRun.run(
                        f.args(
                                "mode1",
                                "--replay-id",
                                ID,
                                "--step",
                                "4",
                                "--restore-path",
                                "s3a://flink-checkpoints/torghut/technical-analysis/"
                                        + "checkpoints/x'y"));
        assertThat(quote.exitCode).isEqualTo(3);
        assertThat(f.read(GitOpsFixture.FLINKDEPLOYMENT)).contains("state: suspended");
    }

    @Test
    void steadyStateAndTradingResumeNeedAPassingVerify() {
        GitOpsFixture f = GitOpsFixture.copyTo(dir);
        ToolRun.run(f.args("mode1", "--replay-id", ID, "--step", "1"));
        ToolRun.run(f.args("mode1", "--replay-id", ID, "--step", "2"));
        Mode1GoldenTest.checkWindow(f);
        ToolRun.run(f.args("mode1", "--replay-id", ID, "--step", "3"));
        // A pass recorded before the restart checked the old output, not the replay's.
        f.appendLedger(Mode1GoldenTest.VERIFY_PASSED);
        ToolRun.run(
                f.args(
                        "mode1",
                        "--replay-id",
                        ID,
                        "--step",
                        "4",
                        "--restore-path",
                        Mode1GoldenTest.RESTORE));
        ToolRun r = ToolRun.run(f.args("mode1", "--replay-id", ID, "--step", "5"));
        assertThat(r.exitCode).isEqualTo(3);
        assertThat(r.err).contains("no passing verify is recorded");
    }

    @Test
    void rollbackOfASuspendedRestartedJobIsRefused() {
        GitOpsFixture f = GitOpsFixture.copyTo(dir);
        ToolRun.run(f.args("mode1", "--replay-id", ID, "--step", "1"));
        ToolRun.run(f.args("mode1", "--replay-id", ID, "--step", "2"));
        Mode1GoldenTest.checkWindow(f);
        ToolRun.run(f.args("mode1", "--replay-id", ID, "--step", "3"));
        ToolRun.run(
                f.args(
                        "mode1",
                        "--replay-id",
                        ID,
                        "--step",
                        "4",
                        "--restore-path",
                        Mode1GoldenTest.RESTORE));
        f.write(
                GitOpsFixture.FLINKDEPLOYMENT,
                f.read(GitOpsFixture.FLINKDEPLOYMENT)
                        .replace("state: running", "state: suspended"));
        ToolRun r = ToolRun.run(f.args("rollback", "--replay-id", ID));
        assertThat(r.exitCode).isEqualTo(3);
        assertThat(r.err).contains("FLINK-40470");
        ToolRun nothing = ToolRun.run(f.args("rollback", "--replay-id", "NEVER-STARTED"));
        assertThat(nothing.exitCode).isEqualTo(3);
        assertThat(nothing.err).contains("nothing to roll back");
    }

    @Test
    void missingGitOpsFileIsAnInputError() {
        GitOpsFixture f = GitOpsFixture.copyTo(dir);
        ToolRun r =
                ToolRun.run(
                        f.args("plan", "--replay-id", ID, "--ta-configmap", "nope/configmap.yaml"));
        assertThat(r.exitCode).isEqualTo(5);
        assertThat(r.err).contains("nope/configmap.yaml does not exist");
    }

    private static void assertUnchanged(GitOpsFixture f) {
        assertThat(f.read(GitOpsFixture.KNATIVE)).contains("value: \"true\"");
        assertThat(f.read(GitOpsFixture.FLINKDEPLOYMENT)).contains("state: running");
        assertThat(f.read(GitOpsFixture.CONFIGMAP)).contains("TA_GROUP_ID: \"torghut-ta-live\"");
    }
}
