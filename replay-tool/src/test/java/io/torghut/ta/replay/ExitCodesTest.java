package io.torghut.ta.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.torghut.ta.replay.testutil.GitOpsFixture;
import io.torghut.ta.replay.testutil.ToolRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exit code tells oncall whose problem it is: 5 for input to fix (named, without a stack
 * trace), 1 for a bug in the tool (said so, with the stack trace), and never one for the other.
 */
class ExitCodesTest {
    static final String ID = Mode1GoldenTest.ID;

    @TempDir Path dir;

    @Test
    void aMalformedGitOpsFileIsBadInputNamingTheFile() {
        GitOpsFixture f = GitOpsFixture.copyTo(dir);
        f.write(GitOpsFixture.CONFIGMAP, "data:\n  TA_GROUP_ID: [unclosed\n");
        for (String[] args :
                new String[][] {
                    {"plan", "--replay-id", ID},
                    {"mode1", "--replay-id", ID, "--step", "1"},
                    {
                        "check-window",
                        "--from",
                        "2026-11-22T00:00:00Z",
                        "--to",
                        "2026-11-22T01:00:00Z"
                    }
                }) {
            ToolRun r = ToolRun.run(f.args(args));
            assertThat(r.exitCode).as(r.toString()).isEqualTo(5);
            assertThat(r.err)
                    .startsWith("ERROR: the TA ConfigMap file " + GitOpsFixture.CONFIGMAP)
                    .contains("is not valid YAML")
                    .contains("line 2")
                    .doesNotContain("\tat ");
        }
        assertThat(dir.resolve(GitOpsFixture.LEDGER)).doesNotExist();
    }

    @Test
    void aMalformedLedgerOrManifestOrGivenFileIsBadInput() throws Exception {
        GitOpsFixture f = GitOpsFixture.copyTo(dir);
        f.appendLedger("{\"replayId\":\"" + ID + "\",\"step\":1}");
        ToolRun ledger = ToolRun.run(f.args("plan", "--replay-id", ID));
        assertThat(ledger.exitCode).as(ledger.toString()).isEqualTo(5);
        assertThat(ledger.err).contains("line 1 is not a ledger event: it has no replayId or mode");

        GitOpsFixture g = GitOpsFixture.copyTo(dir.resolve("g"));
        String[] m2 = {"--confirm", "REPLAY_FROM_SCRATCH", "--ticket", "INC-1"};
        for (int step = 1; step <= 2; step++) {
            String[] args = {"mode2", "--replay-id", ID, "--step", String.valueOf(step)};
            assertThat(ToolRun.run(g.args(Mode1GoldenTest.concat(args, m2))).exitCode).isZero();
        }
        Path manifest = dir.resolve("manifest.json");
        Files.writeString(manifest, "{\"replayId\": ");
        ToolRun backup =
                ToolRun.run(
                        g.args(
                                Mode1GoldenTest.concat(
                                        new String[] {
                                            "mode2",
                                            "--replay-id",
                                            ID,
                                            "--step",
                                            "3",
                                            "--backup-manifest",
                                            manifest.toString(),
                                            "--restore-path",
                                            Mode1GoldenTest.RESTORE
                                        },
                                        m2)));
        assertThat(backup.exitCode).as(backup.toString()).isEqualTo(5);
        assertThat(backup.err).startsWith("ERROR: cannot read the backup manifest " + manifest);

        // A client properties file that is not there: before, an uncaught IOException (exit 1).
        ToolRun props =
                ToolRun.run(
                        g.args(
                                "check-window",
                                "--from",
                                "2026-11-22T00:00:00Z",
                                "--to",
                                "2026-11-22T01:00:00Z",
                                "--bootstrap",
                                "127.0.0.1:1",
                                "--kafka-config",
                                dir.resolve("missing.properties").toString()));
        assertThat(props.exitCode).as(props.toString()).isEqualTo(5);
        assertThat(props.err).contains("Kafka client properties file").contains("does not exist");
    }

    @Test
    void aBugInTheToolExits1AndSaysItIsABugWithTheStackTrace() {
        GitOpsFixture f = GitOpsFixture.copyTo(dir);
        Clock broken =
                new Clock() {
                    @Override
                    public ZoneId getZone() {
                        return ZoneOffset.UTC;
                    }

                    @Override
                    public Clock withZone(ZoneId zone) {
                        return this;
                    }

                    @Override
                    public Instant instant() {
                        throw new IllegalStateException("injected: no time");
                    }
                };
        ToolRun r =
                ToolRun.run(broken, Map.of(), f.args("mode1", "--replay-id", ID, "--step", "1"));
        assertThat(r.exitCode).as(r.toString()).isEqualTo(1);
        assertThat(r.err)
                .startsWith("ERROR: this is a bug in replay-tool, not a problem with the input")
                .contains("java.lang.IllegalStateException: injected: no time")
                .contains("\tat ");
        assertThat(f.read(GitOpsFixture.KNATIVE)).contains("value: \"true\"");
        assertThat(dir.resolve(GitOpsFixture.LEDGER)).doesNotExist();
    }
}
