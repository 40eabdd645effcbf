package io.torghut.ta.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.torghut.ta.replay.testutil.Checkout;
import io.torghut.ta.replay.testutil.GitOpsFixture;
import io.torghut.ta.replay.testutil.Golden;
import io.torghut.ta.replay.testutil.LineDiff;
import io.torghut.ta.replay.testutil.ToolRun;
import io.torghut.ta.testkit.ProductionFixtures;
import io.torghut.ta.testkit.ProductionFixtures.Fixture;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Golden tests of every Mode 1, Mode 2 and rollback step on the production GitOps checkout and on
 * our last-state + Kubernetes HA one ({@link Checkout}). Each step's edited files and the ledger
 * must equal the goldens under {@code golden/<checkout>/} byte for byte, the files it does not edit
 * must stay byte for byte as they were, and the lines it removes and adds must be exactly those of
 * the scalars it edits, so comments, the embedded log configuration and everything else provably
 * stay.
 */
class ProductionGoldenTest {
    static final String ID = "2026-11-23T0400Z-INC42";
    static final String TICKET = "INC-42";
    static final String PREFIX = "s3a://flink-checkpoints/torghut/technical-analysis";
    static final String RESTORE = PREFIX + "/checkpoints/8f1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e/chk-41";
    static final String VERIFY_PASSED =
            "{\"at\":\"2026-11-23T04:00:00Z\",\"replayId\":\""
                    + ID
                    + "\",\"mode\":\"verify\",\"action\":\"verify\",\"passed\":true,"
                    + "\"detail\":\"freshness ok\"}";

    static final String KNATIVE = "knative-service.yaml";
    static final String CONFIGMAP = "configmap.yaml";
    static final String FLINKDEPLOYMENT = "flinkdeployment.yaml";
    static final Map<String, String> FILES =
            Map.of(
                    KNATIVE, GitOpsFixture.KNATIVE,
                    CONFIGMAP, GitOpsFixture.CONFIGMAP,
                    FLINKDEPLOYMENT, GitOpsFixture.FLINKDEPLOYMENT);

    @TempDir Path dir;
    private final Golden golden = new Golden();

    @AfterEach
    void goldensMatch() {
        golden.verify();
    }

    @ParameterizedTest
    @EnumSource(Checkout.class)
    void mode1ChangesOnlyTheEditedScalars(Checkout checkout) {
        Steps s = new Steps(checkout, "mode1");
        // Production's trading service already has TRADING_ENABLED "false" and no live flag.
        s.step("step-1", Map.of(), "--step", "1");
        s.step("step-2", Map.of(FLINKDEPLOYMENT, List.of("state")), "--step", "2");
        s.checkWindow();
        s.step(
                "step-3",
                Map.of(CONFIGMAP, List.of("TA_GROUP_ID", "TA_AUTO_OFFSET_RESET")),
                "--step",
                "3");
        ToolRun restart =
                s.step(
                        "step-4",
                        Map.of(FLINKDEPLOYMENT, List.of("restartNonce", "upgradeMode", "state")),
                        "--step",
                        "4",
                        "--restore-path",
                        RESTORE);
        assertThat(restart.out)
                .contains("spec.restartNonce: " + restartNonces(checkout))
                .contains("STATELESS_EMPTY");
        s.appendLedger(VERIFY_PASSED);
        s.step(
                "step-5",
                Map.of(
                        FLINKDEPLOYMENT,
                        List.of("upgradeMode"),
                        CONFIGMAP,
                        List.of("TA_AUTO_OFFSET_RESET")),
                "--step",
                "5");
        s.step("step-6", Map.of(), "--step", "6");
        assertThat(s.read(FLINKDEPLOYMENT))
                .contains("upgradeMode: " + upgradeMode(checkout))
                .contains("state: running");
        s.logConfigurationUnchanged();
    }

    @ParameterizedTest
    @EnumSource(Checkout.class)
    void mode2ChangesOnlyTheEditedScalars(Checkout checkout) {
        Steps s = new Steps(checkout, "mode2");
        s.step("step-1", Map.of(), "--step", "1");
        s.step("step-2", Map.of(FLINKDEPLOYMENT, List.of("state")), "--step", "2");
        ToolRun backup =
                s.step(
                        "step-3",
                        Map.of(),
                        "--step",
                        "3",
                        "--backup-manifest",
                        manifest().toString(),
                        "--restore-path",
                        RESTORE);
        assertThat(backup.out)
                .contains("Backup verified: 3 objects, 6144 bytes at " + PREFIX + "/backup/" + ID);
        ToolRun topics = s.printsOnly("--step", "4");
        assertThat(topics.out)
                .contains("kafka-topics.sh --bootstrap-server kafka-kafka-bootstrap.kafka:9092");
        s.step("step-4", Map.of(), "--step", "4", "--record-done");
        ToolRun wipe = s.printsOnly("--step", "5");
        assertThat(wipe.out)
                .contains(
                        "checkpoints-scripts/bin/wipe-state --replay-id "
                                + ID
                                + " --execute --confirm REPLAY_FROM_SCRATCH --ticket "
                                + TICKET
                                + " --bucket flink-checkpoints --prefix torghut/technical-analysis")
                .contains(
                        "s3 rm --recursive s3://flink-checkpoints/torghut/technical-analysis"
                                + "/checkpoints")
                .doesNotContain("<");
        s.step("step-5", Map.of(), "--step", "5", "--record-done");
        s.checkWindow();
        s.step(
                "step-6",
                Map.of(CONFIGMAP, List.of("TA_GROUP_ID", "TA_AUTO_OFFSET_RESET")),
                "--step",
                "6");
        s.step(
                "step-7",
                Map.of(FLINKDEPLOYMENT, List.of("restartNonce", "upgradeMode", "state")),
                "--step",
                "7");
        s.appendLedger(VERIFY_PASSED);
        s.step(
                "step-8",
                Map.of(
                        FLINKDEPLOYMENT,
                        List.of("upgradeMode"),
                        CONFIGMAP,
                        List.of("TA_AUTO_OFFSET_RESET")),
                "--step",
                "8");
        s.step("step-9", Map.of(), "--step", "9");
        s.logConfigurationUnchanged();
    }

    @ParameterizedTest
    @EnumSource(Checkout.class)
    void rollbackBeforeTheRestartResumesOnTheKeptState(Checkout checkout) {
        Steps s = new Steps(checkout, "rollback");
        s.run("mode1", "--step", "1");
        s.run("mode1", "--step", "2");
        s.checkWindow();
        s.run("mode1", "--step", "3");
        ToolRun r =
                s.rollback(
                        "before-restart",
                        Map.of(
                                CONFIGMAP,
                                List.of("TA_GROUP_ID", "TA_AUTO_OFFSET_RESET"),
                                FLINKDEPLOYMENT,
                                List.of("state")));
        assertThat(r.out).contains(resumeAction(checkout));
        s.logConfigurationUnchanged();
    }

    @ParameterizedTest
    @EnumSource(Checkout.class)
    void rollbackAfterTheRestartRedeploysFromTheRecordedPath(Checkout checkout) {
        Steps s = new Steps(checkout, "rollback");
        s.run("mode1", "--step", "1");
        s.run("mode1", "--step", "2");
        s.checkWindow();
        s.run("mode1", "--step", "3");
        s.run("mode1", "--step", "4", "--restore-path", RESTORE);
        ToolRun r =
                s.rollback(
                        "after-restart",
                        Map.of(
                                CONFIGMAP,
                                List.of("TA_GROUP_ID", "TA_AUTO_OFFSET_RESET"),
                                FLINKDEPLOYMENT,
                                redeployKeys(checkout)));
        assertThat(r.out).contains("SAVEPOINT_REDEPLOY(" + RESTORE + ")");
        assertThat(s.read(FLINKDEPLOYMENT))
                .contains("initialSavepointPath: " + RESTORE)
                .contains("savepointRedeployNonce: " + redeployNonce(checkout));
        s.logConfigurationUnchanged();
    }

    @ParameterizedTest
    @EnumSource(Checkout.class)
    void mode2RollbackAfterTheWipeRedeploysFromTheRestoredBackup(Checkout checkout) {
        Steps s = new Steps(checkout, "rollback");
        s.run("mode2", "--step", "1");
        s.run("mode2", "--step", "2");
        s.run(
                "mode2",
                "--step",
                "3",
                "--backup-manifest",
                manifest().toString(),
                "--restore-path",
                RESTORE);
        s.run("mode2", "--step", "4", "--record-done");
        s.run("mode2", "--step", "5", "--record-done");
        s.checkWindow();
        s.run("mode2", "--step", "6");
        s.run("mode2", "--step", "7");
        ToolRun refused = ToolRun.run(s.args("rollback", "--replay-id", ID));
        assertThat(refused.exitCode).as(refused.toString()).isEqualTo(3);
        assertThat(refused.err)
                .contains(
                        "checkpoints-scripts/bin/restore-state --replay-id "
                                + ID
                                + " --bucket flink-checkpoints --prefix torghut/technical-analysis");
        ToolRun r =
                s.rollback(
                        "mode2-after-wipe",
                        Map.of(
                                CONFIGMAP,
                                List.of("TA_GROUP_ID", "TA_AUTO_OFFSET_RESET"),
                                FLINKDEPLOYMENT,
                                redeployKeys(checkout)),
                        "--confirm-backup-restored");
        assertThat(r.out).contains("SAVEPOINT_REDEPLOY(" + RESTORE + ")");
    }

    @Test
    void productionsStatePrefixIsTheParentOfCheckpointsInEveryCommand() {
        Steps s = new Steps(Checkout.PRODUCTION, "none");
        ToolRun plan = ToolRun.run(s.args("plan", "--replay-id", ID, "--mode", "mode2"));
        assertThat(plan.exitCode).as(plan.toString()).isZero();
        assertThat(plan.out)
                .contains(
                        "backup-state --replay-id "
                                + ID
                                + " --bucket flink-checkpoints --prefix torghut/technical-analysis"
                                + " copies "
                                + PREFIX
                                + "/checkpoints and "
                                + PREFIX
                                + "/savepoints to "
                                + PREFIX
                                + "/backup/"
                                + ID
                                + "/")
                .doesNotContain("state-prefix")
                .doesNotContain("<restore-path>");
        s.run("mode2", "--step", "1");
        s.run("mode2", "--step", "2");
        ToolRun noManifest = ToolRun.run(s.mode2Args("--step", "3", "--restore-path", RESTORE));
        assertThat(noManifest.exitCode).as(noManifest.toString()).isEqualTo(3);
        assertThat(noManifest.err)
                .contains(
                        "aws --endpoint-url http://rook-ceph-rgw-objectstore.rook-ceph.svc:80 s3"
                                + " cp s3://flink-checkpoints/torghut/technical-analysis/backup/"
                                + ID
                                + "/manifest.json ./manifest-"
                                + ID
                                + ".json");
    }

    /** The restart step's nonce change. */
    private static String restartNonces(Checkout checkout) {
        return checkout == Checkout.PRODUCTION ? "38 -> 39" : "1 -> 2";
    }

    /** The upgrade mode outside a replay (PREV). */
    private static String upgradeMode(Checkout checkout) {
        return checkout == Checkout.PRODUCTION ? "savepoint" : "last-state";
    }

    /** What the operator does on a resume in the PREV upgrade mode. */
    private static String resumeAction(Checkout checkout) {
        return checkout == Checkout.PRODUCTION ? "RESTORE_SAVEPOINT" : "RESTORE_LAST_STATE";
    }

    /**
     * The FlinkDeployment lines of a savepoint redeploy: production has both redeploy fields, ours
     * gets them inserted.
     */
    private static List<String> redeployKeys(Checkout checkout) {
        return checkout == Checkout.PRODUCTION
                ? List.of("upgradeMode", "initialSavepointPath", "savepointRedeployNonce")
                : List.of("upgradeMode", "+initialSavepointPath", "+savepointRedeployNonce");
    }

    /** The savepointRedeployNonce after the redeploy. */
    private static int redeployNonce(Checkout checkout) {
        return checkout == Checkout.PRODUCTION ? 3 : 1;
    }

    /** A verified manifest of a backup of the production prefix holding {@link #RESTORE}. */
    private Path manifest() {
        String rel = RESTORE.substring(PREFIX.length() + 1);
        String json =
                "{\"replayId\":\""
                        + ID
                        + "\",\"createdAt\":\"2026-11-23T03:50:00Z\",\"sourcePrefix\":\""
                        + PREFIX.replace("s3a://", "s3://")
                        + "\",\"verified\":true,\"verifiedAt\":\"2026-11-23T03:55:00Z\","
                        + "\"objects\":[{\"key\":\""
                        + rel
                        + "/_metadata\",\"size\":1024,\"sha256\":\"aa\"},{\"key\":\""
                        + rel
                        + "/shared-1\",\"size\":4096,\"sha256\":\"bb\"},"
                        + "{\"key\":\"savepoints/savepoint-437918-85237d1073d0/_metadata\","
                        + "\"size\":1024,\"sha256\":\"cc\"}],"
                        + "\"totals\":{\"objects\":3,\"bytes\":6144}}";
        try {
            Path p = dir.resolve("manifest-" + ID + ".json");
            Files.writeString(p, json, StandardCharsets.UTF_8);
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One checkout and the steps run on it, each checked against its goldens. */
    private final class Steps {
        final Checkout checkout;
        final Path root;
        final String goldenDir;

        Steps(Checkout checkout, String scenario) {
            this.checkout = checkout;
            this.root = checkout.writeTo(dir.resolve("gitops"));
            this.goldenDir = "golden/" + checkout.goldenName() + "/" + scenario;
        }

        String read(String file) {
            try {
                return Files.readString(root.resolve(FILES.get(file)), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        String ledger() {
            try {
                return Files.readString(root.resolve(GitOpsFixture.LEDGER), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        void appendLedger(String line) {
            try {
                Files.writeString(
                        root.resolve(GitOpsFixture.LEDGER),
                        ledger() + line + "\n",
                        StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        String[] args(String... rest) {
            List<String> a = new ArrayList<>(List.of(rest));
            a.add("--gitops-root");
            a.add(root.toString());
            return a.toArray(String[]::new);
        }

        String[] mode2Args(String... rest) {
            List<String> a =
                    new ArrayList<>(
                            List.of(
                                    "mode2",
                                    "--replay-id",
                                    ID,
                                    "--confirm",
                                    "REPLAY_FROM_SCRATCH",
                                    "--ticket",
                                    TICKET));
            a.addAll(List.of(rest));
            return args(a.toArray(String[]::new));
        }

        /** Runs a step of {@code mode} and requires it to succeed. */
        ToolRun run(String mode, String... stepArgs) {
            List<String> a = new ArrayList<>(List.of(mode, "--replay-id", ID));
            if (mode.equals("mode2")) {
                a.addAll(List.of("--confirm", "REPLAY_FROM_SCRATCH", "--ticket", TICKET));
            }
            a.addAll(List.of(stepArgs));
            ToolRun r = ToolRun.run(args(a.toArray(String[]::new)));
            assertThat(r.exitCode).as(r.toString()).isZero();
            return r;
        }

        void checkWindow() {
            ToolRun r =
                    ToolRun.run(
                            args(
                                    "check-window",
                                    "--replay-id",
                                    ID,
                                    "--from",
                                    "2026-11-20T14:30:00Z",
                                    "--to",
                                    "2026-11-20T21:00:00Z"));
            assertThat(r.exitCode).as(r.toString()).isZero();
        }

        /** Runs a step of this scenario's mode and checks its edits (see {@link #edits}). */
        ToolRun step(String name, Map<String, List<String>> keys, String... stepArgs) {
            Map<String, String> before = snapshot();
            ToolRun r = run(goldenDir.endsWith("mode2") ? "mode2" : "mode1", stepArgs);
            edits(goldenDir + "/" + name, before, keys);
            return r;
        }

        /** Runs a step that only prints what to do: no file and no ledger line change. */
        ToolRun printsOnly(String... stepArgs) {
            Map<String, String> before = snapshot();
            String ledger = ledger();
            ToolRun r = run("mode2", stepArgs);
            assertThat(snapshot()).isEqualTo(before);
            assertThat(ledger()).isEqualTo(ledger);
            return r;
        }

        /** Runs the rollback and checks its edits like a step's. */
        ToolRun rollback(String name, Map<String, List<String>> keys, String... extra) {
            Map<String, String> before = snapshot();
            List<String> a = new ArrayList<>(List.of("rollback", "--replay-id", ID));
            a.addAll(List.of(extra));
            ToolRun r = ToolRun.run(args(a.toArray(String[]::new)));
            assertThat(r.exitCode).as(r.toString()).isZero();
            edits(goldenDir + "/" + name, before, keys);
            return r;
        }

        /**
         * The files {@code keys} names changed in exactly the lines of those keys, in file order
         * ("+key": a line the tool inserted), and equal their goldens; every other file is byte for
         * byte as it was; the ledger equals its golden.
         */
        void edits(String golden, Map<String, String> before, Map<String, List<String>> keys) {
            for (String file : List.of(KNATIVE, CONFIGMAP, FLINKDEPLOYMENT)) {
                String now = read(file);
                List<String> expected = keys.getOrDefault(file, List.of());
                LineDiff diff = LineDiff.of(before.get(file), now);
                assertThat(LineDiff.keys(diff.added()))
                        .as("%s: lines added to %s", golden, file)
                        .containsExactlyElementsOf(
                                expected.stream().map(k -> k.replaceFirst("^\\+", "")).toList());
                assertThat(LineDiff.keys(diff.removed()))
                        .as("%s: lines removed from %s", golden, file)
                        .containsExactlyElementsOf(
                                expected.stream().filter(k -> !k.startsWith("+")).toList());
                if (expected.isEmpty()) {
                    assertThat(now)
                            .as("%s: %s untouched", golden, file)
                            .isEqualTo(before.get(file));
                } else {
                    ProductionGoldenTest.this.golden.check(golden + "/" + file, now);
                }
            }
            ProductionGoldenTest.this.golden.check(golden + "/replay-ledger.jsonl", ledger());
        }

        Map<String, String> snapshot() {
            Map<String, String> m = new LinkedHashMap<>();
            for (String file : List.of(KNATIVE, CONFIGMAP, FLINKDEPLOYMENT)) {
                m.put(file, read(file));
            }
            return m;
        }

        /** Production's embedded log4j configuration is still the fixture's, byte for byte. */
        void logConfigurationUnchanged() {
            if (checkout != Checkout.PRODUCTION) {
                return;
            }
            String fixture = ProductionFixtures.text(Fixture.TA_FLINKDEPLOYMENT);
            String block =
                    fixture.substring(
                            fixture.indexOf("  logConfiguration:"),
                            fixture.indexOf("  flinkConfiguration:"));
            assertThat(block.lines()).hasSizeGreaterThan(60);
            assertThat(read(FLINKDEPLOYMENT)).contains(block);
        }
    }
}
