package io.torghut.ta.replay.backup;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.torghut.ta.replay.input.BadInputException;
import io.torghut.ta.replay.input.InputFiles;
import io.torghut.ta.replay.workflow.StatePaths;
import java.io.IOException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The backup manifest the checkpoints scripts write to {@code <state-prefix>/backup/<REPLAY_ID>/
 * manifest.json} (contract agreed with checkpoints-scripts). Oncall fetches a local copy and hands
 * it to {@code mode2 --step 3 --backup-manifest}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record BackupManifest(
        String replayId,
        String createdAt,
        String sourcePrefix,
        Boolean verified,
        String verifiedAt,
        List<BackupObject> objects,
        Totals totals) {

    /** One copied object. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record BackupObject(String key, Long size, String sha256) {}

    /** The object count and byte sum the scripts verified. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Totals(Long objects, Long bytes) {}

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A manifest file plus the SHA-256 of its bytes (recorded in the ledger). */
    public record Loaded(BackupManifest manifest, String sha256) {}

    /**
     * Reads a local copy of the manifest.
     *
     * @throws BadInputException if the file is missing, unreadable or not a manifest in JSON
     */
    public static Loaded load(Path file) {
        byte[] bytes = InputFiles.readBytes(file, "backup manifest");
        BackupManifest manifest;
        try {
            manifest = JSON.readValue(bytes, BackupManifest.class);
        } catch (JsonProcessingException e) {
            throw new BadInputException(
                    "cannot read the backup manifest " + file + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw InputFiles.problem(file, "backup manifest", e);
        }
        try {
            return new Loaded(
                    manifest,
                    HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)));
        } catch (NoSuchAlgorithmException e) {
            // Every Java platform has SHA-256: a bug or a broken JVM, not bad input.
            throw new IllegalStateException(e);
        }
    }

    /**
     * Every reason this manifest does not prove a usable backup of {@code statePrefix} for {@code
     * expectedReplayId} that contains {@code restorePath}; empty when it does.
     */
    public List<String> problems(String expectedReplayId, String statePrefix, String restorePath) {
        List<String> p = new ArrayList<>();
        if (!Boolean.TRUE.equals(verified)) {
            p.add("verified is not true: the scripts did not verify the copy");
        }
        if (verifiedAt == null || verifiedAt.isBlank()) {
            p.add("verifiedAt is missing");
        }
        if (!expectedReplayId.equals(replayId)) {
            p.add("replayId is '" + replayId + "', expected '" + expectedReplayId + "'");
        }
        if (sourcePrefix == null
                || !StatePaths.normalize(sourcePrefix).equals(StatePaths.normalize(statePrefix))) {
            p.add("sourcePrefix is '" + sourcePrefix + "', expected '" + statePrefix + "'");
        }
        if (objects == null || objects.isEmpty()) {
            p.add("objects is empty: nothing was backed up");
            return p;
        }
        long bytes = 0;
        for (BackupObject o : objects) {
            if (o.key() == null || o.size() == null || o.sha256() == null) {
                p.add("an object lacks key, size or sha256");
                return p;
            }
            bytes += o.size();
        }
        if (totals == null
                || totals.objects() == null
                || totals.objects() != objects.size()
                || totals.bytes() == null
                || totals.bytes() != bytes) {
            p.add(
                    "totals do not match the object list ("
                            + objects.size()
                            + " objects, "
                            + bytes
                            + " bytes)");
        }
        if (restorePath != null && !containsRestorePath(statePrefix, restorePath)) {
            p.add("no object of the restore path " + restorePath + " is in the backup");
        }
        return p;
    }

    private boolean containsRestorePath(String statePrefix, String restorePath) {
        if (!StatePaths.isUnder(restorePath, statePrefix)) {
            return false;
        }
        String rel =
                StatePaths.normalize(restorePath)
                        .substring(StatePaths.normalize(statePrefix).length() + 1);
        return objects.stream().anyMatch(o -> o.key().contains(rel + "/"));
    }

    public long totalBytes() {
        return objects == null ? 0 : objects.stream().mapToLong(BackupObject::size).sum();
    }
}
