package io.torghut.ta.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.torghut.ta.replay.testutil.GitOpsFixture;
import io.torghut.ta.replay.testutil.Golden;
import io.torghut.ta.replay.testutil.ToolRun;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Golden diff tests of Mode 1 and rollback: each step's files (and the ledger) must equal the
 * golden copies byte for byte, so comments, ordering and formatting elsewhere provably stay.
 */
class Mode1GoldenTest {
    static final String ID = "2026-11-23T0400Z-INC42";
    static final String RESTORE =
            "s3a://flink-checkpoints/torghut/technical-analysis/checkpoints/"
                    + "8f1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e/chk-41";
    static final String VERIFY_PASSED =
            "{\"at\":\"2026-11-23T04:00:00Z\",\"replayId\":\""
                    + ID
                    + "\",\"mode\":\"verify\",\"action\":\"verify\",\"passed\":true,"
                    + "\"detail\":\"freshness ok\"}";

    @TempDir Path dir;
    private final Golden golden = new Golden();

    @org.junit.jupiter.api.AfterEach
    void goldensMatch() {
        golden.verify();
    }

    @Test
    void everyStepChangesOnlyItsLinesAndMatchesTheGoldenFiles() {
        GitOpsFixture f = GitOpsFixture.copyTo(dir);
        step(f, "mode1/step-1", 1, "--step", "1");
        step(f, "mode1/step-2", 1, "--step", "2");
        checkWindow(f);
        step(f, "mode1/step-3", 2, "--step", "3");
        step(f, "mode1/step-4", 3, "--step", "4", "--restore-path", RESTORE);
        f.appendLedger(VERIFY_PASSED);
        step(f, "mode1/step-5", 2, "--step", "5");
        step(f, "mode1/step-6", 1, "--step", "6");
    }

    @Test
    void repeatingARecordedStepWritesNothing() {
        GitOpsFixture f = GitOpsFixture.copyTo(dir);
        ToolRun.run(f.args("mode1", "--replay-id", ID, "--step", "1"));
        String before = snapshot(f);
        ToolRun again = ToolRun.run(f.args("mode1", "--replay-id", ID, "--step", "1"));
        assertThat(again.exitCode).as(again.toString()).isZero();
        assertThat(again.out).contains("Already recorded in the ledger: nothing to do");
        assertThat(snapshot(f)).isEqualTo(before);
    }

    @Test
    void rollbackAfterTheRestartRedeploysFromTheRecordedCheckpoint() {
        GitOpsFixture f = GitOpsFixture.copyTo(dir);
        run(f, "--step", "1");
        run(f, "--step", "2");
        checkWindow(f);
        run(f, "--step", "3");
        run(f, "--step", "4", "--restore-path", RESTORE);
        ToolRun r = ToolRun.run(f.args("rollback", "--replay-id", ID));
        assertThat(r.exitCode).as(r.toString()).isZero();
        assertThat(r.out).contains("SAVEPOINT_REDEPLOY(" + RESTORE + ")");
        compare(f, "rollback/after-restart");
    }

    @Test
    void rollbackBeforeTheRestartResumesOnTheKeptState() {
        GitOpsFixture f = GitOpsFixture.copyTo(dir);
        run(f, "--step", "1");
        run(f, "--step", "2");
        checkWindow(f);
        run(f, "--step", "3");
        ToolRun r = ToolRun.run(f.args("rollback", "--replay-id", ID));
        assertThat(r.exitCode).as(r.toString()).isZero();
        assertThat(r.out).contains("RESTORE_LAST_STATE");
        compare(f, "rollback/before-restart");
        ToolRun reuse = ToolRun.run(f.args("mode1", "--replay-id", ID, "--step", "4"));
        assertThat(reuse.exitCode).isEqualTo(3);
        assertThat(reuse.err).contains("was rolled back");
    }

    @Test
    void rollbackAfterTradingResumedPausesTradingAgain() {
        GitOpsFixture f = GitOpsFixture.copyTo(dir);
        run(f, "--step", "1");
        run(f, "--step", "2");
        checkWindow(f);
        run(f, "--step", "3");
        run(f, "--step", "4", "--restore-path", RESTORE);
        f.appendLedger(VERIFY_PASSED);
        run(f, "--step", "5");
        run(f, "--step", "6");
        assertThat(f.read(GitOpsFixture.KNATIVE))
                .contains("value: \"true\"\n            - name: TRADING_LIVE");
        ToolRun r = ToolRun.run(f.args("rollback", "--replay-id", ID));
        assertThat(r.exitCode).as(r.toString()).isZero();
        assertThat(r.out).contains("TRADING_ENABLED].value: true -> false");
        assertThat(f.read(GitOpsFixture.KNATIVE))
                .contains("value: \"false\"\n            - name: TRADING_LIVE");
        assertThat(f.read(GitOpsFixture.FLINKDEPLOYMENT))
                .contains("initialSavepointPath: " + RESTORE)
                .contains("upgradeMode: last-state");
    }

    @Test
    void dryRunWritesNothingAndShowsTheLedgerLine() {
        GitOpsFixture f = GitOpsFixture.copyTo(dir);
        String before = snapshot(f);
        ToolRun r = ToolRun.run(f.args("mode1", "--replay-id", ID, "--step", "1", "--dry-run"));
        assertThat(r.exitCode).as(r.toString()).isZero();
        assertThat(r.out)
                .contains("DRY RUN: nothing written.")
                .contains("Ledger line (not written)");
        assertThat(snapshot(f)).isEqualTo(before);
        assertThat(dir.resolve(GitOpsFixture.LEDGER)).doesNotExist();
    }

    private static void run(GitOpsFixture f, String... stepArgs) {
        String[] args = concat(new String[] {"mode1", "--replay-id", ID}, stepArgs);
        ToolRun r = ToolRun.run(f.args(args));
        assertThat(r.exitCode).as(r.toString()).isZero();
    }

    private void step(GitOpsFixture f, String golden, int changedLines, String... stepArgs) {
        String before =
                f.read(GitOpsFixture.KNATIVE)
                        + f.read(GitOpsFixture.CONFIGMAP)
                        + f.read(GitOpsFixture.FLINKDEPLOYMENT);
        run(f, stepArgs);
        String after =
                f.read(GitOpsFixture.KNATIVE)
                        + f.read(GitOpsFixture.CONFIGMAP)
                        + f.read(GitOpsFixture.FLINKDEPLOYMENT);
        assertThat(GitOpsFixture.changedLines(before, after)).as(golden).isEqualTo(changedLines);
        compare(f, golden);
    }

    static void checkWindow(GitOpsFixture f) {
        checkWindow(f, ID);
    }

    static void checkWindow(GitOpsFixture f, String replayId) {
        ToolRun r =
                ToolRun.run(
                        f.args(
                                "check-window",
                                "--replay-id",
                                replayId,
                                "--from",
                                "2026-11-20T14:30:00Z",
                                "--to",
                                "2026-11-20T21:00:00Z"));
        assertThat(r.exitCode).as(r.toString()).isZero();
    }

    private void compare(GitOpsFixture f, String goldenDir) {
        for (String file :
                List.of(
                        GitOpsFixture.KNATIVE,
                        GitOpsFixture.CONFIGMAP,
                        GitOpsFixture.FLINKDEPLOYMENT,
                        GitOpsFixture.LEDGER)) {
            String name = Path.of(file).getFileName().toString();
            golden.check("golden/" + goldenDir + "/" + name, f.read(file));
        }
    }

    private static String snapshot(GitOpsFixture f) {
        return f.read(GitOpsFixture.KNATIVE)
                + f.read(GitOpsFixture.CONFIGMAP)
                + f.read(GitOpsFixture.FLINKDEPLOYMENT);
    }

    static String[] concat(String[] a, String[] b) {
        String[] out = new String[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
