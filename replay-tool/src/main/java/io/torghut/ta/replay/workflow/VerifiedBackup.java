package io.torghut.ta.replay.workflow;

import io.torghut.ta.replay.backup.BackupManifest;
import io.torghut.ta.replay.ledger.LedgerEvent;

/**
 * Mode 2's backup, checked: the manifest the checkpoints scripts wrote proves a complete, verified
 * copy of this replay's state that contains the restore path.
 *
 * @param manifest the manifest read from the local copy
 * @param record what the ledger keeps of it
 */
public record VerifiedBackup(BackupManifest manifest, LedgerEvent.BackupRecord record) {

    /**
     * Reads and checks the manifest of {@code run} (Mode 2's backup step).
     *
     * @throws Refusal if no manifest or no usable restore path was given, or the manifest does not
     *     prove the backup
     * @throws io.torghut.ta.replay.input.BadInputException if the manifest cannot be read
     */
    public static VerifiedBackup check(Session s, StepDecision.Run run) {
        StepRequest req = run.request();
        ReplayContext ctx = run.plan().context();
        Gates gates = Gates.of(s, req.replayId());
        gates.backupManifestGiven(
                req.backupManifest(), ctx, TaStorage.s3Endpoint(s.texts()).orElse(null));
        gates.backupRestorePath(req.restorePath());
        BackupManifest.Loaded loaded = BackupManifest.load(req.backupManifest());
        BackupManifest m = loaded.manifest();
        Gates.backupVerified(m.problems(req.replayId(), s.statePrefix(), req.restorePath()));
        return new VerifiedBackup(
                m,
                new LedgerEvent.BackupRecord(
                        ctx.backupPrefix(),
                        loaded.sha256(),
                        m.createdAt(),
                        m.verifiedAt(),
                        m.objects().size(),
                        m.totalBytes()));
    }

    /** Where the backup lives. */
    public String prefix() {
        return record.prefix();
    }
}
