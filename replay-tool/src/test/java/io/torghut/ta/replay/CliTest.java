package io.torghut.ta.replay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.torghut.ta.replay.testutil.GitOpsFixture;
import io.torghut.ta.replay.testutil.ToolRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tests of the command surface: help, plan output, verify SQL, and that secrets stay unprinted. */
class CliTest {
    static final String ID = Mode1GoldenTest.ID;
    static final String SECRET = "s3cr3t-Pa55word";

    @TempDir Path dir;

    @Test
    void everyCommandHasHelp() {
        ToolRun top = ToolRun.run("--help");
        assertThat(top.exitCode).isZero();
        assertThat(top.out)
                .contains("plan", "mode1", "mode2", "rollback", "check-window", "verify")
                .contains("Exit codes:")
                .contains("3   refused as unsafe");
        for (String cmd :
                new String[] {"plan", "mode1", "mode2", "rollback", "check-window", "verify"}) {
            ToolRun r = ToolRun.run(cmd, "--help");
            assertThat(r.exitCode).as(cmd).isZero();
            assertThat(r.out)
                    .as(cmd)
                    .contains("Usage: replay-tool " + cmd)
                    .contains("--gitops-root");
        }
        assertThat(ToolRun.run("mode2", "--help").out)
                .contains("--confirm", "--ticket", "--execute");
        assertThat(ToolRun.run("--version").out).contains("replay-tool 0.1.0");
    }

    @Test
    void unknownOptionIsAUsageError() {
        ToolRun r = ToolRun.run("mode1", "--replay-id", ID, "--step", "1", "--bogus");
        assertThat(r.exitCode).isEqualTo(2);
        assertThat(r.err).contains("Unknown option: '--bogus'");
    }

    @Test
    void planPrintsEveryStepChangeCheckAndTheRollback() {
        GitOpsFixture f = GitOpsFixture.copyTo(dir);
        ToolRun r = ToolRun.run(f.args("plan", "--replay-id", ID));
        assertThat(r.exitCode).as(r.toString()).isZero();
        assertThat(r.out)
                .contains(
                        "TA_GROUP_ID=torghut-ta-live TA_AUTO_OFFSET_RESET=latest job.state=running"
                                + " upgradeMode=last-state restartNonce=38")
                .contains("TRADING_ENABLED=true TRADING_LIVE_ENABLED=false")
                .contains("Step 4: Restart and resume TA without restored state")
                .contains("spec.job.upgradeMode: last-state -> stateless")
                .contains("Operator action: STATELESS_EMPTY")
                .contains("Step 6: Resume trading")
                .contains("Rollback: replay-tool rollback --replay-id " + ID)
                .contains("Stop if:");
        assertThat(f.read(GitOpsFixture.FLINKDEPLOYMENT)).contains("restartNonce: 38");
        assertThat(dir.resolve(GitOpsFixture.LEDGER)).doesNotExist();
    }

    @Test
    void planShowsWhereTheReplayStands() {
        GitOpsFixture f = GitOpsFixture.copyTo(dir);
        ToolRun.run(f.args("mode1", "--replay-id", ID, "--step", "1"));
        ToolRun.run(f.args("mode1", "--replay-id", ID, "--step", "2"));
        ToolRun r = ToolRun.run(f.args("plan", "--replay-id", ID));
        assertThat(r.exitCode).as(r.toString()).isZero();
        assertThat(r.out)
                .contains("Steps recorded in the ledger: [1,2]")
                .contains("Step 1: Pause trading  [done]")
                .contains("Step 2: Suspend the TA job  [done]")
                .contains("Step 3: Set a fresh replay consumer group and earliest offsets\n")
                // PREV values come from the ledger, not from the files the replay changed.
                .contains(
                        "PREV (for rollback): PREV_TA_GROUP_ID=torghut-ta-live"
                                + " PREV_TA_AUTO_OFFSET_RESET=latest upgradeMode=last-state"
                                + " job.state=running TRADING_ENABLED=true");
    }

    @Test
    void planJsonIsMachineReadable() throws Exception {
        GitOpsFixture f = GitOpsFixture.copyTo(dir);
        ToolRun r = ToolRun.run(f.args("plan", "--replay-id", ID, "--mode", "mode2", "--json"));
        assertThat(r.exitCode).as(r.toString()).isZero();
        JsonNode j = new ObjectMapper().readTree(r.out);
        assertThat(j.get("groupId").asText()).isEqualTo("torghut-ta-replay-" + ID);
        assertThat(j.at("/prev/TA_GROUP_ID").asText()).isEqualTo("torghut-ta-live");
        assertThat(j.at("/current/upgradeMode").asText()).isEqualTo("last-state");
        assertThat(j.get("steps")).hasSize(9);
        assertThat(j.at("/steps/4/action").asText()).isEqualTo("wipe-state");
        assertThat(j.at("/steps/4/effects/0").asText())
                .contains("wipe-state --replay-id " + ID)
                .contains("s3a://flink-checkpoints/torghut/technical-analysis/checkpoints");
        assertThat(j.at("/steps/3/effects").toString())
                .contains("torghut.ta.bars.1s.v1")
                .contains("torghut.ta.signals.v1");
        assertThat(j.at("/steps/6/operatorAction").asText()).startsWith("STATELESS_EMPTY");
        assertThat(j.at("/steps/6/command").asText()).contains("--confirm REPLAY_FROM_SCRATCH");
        assertThat(j.at("/rollback/operatorAction").asText()).startsWith("SAVEPOINT_REDEPLOY");
        assertThat(ToolRun.run(f.args("plan", "--replay-id", ID, "--mode", "mode3")).exitCode)
                .isEqualTo(2);
    }

    @Test
    void fixedChoicesAreTypedAndTheirErrorsNameTheCandidates() {
        GitOpsFixture f = GitOpsFixture.copyTo(dir);
        ToolRun mode = ToolRun.run(f.args("plan", "--replay-id", ID, "--mode", "mode3"));
        assertThat(mode.exitCode).isEqualTo(2);
        assertThat(mode.err)
                .contains("Invalid value for option '--mode'")
                .contains("expected one of [mode1, mode2] but was 'mode3'");
        assertThat(ToolRun.run("plan", "--help").out).contains("mode1, mode2");
        String[] window = {"check-window", "--from", "2026-11-22T00:00:00Z", "--to"};
        ToolRun table =
                ToolRun.run(
                        f.args(
                                Mode1GoldenTest.concat(
                                        window,
                                        new String[] {"2026-11-22T01:00:00Z", "--ttl", "t=3d"})));
        assertThat(table.exitCode).isEqualTo(2);
        assertThat(table.err).contains("expected one of [ta_microbars, ta_signals] but was 't'");
        ToolRun duration =
                ToolRun.run(
                        f.args(
                                Mode1GoldenTest.concat(
                                        window,
                                        new String[] {
                                            "2026-11-22T01:00:00Z",
                                            "--retention",
                                            "torghut.trades.v1=long"
                                        })));
        assertThat(duration.exitCode).isEqualTo(2);
        assertThat(duration.err).contains("'long' is not a duration");
        ToolRun database =
                ToolRun.run(f.args("verify", "--print-sql", "--database", "x;drop table"));
        assertThat(database.exitCode).isEqualTo(2);
        assertThat(database.err).contains("database name 'x;drop table' is not allowed");
        ToolRun parity = ToolRun.run(f.args("verify", "--print-sql", "--baseline", "b.json"));
        assertThat(parity.exitCode).isEqualTo(2);
        assertThat(parity.err).contains("parity needs --from and --to");
    }

    @Test
    void verifyPrintsItsSqlAndNeverThePassword() {
        GitOpsFixture f = GitOpsFixture.copyTo(dir);
        ToolRun r =
                ToolRun.run(
                        Map.of("TA_CLICKHOUSE_PASSWORD", SECRET),
                        f.args("verify", "--symbols", "NVDA", "--print-sql"));
        assertThat(r.exitCode).as(r.toString()).isZero();
        assertThat(r.out)
                .contains(
                        "jdbc:clickhouse://torghut-clickhouse.torghut.svc.cluster.local"
                                + ":8123/torghut")
                .contains("FROM torghut.ta_signals WHERE symbol IN ('NVDA')")
                .doesNotContain(SECRET);
    }

    @Test
    void aFailedClickHouseConnectionIsACheckFailureWithoutTheSecret() {
        GitOpsFixture f = GitOpsFixture.copyTo(dir);
        ToolRun r =
                ToolRun.run(
                        Map.of("TA_CLICKHOUSE_PASSWORD", SECRET),
                        f.args(
                                "verify",
                                "--replay-id",
                                ID,
                                "--clickhouse-url",
                                "jdbc:clickhouse://127.0.0.1:1/torghut?password=" + SECRET));
        assertThat(r.exitCode).as(r.toString()).isEqualTo(4);
        assertThat(r.all()).doesNotContain(SECRET).contains("password=***");
    }

    @Test
    void kafkaClientSecretsAreNeverPrinted() throws Exception {
        GitOpsFixture f = GitOpsFixture.copyTo(dir);
        Path cfg = dir.resolve("client.properties");
        Files.writeString(
                cfg,
                "security.protocol=SASL_PLAINTEXT\nsasl.mechanism=SCRAM-SHA-512\n"
                        + "sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule"
                        + " required username=\"torghut-ws\" password=\""
                        + SECRET
                        + "\";\ndefault.api.timeout.ms=1500\nrequest.timeout.ms=1000\n");
        String[] base = {"--confirm", "REPLAY_FROM_SCRATCH", "--ticket", "INC-1"};
        for (int step = 1; step <= 2; step++) {
            ToolRun ok =
                    ToolRun.run(
                            f.args(
                                    Mode1GoldenTest.concat(
                                            new String[] {
                                                "mode2",
                                                "--replay-id",
                                                "K-0001",
                                                "--step",
                                                String.valueOf(step)
                                            },
                                            base)));
            assertThat(ok.exitCode).as(ok.toString()).isZero();
        }
        ToolRun r =
                ToolRun.run(
                        f.args(
                                Mode1GoldenTest.concat(
                                        new String[] {
                                            "mode2",
                                            "--replay-id",
                                            "K-0001",
                                            "--step",
                                            "3",
                                            "--dry-run"
                                        },
                                        base)));
        assertThat(r.exitCode).isEqualTo(3);
        ToolRun w =
                ToolRun.run(
                        f.args(
                                "check-window",
                                "--from",
                                "2026-11-22T00:00:00Z",
                                "--to",
                                "2026-11-22T01:00:00Z",
                                "--bootstrap",
                                "127.0.0.1:1",
                                "--kafka-config",
                                cfg.toString(),
                                "--kafka-timeout",
                                "2s"));
        assertThat(w.exitCode).as(w.toString()).isEqualTo(1);
        assertThat(w.err).startsWith("ERROR: ");
        assertThat(w.all()).doesNotContain(SECRET);
    }
}
