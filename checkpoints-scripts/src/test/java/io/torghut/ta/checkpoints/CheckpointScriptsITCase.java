package io.torghut.ta.checkpoints;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.torghut.ta.checkpoints.Bucket.Obj;
import io.torghut.ta.checkpoints.Scripts.Result;
import io.torghut.ta.checkpoints.TaJobStateTree.Output;
import io.torghut.ta.checkpoints.TaJobStateTree.Tree;
import io.torghut.ta.replay.backup.BackupManifest;
import io.torghut.ta.testkit.Diff;
import io.torghut.ta.testkit.S3ProxyServer;
import io.torghut.ta.testkit.TestPlatform;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tests for the checkpoint scripts: the real bash scripts and {@code aws} CLI against a real S3 API
 * (s3proxy) holding a state tree written by the real TA job (production topology, Kafka in and out,
 * s3a checkpoints and savepoints), which after backup, wipe and restore resumes from the restored
 * checkpoint and finishes with exactly the uninterrupted output.
 */
class CheckpointScriptsITCase {

    private static final String BUCKET = "flink-checkpoints";
    private static final String PREFIX = "torghut/technical-analysis";
    private static final String SHARED = "refusals/base";
    private static final String SHARED_ID = "2026-11-23T0300Z-INC100";
    private static final String CONFIRM = "REPLAY_FROM_SCRATCH";
    private static final Duration FLINK_TIMEOUT = Duration.ofSeconds(120);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final int OK = 0;
    private static final int ERROR = 1;
    private static final int USAGE = 2;
    private static final int REFUSED = 3;
    private static final int VERIFY_FAILED = 4;
    private static final int SOURCE_CHANGED = 5;

    private static final TestPlatform PLATFORM = TestPlatform.shared();

    @TempDir static Path tmp;
    private static S3ProxyServer s3;
    private static TaJobStateTree generator;
    private static Tree tree;
    private static Scripts scripts;
    private static Bucket bucket;

    @BeforeAll
    static void writeStateTreeWithTheTaJob() throws Exception {
        s3 = PLATFORM.s3();
        generator = new TaJobStateTree(PLATFORM, BUCKET, PREFIX, FLINK_TIMEOUT);
        tree = generator.generate();
        scripts = new Scripts(s3, tmp);
        bucket = new Bucket(s3, BUCKET);
        // Refusal tests work on copies that already hold a verified backup, so they need only
        // one real backup run between them.
        bucket.copyPrefix(PREFIX + "/", SHARED + "/");
        Result backup = scripts.run("backup-state", "--prefix", SHARED, "--replay-id", SHARED_ID);
        assertThat(backup.exitCode()).as(backup.toString()).isEqualTo(OK);
    }

    @AfterAll
    static void closeTheClient() {
        if (bucket != null) {
            bucket.close();
        }
    }

    /** Live state (checkpoints and savepoints) of a prefix. */
    private static Map<String, Obj> liveState(String prefix) {
        return bucket.snapshot(prefix + "/").entrySet().stream()
                .filter(e -> !e.getKey().startsWith("backup/"))
                .collect(
                        Collectors.toMap(
                                Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, TreeMap::new));
    }

    /** Everything under a prefix: live state, backups and manifests. */
    private static Map<String, Obj> everything(String prefix) {
        return bucket.snapshot(prefix + "/");
    }

    /** A copy of the shared prefix whose backup looks as if it had been taken there. */
    private static String prefixWithBackup(String name) throws Exception {
        String prefix = "refusals/" + name;
        bucket.copyPrefix(SHARED + "/", prefix + "/");
        String key = prefix + "/backup/" + SHARED_ID + "/manifest.json";
        ObjectNode manifest = (ObjectNode) JSON.readTree(bucket.get(key));
        manifest.put("sourcePrefix", "s3://" + BUCKET + "/" + prefix);
        bucket.put(key, JSON.writeValueAsBytes(manifest));
        return prefix;
    }

    private static Result assertExit(Result result, int expected) {
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(expected);
        return result;
    }

    @Test
    void backupVerifyWipeRestoreGivesBackTheExactObjectsAndTheJobRestoresFromThem()
            throws Exception {
        String id = "2026-11-23T0315Z-INC1234";
        Map<String, Obj> original = liveState(PREFIX);
        assertThat(original).isNotEmpty();
        assertThat(original.keySet())
                .anyMatch(k -> k.startsWith("savepoints/") && k.endsWith("/_metadata"))
                .anyMatch(k -> k.startsWith("checkpoints/") && k.endsWith("/_metadata"))
                .anyMatch(k -> k.endsWith("/shared/")); // s3a directory markers exist too

        // The scripts' default bucket and prefix (the platform's) are used: only the endpoint is
        // overridden.
        Result list = assertExit(scripts.run("list-state"), OK);
        assertThat(list.value("LATEST_CHECKPOINT")).isEqualTo(tree.latestCheckpoint());
        assertThat(list.value("LATEST_SAVEPOINT")).isEqualTo(tree.savepoint());

        Result backup = assertExit(scripts.run("backup-state", "--replay-id", id), OK);
        assertThat(backup.stderr()).contains("PASS: backup " + id + " verified");
        JsonNode manifest = JSON.readTree(bucket.get(PREFIX + "/backup/" + id + "/manifest.json"));
        assertThat(manifest.get("replayId").asText()).isEqualTo(id);
        assertThat(manifest.get("sourcePrefix").asText())
                .isEqualTo("s3://" + BUCKET + "/" + PREFIX);
        assertThat(manifest.get("verified").asBoolean()).isTrue();
        assertThat(manifest.get("createdAt").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        assertThat(manifest.get("verifiedAt").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        Map<String, Obj> listed = new TreeMap<>();
        manifest.get("objects")
                .forEach(
                        o ->
                                listed.put(
                                        o.get("key").asText(),
                                        new Obj(o.get("size").asLong(), o.get("sha256").asText())));
        assertThat(listed).isEqualTo(original);
        assertThat(manifest.get("totals").get("objects").asInt()).isEqualTo(original.size());
        assertThat(manifest.get("totals").get("bytes").asLong())
                .isEqualTo(original.values().stream().mapToLong(Obj::size).sum());
        Map<String, Obj> backupObjects = new TreeMap<>(everything(PREFIX + "/backup/" + id));
        backupObjects.remove("manifest.json");
        assertThat(backupObjects).isEqualTo(original);

        assertExit(scripts.run("verify-backup", "--replay-id", id), OK);

        Map<String, Obj> beforeDryRun = everything(PREFIX);
        Result dryRun = assertExit(scripts.run("wipe-state", "--replay-id", id), OK);
        assertThat(dryRun.stderr()).contains("DRY RUN").contains("nothing was deleted");
        assertThat(everything(PREFIX)).isEqualTo(beforeDryRun);

        Result wipe =
                assertExit(
                        scripts.run(
                                "wipe-state",
                                "--replay-id",
                                id,
                                "--execute",
                                "--confirm",
                                CONFIRM,
                                "--ticket",
                                "INC-1234"),
                        OK);
        assertThat(wipe.stderr()).contains("ticket INC-1234");
        assertThat(liveState(PREFIX)).isEmpty();
        assertThat(everything(PREFIX + "/backup/" + id)).hasSize(original.size() + 1);

        Result afterWipe =
                assertExit(scripts.run("verify-backup", "--replay-id", id), SOURCE_CHANGED);
        assertThat(afterWipe.value("VERDICT")).isEqualTo("BACKUP_OK_SOURCE_DIFFERS");

        Result restore = assertExit(scripts.run("restore-state", "--replay-id", id), OK);
        assertThat(liveState(PREFIX)).isEqualTo(original);
        String restorePath = restore.value("RESTORE_PATH");
        assertThat(restorePath).isEqualTo(tree.latestCheckpoint());

        // The TA job restores from the restored checkpoint and continues: together with the runs
        // before the backup, its output is exactly the uninterrupted result.
        Map<String, List<String>> expectedBars = generator.expectedBars();
        int barsBefore = generator.barsWritten();
        assertThat(barsBefore)
                .as("bars written before the backup")
                .isPositive()
                .isLessThan(expectedBars.size());
        Output output = generator.resume(restorePath);
        Diff.assertSameRows(output.bars(), expectedBars, "1 s bars across backup and restore");
        Diff.assertSameRows(
                output.signals(), generator.expectedSignals(), "signals across backup and restore");
        // The resumed run used a consumer group that never committed, so without the restored
        // source offsets it would have read the whole tape again: every malformed record of the
        // tape is a dead letter exactly once.
        assertThat(output.deadLetters()).isEqualTo(generator.malformedRecords());
        // At-least-once sinks may repeat a row written after the last checkpoint, but only as an
        // exact copy.
        Map<String, List<String>> firstSeen = new HashMap<>();
        for (List<String> row : output.barRows()) {
            List<String> earlier = firstSeen.putIfAbsent(TaJobStateTree.barIdentity(row), row);
            assertThat(earlier == null || earlier.equals(row)).as("repeat of %s", row).isTrue();
        }
    }

    /**
     * The contract between the scripts and the replay tool: the manifest {@code backup-state}
     * writes is read by the replay tool's {@link BackupManifest} (what {@code mode2 --step 3} does
     * with oncall's local copy) and proves a backup of the prefix, for that REPLAY_ID, holding the
     * restore path and every live object.
     */
    @Test
    void theReplayToolReadsTheManifestTheBackupScriptWrites() throws Exception {
        Path copy = tmp.resolve("manifest-" + SHARED_ID + ".json");
        Files.write(copy, bucket.get(SHARED + "/backup/" + SHARED_ID + "/manifest.json"));
        BackupManifest.Loaded loaded = BackupManifest.load(copy);
        BackupManifest manifest = loaded.manifest();

        String statePrefix = "s3a://" + BUCKET + "/" + SHARED;
        String restorePath =
                statePrefix
                        + tree.latestCheckpoint()
                                .substring(("s3a://" + BUCKET + "/" + PREFIX).length());
        assertThat(manifest.problems(SHARED_ID, statePrefix, restorePath)).isEmpty();
        assertThat(manifest.objects())
                .extracting(BackupManifest.BackupObject::key)
                .containsExactlyInAnyOrderElementsOf(liveState(SHARED).keySet());
        assertThat(manifest.totalBytes())
                .isEqualTo(liveState(SHARED).values().stream().mapToLong(Obj::size).sum());
        // What the tool checks is really there: another replay's id, another prefix and a
        // restore path outside the backup are each refused.
        assertThat(manifest.problems("2026-11-23T0300Z-OTHER", statePrefix, restorePath))
                .anyMatch(p -> p.contains("replayId"));
        assertThat(manifest.problems(SHARED_ID, "s3a://" + BUCKET + "/" + PREFIX, null))
                .anyMatch(p -> p.contains("sourcePrefix"));
        assertThat(manifest.problems(SHARED_ID, statePrefix, statePrefix + "/checkpoints/none"))
                .anyMatch(p -> p.contains("restore path"));
    }

    @Test
    void listStateIgnoresIncompleteCheckpoints() throws Exception {
        String prefix = prefixWithBackup("listing");
        String jobDir =
                tree.latestCheckpoint().replaceAll(".*/checkpoints/([^/]+)/chk-\\d+$", "$1");
        // A checkpoint that was still being written: state files but no _metadata.
        bucket.put(
                prefix + "/checkpoints/" + jobDir + "/chk-999/partial-state",
                "x".getBytes(StandardCharsets.UTF_8));

        Result list = assertExit(scripts.run("list-state", "--prefix", prefix), OK);

        assertThat(list.value("LATEST_CHECKPOINT"))
                .isEqualTo(tree.latestCheckpoint().replace(PREFIX, prefix));
        assertThat(list.stderr())
                .contains("INCOMPLETE checkpoints/" + jobDir + "/chk-999")
                .contains(SHARED_ID);
    }

    @Test
    void theJobsTaCheckpointDirGivesTheStatePrefix() throws Exception {
        String prefix = prefixWithBackup("from-the-job");
        String stateDir = "s3a://" + BUCKET + "/" + prefix;
        Result byFlag = assertExit(scripts.run("list-state", "--prefix", prefix), OK);
        // As in the TA pods: the ConfigMap's TA_* in the environment, no flags.
        Result byJob =
                assertExit(
                        scripts.run(
                                Map.of(
                                        "TA_CHECKPOINT_DIR",
                                        stateDir,
                                        "TA_SAVEPOINT_DIR",
                                        stateDir + "/savepoints"),
                                "list-state"),
                        OK);
        assertThat(byJob.value("LATEST_CHECKPOINT"))
                .isEqualTo(byFlag.value("LATEST_CHECKPOINT"))
                .startsWith(stateDir + "/checkpoints/");
        assertThat(byJob.stderr()).contains("state prefix s3://" + BUCKET + "/" + prefix);

        Map<String, Obj> before = everything(prefix);
        Result disagree =
                scripts.run(
                        Map.of("TA_CHECKPOINT_DIR", "s3a://" + BUCKET + "/" + PREFIX),
                        "wipe-state",
                        "--prefix",
                        prefix,
                        "--replay-id",
                        SHARED_ID,
                        "--execute",
                        "--confirm",
                        CONFIRM,
                        "--ticket",
                        "INC-7");
        assertExit(disagree, REFUSED);
        assertThat(disagree.stderr())
                .contains("the state location disagrees")
                .contains("the job's TA_CHECKPOINT_DIR is s3a://" + BUCKET + "/" + PREFIX);
        Result savepoints =
                scripts.run(
                        Map.of(
                                "TA_CHECKPOINT_DIR",
                                stateDir,
                                "TA_SAVEPOINT_DIR",
                                "s3a://" + BUCKET + "/elsewhere/savepoints"),
                        "backup-state",
                        "--replay-id",
                        "r-7");
        assertExit(savepoints, REFUSED);
        assertThat(savepoints.stderr()).contains("so the job's savepoints would be left out");
        assertThat(everything(prefix)).isEqualTo(before);
    }

    @Test
    void wipeRefusesWithoutConfirmationOrTicketAndDeletesNothing() throws Exception {
        String prefix = prefixWithBackup("confirm");
        Map<String, Obj> before = everything(prefix);

        Result noConfirm =
                scripts.run(
                        "wipe-state",
                        "--prefix",
                        prefix,
                        "--replay-id",
                        SHARED_ID,
                        "--execute",
                        "--ticket",
                        "INC-1");
        assertExit(noConfirm, REFUSED);
        assertThat(noConfirm.stderr()).contains("REFUSED: --execute needs --confirm " + CONFIRM);

        Result wrongConfirm =
                scripts.run(
                        "wipe-state",
                        "--prefix",
                        prefix,
                        "--replay-id",
                        SHARED_ID,
                        "--execute",
                        "--confirm",
                        "yes",
                        "--ticket",
                        "INC-1");
        assertExit(wrongConfirm, REFUSED);
        assertThat(wrongConfirm.stderr()).contains("got 'yes'");

        Result noTicket =
                scripts.run(
                        "wipe-state",
                        "--prefix",
                        prefix,
                        "--replay-id",
                        SHARED_ID,
                        "--execute",
                        "--confirm",
                        CONFIRM);
        assertExit(noTicket, REFUSED);
        assertThat(noTicket.stderr()).contains("REFUSED: --execute needs --ticket");

        Result noReplayId =
                scripts.run(
                        "wipe-state",
                        "--prefix",
                        prefix,
                        "--execute",
                        "--confirm",
                        CONFIRM,
                        "--ticket",
                        "INC-1");
        assertExit(noReplayId, REFUSED);
        assertThat(noReplayId.stderr()).contains("--replay-id is required");

        assertThat(everything(prefix)).isEqualTo(before);
    }

    @Test
    void everyScriptRefusesWhenThereIsNoBackup() {
        String prefix = "refusals/no-backup";
        bucket.copyPrefix(SHARED + "/checkpoints/", prefix + "/checkpoints/");
        bucket.copyPrefix(SHARED + "/savepoints/", prefix + "/savepoints/");
        Map<String, Obj> before = everything(prefix);

        Result wipe =
                scripts.run(
                        "wipe-state",
                        "--prefix",
                        prefix,
                        "--replay-id",
                        "never-made",
                        "--execute",
                        "--confirm",
                        CONFIRM,
                        "--ticket",
                        "INC-2");
        assertExit(wipe, REFUSED);
        assertThat(wipe.stderr()).contains("no backup manifest").contains("Nothing was deleted");
        assertExit(
                scripts.run("restore-state", "--prefix", prefix, "--replay-id", "never-made"),
                REFUSED);
        assertExit(
                scripts.run("verify-backup", "--prefix", prefix, "--replay-id", "never-made"),
                REFUSED);

        assertThat(everything(prefix)).isEqualTo(before);
    }

    @Test
    void aChangedBackupObjectIsCaughtAndBlocksWipeAndRestore() throws Exception {
        String prefix = prefixWithBackup("tamper-changed");
        String victim =
                everything(prefix).keySet().stream()
                        .filter(k -> k.startsWith("backup/") && k.endsWith("/_metadata"))
                        .findFirst()
                        .orElseThrow();
        byte[] bytes = bucket.get(prefix + "/" + victim);
        bytes[bytes.length / 2] ^= 0x01; // same size, one bit flipped: only the checksum sees it
        bucket.put(prefix + "/" + victim, bytes);
        Map<String, Obj> before = everything(prefix);

        Result verify = scripts.run("verify-backup", "--prefix", prefix, "--replay-id", SHARED_ID);
        assertExit(verify, VERIFY_FAILED);
        assertThat(verify.stderr())
                .contains("CHANGED " + victim.substring(("backup/" + SHARED_ID + "/").length()));

        Result wipe =
                scripts.run(
                        "wipe-state",
                        "--prefix",
                        prefix,
                        "--replay-id",
                        SHARED_ID,
                        "--execute",
                        "--confirm",
                        CONFIRM,
                        "--ticket",
                        "INC-3");
        assertExit(wipe, REFUSED);
        assertThat(wipe.stderr()).contains("does not match its manifest").contains("CHANGED");
        assertExit(
                scripts.run("restore-state", "--prefix", prefix, "--replay-id", SHARED_ID),
                REFUSED);

        assertThat(everything(prefix)).isEqualTo(before);
    }

    @Test
    void aMissingBackupObjectOrAnUnverifiedManifestBlocksWipe() throws Exception {
        String prefix = prefixWithBackup("tamper-missing");
        String victim =
                everything(prefix).keySet().stream()
                        .filter(k -> k.startsWith("backup/" + SHARED_ID + "/savepoints/"))
                        .filter(k -> !k.endsWith("/"))
                        .findFirst()
                        .orElseThrow();
        bucket.delete(prefix + "/" + victim);
        Map<String, Obj> before = everything(prefix);

        Result wipe =
                scripts.run(
                        "wipe-state",
                        "--prefix",
                        prefix,
                        "--replay-id",
                        SHARED_ID,
                        "--execute",
                        "--confirm",
                        CONFIRM,
                        "--ticket",
                        "INC-4");
        assertExit(wipe, REFUSED);
        assertThat(wipe.stderr()).contains("MISSING savepoints/");
        assertExit(
                scripts.run("verify-backup", "--prefix", prefix, "--replay-id", SHARED_ID),
                VERIFY_FAILED);
        assertThat(everything(prefix)).isEqualTo(before);

        String unverified = prefixWithBackup("unverified");
        String key = unverified + "/backup/" + SHARED_ID + "/manifest.json";
        ObjectNode manifest = (ObjectNode) JSON.readTree(bucket.get(key));
        manifest.put("verified", false);
        bucket.put(key, JSON.writeValueAsBytes(manifest));
        Map<String, Obj> beforeUnverified = everything(unverified);
        Result refused =
                scripts.run(
                        "wipe-state",
                        "--prefix",
                        unverified,
                        "--replay-id",
                        SHARED_ID,
                        "--execute",
                        "--confirm",
                        CONFIRM,
                        "--ticket",
                        "INC-4");
        assertExit(refused, REFUSED);
        assertThat(refused.stderr()).contains("verified=false");
        assertThat(everything(unverified)).isEqualTo(beforeUnverified);
    }

    @Test
    void backupRefusesAnExistingBackupId() {
        Map<String, Obj> before = everything(SHARED);

        Result again = scripts.run("backup-state", "--prefix", SHARED, "--replay-id", SHARED_ID);

        assertExit(again, REFUSED);
        assertThat(again.stderr()).contains("already exists").contains("single-use");
        assertThat(everything(SHARED)).isEqualTo(before);
    }

    @Test
    void wrongPrefixesAreRefusedAndNothingIsDeleted() throws Exception {
        Map<String, Obj> sharedBefore = everything(SHARED);

        Result inside =
                scripts.run(
                        "wipe-state",
                        "--prefix",
                        SHARED + "/checkpoints",
                        "--replay-id",
                        SHARED_ID,
                        "--execute",
                        "--confirm",
                        CONFIRM,
                        "--ticket",
                        "INC-5");
        assertExit(inside, REFUSED);
        assertThat(inside.stderr()).contains("points inside a state tree");
        assertExit(
                scripts.run("backup-state", "--prefix", SHARED + "/backup/x", "--replay-id", "r-5"),
                REFUSED);
        Result root = scripts.run("list-state", "--prefix", "/");
        assertExit(root, REFUSED);
        assertThat(root.stderr()).contains("bucket root");

        // A backup copied under another job's prefix was not taken from that prefix.
        String moved = "refusals/moved";
        bucket.copyPrefix(SHARED + "/", moved + "/");
        Map<String, Obj> movedBefore = everything(moved);
        Result foreign =
                scripts.run(
                        "wipe-state",
                        "--prefix",
                        moved,
                        "--replay-id",
                        SHARED_ID,
                        "--execute",
                        "--confirm",
                        CONFIRM,
                        "--ticket",
                        "INC-5");
        assertExit(foreign, REFUSED);
        assertThat(foreign.stderr()).contains("was taken from 's3://" + BUCKET + "/" + SHARED);
        assertExit(
                scripts.run("restore-state", "--prefix", moved, "--replay-id", SHARED_ID), REFUSED);

        Result empty =
                scripts.run("backup-state", "--prefix", "refusals/empty", "--replay-id", "r-6");
        assertExit(empty, REFUSED);
        assertThat(empty.stderr()).contains("nothing to back up");

        assertThat(everything(SHARED)).isEqualTo(sharedBefore);
        assertThat(everything(moved)).isEqualTo(movedBefore);
        assertThat(everything("refusals/empty")).isEmpty();
    }

    @Test
    void wipeRefusesWhenTheStateChangedSinceTheBackup() throws Exception {
        String prefix = prefixWithBackup("changed");
        String jobDir =
                tree.latestCheckpoint().replaceAll(".*/checkpoints/([^/]+)/chk-\\d+$", "$1");
        // The job was not suspended and completed one more checkpoint after the backup.
        bucket.put(
                prefix + "/checkpoints/" + jobDir + "/chk-100/_metadata",
                "new".getBytes(StandardCharsets.UTF_8));
        Map<String, Obj> before = everything(prefix);

        Result dryRun = scripts.run("wipe-state", "--prefix", prefix, "--replay-id", SHARED_ID);
        assertExit(dryRun, REFUSED);
        assertThat(dryRun.stderr())
                .contains("EXTRA   checkpoints/" + jobDir + "/chk-100/_metadata");
        assertExit(
                scripts.run(
                        "wipe-state",
                        "--prefix",
                        prefix,
                        "--replay-id",
                        SHARED_ID,
                        "--execute",
                        "--confirm",
                        CONFIRM,
                        "--ticket",
                        "INC-6"),
                REFUSED);

        assertThat(everything(prefix)).isEqualTo(before);
    }

    @Test
    void restoreNeverOverwritesDifferentLiveObjects() throws Exception {
        String prefix = prefixWithBackup("overwrite");
        String victim =
                liveState(prefix).keySet().stream()
                        .filter(k -> k.endsWith("/_metadata"))
                        .findFirst()
                        .orElseThrow();
        bucket.put(prefix + "/" + victim, "newer bytes".getBytes(StandardCharsets.UTF_8));
        Map<String, Obj> before = everything(prefix);

        Result restore = scripts.run("restore-state", "--prefix", prefix, "--replay-id", SHARED_ID);

        assertExit(restore, REFUSED);
        assertThat(restore.stderr()).contains("CONFLICT " + victim);
        assertThat(everything(prefix)).isEqualTo(before);
    }

    @Test
    void credentialsComeOnlyFromTheEnvironmentAndNeverShow() {
        String wrongSecret = "wrong-" + UUID.randomUUID();
        Map<String, String> env = new HashMap<>();
        env.put("AWS_SECRET_ACCESS_KEY", wrongSecret);
        Result denied = scripts.run(env, "list-state", "--prefix", SHARED);
        assertExit(denied, ERROR);
        assertThat(denied.all()).doesNotContain(wrongSecret).contains("could not list");

        env.put("AWS_SECRET_ACCESS_KEY", null);
        Result missing = scripts.run(env, "list-state", "--prefix", SHARED);
        assertExit(missing, USAGE);
        assertThat(missing.stderr()).contains("AWS_SECRET_ACCESS_KEY is not set");

        assertExit(scripts.run("wipe-state", "--replay-id", "x", "--bogus"), USAGE);
        // Every run of this class so far was checked by Scripts.run; sweep once more.
        scripts.history().forEach(r -> assertThat(r.all()).doesNotContain(s3.secretKey()));
    }

    @Test
    void anUnreachableOrHangingEndpointFailsWithinTheTimeoutAndSaysWhy() throws Exception {
        // Accepts TCP connections (kernel backlog) but never answers: only the timeout ends it.
        try (java.net.ServerSocket silent =
                new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            long start = System.nanoTime();
            Result hung =
                    scripts.run(
                            Map.of("CKPT_S3_ENDPOINT", "http://127.0.0.1:" + silent.getLocalPort()),
                            "list-state",
                            "--timeout",
                            "3");
            long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
            assertExit(hung, ERROR);
            assertThat(hung.stderr())
                    .contains("timed out after 3s")
                    .contains("FAIL: could not list");
            assertThat(seconds).as("bounded by --timeout, not by aws retries").isLessThan(30);
        }
    }
}
