package io.torghut.ta.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.torghut.ta.replay.testutil.GitOpsFixture;
import io.torghut.ta.replay.testutil.ToolRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tests of the destructive Mode 2 workflow's gates, backup contract and rollback. */
class Mode2Test {
    static final String ID = "2026-11-23T0415Z-INC77";
    static final String TICKET = "INC-77";
    static final String PREFIX = "s3a://flink-checkpoints/torghut/technical-analysis";
    static final String RESTORE = PREFIX + "/checkpoints/8f1c/chk-41";

    @TempDir Path dir;

    @Test
    void refusesWithoutTheExactConfirmationOrATicket() {
        GitOpsFixture f = fixture();
        ToolRun none =
                ToolRun.run(f.args("mode2", "--replay-id", ID, "--step", "1", "--ticket", TICKET));
        assertThat(none.exitCode).isEqualTo(3);
        assertThat(none.err).contains("--confirm REPLAY_FROM_SCRATCH");
        ToolRun wrong =
                ToolRun.run(
                        f.args(
                                "mode2",
                                "--replay-id",
                                ID,
                                "--step",
                                "1",
                                "--ticket",
                                TICKET,
                                "--confirm",
                                "yes"));
        assertThat(wrong.exitCode).isEqualTo(3);
        ToolRun noTicket =
                ToolRun.run(
                        f.args(
                                "mode2",
                                "--replay-id",
                                ID,
                                "--step",
                                "1",
                                "--confirm",
                                "REPLAY_FROM_SCRATCH"));
        assertThat(noTicket.exitCode).isEqualTo(3);
        assertThat(noTicket.err).contains("--ticket");
        ToolRun badTicket = step(f, 1, "--ticket", "bad ticket");
        assertThat(badTicket.exitCode).isEqualTo(2);
        assertThat(f.read(GitOpsFixture.KNATIVE)).contains("value: \"true\"");
    }

    @Test
    void backupStepChecksTheManifestContract() throws IOException {
        GitOpsFixture f = fixture();
        ok(step(f, 1));
        ok(step(f, 2));
        ToolRun missing = step(f, 3, "--restore-path", RESTORE);
        assertThat(missing.exitCode).isEqualTo(3);
        assertThat(missing.err).contains("--backup-manifest is required").contains("/backup/" + ID);
        assertRefused(
                f, manifest(ID, false, PREFIX, RESTORE, true), RESTORE, "verified is not true");
        assertRefused(
                f,
                manifest("OTHER-1", true, PREFIX, RESTORE, true),
                RESTORE,
                "replayId is 'OTHER-1'");
        assertRefused(f, manifest(ID, true, PREFIX + "/x", RESTORE, true), RESTORE, "sourcePrefix");
        assertRefused(
                f, manifest(ID, true, PREFIX, RESTORE, false), RESTORE, "totals do not match");
        assertRefused(
                f,
                manifest(ID, true, PREFIX, RESTORE, true),
                PREFIX + "/checkpoints/other/chk-9",
                "no object of the restore path");
        ToolRun good =
                step(
                        f,
                        3,
                        "--backup-manifest",
                        manifest(ID, true, PREFIX, RESTORE, true).toString(),
                        "--restore-path",
                        RESTORE);
        ok(good);
        assertThat(good.out).contains("Backup verified: 3 objects, 6144 bytes");
        assertThat(f.read(GitOpsFixture.LEDGER))
                .contains("\"backup\":{\"prefix\":\"" + PREFIX + "/backup/" + ID + "\"")
                .contains("\"restorePath\":\"" + RESTORE + "\"")
                .contains("\"ticket\":\"" + TICKET + "\"");
    }

    @Test
    void wipeRefusesUntilAVerifiedBackupIsRecorded() {
        GitOpsFixture f = fixture();
        ok(step(f, 1));
        ok(step(f, 2));
        // A ledger that claims steps 3 and 4 without a backup record (hand-edited or corrupt).
        for (int n = 3; n <= 4; n++) {
            f.appendLedger(
                    "{\"at\":\"2026-11-23T04:00:00Z\",\"replayId\":\""
                            + ID
                            + "\",\"mode\":\"mode2\",\"step\":"
                            + n
                            + ",\"action\":\"x\"}");
        }
        ToolRun r = step(f, 5);
        assertThat(r.exitCode).isEqualTo(3);
        assertThat(r.err).contains("no verified backup is recorded");
    }

    @Test
    void fullDestructiveFlowPrintsExactCommandsAndRollsBackFromTheBackup() throws IOException {
        GitOpsFixture f = fixture();
        ok(step(f, 1));
        ok(step(f, 2));
        ok(
                step(
                        f,
                        3,
                        "--backup-manifest",
                        manifest(ID, true, PREFIX, RESTORE, true).toString(),
                        "--restore-path",
                        RESTORE));
        ToolRun topics = step(f, 4);
        ok(topics);
        assertThat(topics.out)
                .contains(
                        "kafka-topics.sh --bootstrap-server kafka-kafka-bootstrap.kafka:9092"
                                + " --delete --topic torghut.ta.bars.1s.v1")
                .contains(
                        "--create --topic torghut.ta.signals.v1 --partitions 1"
                                + " --replication-factor 3 --config retention.ms=3024000000")
                .contains("--record-done");
        assertThat(step(f, 5).exitCode).as("step 4 not recorded yet").isEqualTo(3);
        ok(step(f, 4, "--record-done"));
        ToolRun wipe = step(f, 5);
        ok(wipe);
        assertThat(wipe.out)
                .contains(
                        "checkpoints-scripts/bin/wipe-state --replay-id "
                                + ID
                                + " --execute --confirm REPLAY_FROM_SCRATCH --ticket "
                                + TICKET)
                .contains(
                        "s3 rm --recursive s3://flink-checkpoints/torghut/technical-analysis"
                                + "/checkpoints")
                .contains(
                        "s3 rm --recursive s3://flink-checkpoints/torghut/technical-analysis"
                                + "/savepoints");
        ok(step(f, 5, "--record-done"));
        Mode1GoldenTest.checkWindow(f, ID);
        ok(step(f, 6));
        ToolRun restart = step(f, 7);
        ok(restart);
        assertThat(f.read(GitOpsFixture.FLINKDEPLOYMENT))
                .contains("upgradeMode: stateless")
                .contains("restartNonce: 39")
                .contains("state: running");
        ToolRun noRestore = ToolRun.run(f.args("rollback", "--replay-id", ID));
        assertThat(noRestore.exitCode).isEqualTo(3);
        assertThat(noRestore.err).contains("--confirm-backup-restored").contains("/backup/" + ID);
        ToolRun rb =
                ToolRun.run(f.args("rollback", "--replay-id", ID, "--confirm-backup-restored"));
        assertThat(rb.exitCode).as(rb.toString()).isZero();
        assertThat(rb.out).contains("SAVEPOINT_REDEPLOY(" + RESTORE + ")");
        assertThat(f.read(GitOpsFixture.FLINKDEPLOYMENT))
                .contains("initialSavepointPath: " + RESTORE)
                .contains("savepointRedeployNonce: 1")
                .contains("upgradeMode: last-state");
        assertThat(f.read(GitOpsFixture.CONFIGMAP)).contains("TA_GROUP_ID: \"torghut-ta-live\"");
    }

    @Test
    void destructiveStepsNeedTheJobSuspended() throws IOException {
        GitOpsFixture f = fixture();
        ok(step(f, 1));
        ok(step(f, 2));
        ok(
                step(
                        f,
                        3,
                        "--backup-manifest",
                        manifest(ID, true, PREFIX, RESTORE, true).toString(),
                        "--restore-path",
                        RESTORE));
        ok(step(f, 4, "--record-done"));
        // Someone resumed the job by hand.
        f.write(
                GitOpsFixture.FLINKDEPLOYMENT,
                f.read(GitOpsFixture.FLINKDEPLOYMENT)
                        .replace("state: suspended", "state: running"));
        ToolRun r = step(f, 5, "--record-done");
        assertThat(r.exitCode).isEqualTo(3);
        assertThat(r.err).contains("the TA job is not suspended");
    }

    @Test
    void everyStepMustCarryTheTicketTheReplayStartedWith() {
        GitOpsFixture f = fixture();
        ok(step(f, 1));
        ToolRun r = step(f, 2, "--ticket", "INC-99");
        assertThat(r.exitCode).isEqualTo(3);
        assertThat(r.err).contains("was started under ticket " + TICKET);
    }

    @Test
    void aMode2ReplayCannotBeContinuedAsMode1() {
        GitOpsFixture f = fixture();
        ok(step(f, 1));
        ToolRun r = ToolRun.run(f.args("mode1", "--replay-id", ID, "--step", "2"));
        assertThat(r.exitCode).isEqualTo(3);
        assertThat(r.err).contains("is a mode2 replay");
    }

    private GitOpsFixture fixture() {
        return GitOpsFixture.copyTo(dir.resolve("gitops"));
    }

    private void assertRefused(GitOpsFixture f, Path manifest, String restore, String reason) {
        ToolRun r = step(f, 3, "--backup-manifest", manifest.toString(), "--restore-path", restore);
        assertThat(r.exitCode).as(r.toString()).isEqualTo(3);
        assertThat(r.err).contains(reason);
    }

    static ToolRun step(GitOpsFixture f, int n, String... extra) {
        List<String> a =
                new ArrayList<>(
                        List.of(
                                "mode2",
                                "--replay-id",
                                ID,
                                "--step",
                                String.valueOf(n),
                                "--confirm",
                                "REPLAY_FROM_SCRATCH"));
        if (!List.of(extra).contains("--ticket")) {
            a.add("--ticket");
            a.add(TICKET);
        }
        a.addAll(List.of(extra));
        return ToolRun.run(f.args(a.toArray(String[]::new)));
    }

    static void ok(ToolRun r) {
        assertThat(r.exitCode).as(r.toString()).isZero();
    }

    private Path manifest(
            String replayId,
            boolean verified,
            String source,
            String restore,
            boolean consistentTotals)
            throws IOException {
        String rel = restore.substring(PREFIX.length() + 1);
        String json =
                "{\"replayId\":\""
                        + replayId
                        + "\",\"createdAt\":\"2026-11-23T03:50:00Z\","
                        + "\"sourcePrefix\":\""
                        + source
                        + "\",\"verified\":"
                        + verified
                        + ","
                        + "\"verifiedAt\":\"2026-11-23T03:55:00Z\",\"objects\":["
                        + "{\"key\":\""
                        + rel
                        + "/_metadata\",\"size\":1024,\"sha256\":\"aa\"},"
                        + "{\"key\":\""
                        + rel
                        + "/shared-1\",\"size\":4096,\"sha256\":\"bb\"},"
                        + "{\"key\":\"savepoints/savepoint-1/_metadata\","
                        + "\"size\":1024,\"sha256\":\"cc\"}],"
                        + "\"totals\":{\"objects\":3,\"bytes\":"
                        + (consistentTotals ? 6144 : 6000)
                        + "}}";
        Path p = Files.createTempFile(dir, "manifest", ".json");
        Files.writeString(p, json);
        return p;
    }
}
