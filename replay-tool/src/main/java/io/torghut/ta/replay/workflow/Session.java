package io.torghut.ta.replay.workflow;

import io.torghut.ta.replay.gitops.FileRole;
import io.torghut.ta.replay.gitops.GitOpsFiles;
import io.torghut.ta.replay.gitops.GitOpsState;
import io.torghut.ta.replay.gitops.KustomizePatches;
import io.torghut.ta.replay.gitops.Texts;
import io.torghut.ta.replay.input.BadInputException;
import io.torghut.ta.replay.ledger.Ledger;
import io.torghut.ta.replay.ledger.LedgerEvent;
import io.torghut.ta.replay.ledger.ReplayRecord;
import io.torghut.ta.replay.yaml.YamlPath;
import io.torghut.ta.replay.yaml.YamlScalarEditor;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The GitOps files, their state and the ledger as one command run loaded them, after the checks
 * every command shares (namespace, resource names, group settings); and the only way a command
 * writes them back.
 */
public final class Session {
    private final GitOpsFiles files;
    private final Texts texts;
    private final GitOpsState state;
    private final Ledger ledger;
    private final StateLocation stateLocation;
    private final String namespace;

    private Session(
            GitOpsFiles files,
            Texts texts,
            KustomizePatches patches,
            Ledger ledger,
            String namespace) {
        this.files = files;
        this.texts = texts;
        this.state = GitOpsState.read(texts, patches);
        this.ledger = ledger;
        this.stateLocation = StateLocation.of(state);
        this.namespace = namespace;
    }

    /**
     * Loads the files and the ledger of a checkout whose manifests must declare {@code namespace}.
     *
     * @throws BadInputException if a file is missing or malformed, or lacks what every replay needs
     *     (the FlinkDeployment's name, the ConfigMap's group id and offset reset)
     * @throws Refusal if a manifest declares another namespace, or a kustomize patch overrides what
     *     the tool edits or cannot be read
     */
    public static Session open(GitOpsFiles files, String namespace) {
        Texts texts = files.load();
        KustomizePatches patches =
                YamlScalarEditor.read(
                                texts.text(FileRole.FLINK_DEPLOYMENT),
                                YamlPath.parse("metadata.name"))
                        .map(
                                name ->
                                        KustomizePatches.read(
                                                files.path(FileRole.FLINK_DEPLOYMENT),
                                                name,
                                                files::display))
                        .orElse(KustomizePatches.NONE);
        Gates.kustomizePatchesReadable(patches.problems());
        Session s = new Session(files, texts, patches, Ledger.load(files.ledger()), namespace);
        for (FileRole role : FileRole.values()) {
            Gates.namespaceMatches(
                    namespace,
                    YamlScalarEditor.read(s.texts.text(role), YamlPath.parse("metadata.namespace"))
                            .orElse(null),
                    files.display(role));
        }
        if (s.state.deploymentName() == null) {
            throw new BadInputException(
                    "the FlinkDeployment manifest "
                            + files.display(FileRole.FLINK_DEPLOYMENT)
                            + " has no metadata.name");
        }
        if (s.state.groupId() == null || s.state.autoOffsetReset() == null) {
            throw new BadInputException(
                    "the TA ConfigMap "
                            + files.display(FileRole.TA_CONFIGMAP)
                            + " lacks TA_GROUP_ID or TA_AUTO_OFFSET_RESET");
        }
        return s;
    }

    public GitOpsFiles files() {
        return files;
    }

    /** The files' texts as loaded. */
    public Texts texts() {
        return texts;
    }

    /** The replay-relevant settings of the loaded files. */
    public GitOpsState state() {
        return state;
    }

    public Ledger ledger() {
        return ledger;
    }

    /** Where the job's checkpoints and savepoints are, by the state-directory rule. */
    public StateLocation stateLocation() {
        return stateLocation;
    }

    /**
     * The S3 prefix holding checkpoints/ and savepoints/ (TA_CHECKPOINT_DIR), or null if unknown.
     */
    public String statePrefix() {
        return stateLocation.prefix();
    }

    /** The namespace the manifests declare (checked at open). */
    public String namespace() {
        return namespace;
    }

    /** A GitOps file's path as shown to people. */
    public String display(FileRole role) {
        return files.display(role);
    }

    /** The ledger's path as shown to people. */
    public String ledgerDisplay() {
        return files.display(files.ledger());
    }

    public Optional<ReplayRecord> replay(String replayId) {
        return ledger.replay(replayId);
    }

    /** PREV values: recorded ones once the replay started, else what the files say now. */
    public Prev prev(String replayId) {
        return replay(replayId)
                .filter(r -> r.prev() != null)
                .map(r -> Prev.fromMap(r.prev()))
                .orElse(Prev.capture(state));
    }

    /** The fixed facts of a replay of these files, with the restore path known so far. */
    public ReplayContext context(String replayId, String restorePath) {
        return new ReplayContext(
                replayId, namespace, state.deploymentName(), restorePath, stateLocation.prefix());
    }

    /** Writes the files that {@code after} changes, then appends {@code event} to the ledger. */
    public void record(Texts after, LedgerEvent event) {
        files.write(texts, after);
        ledger.append(event);
    }

    /** Appends {@code event} to the ledger (a check's result; no GitOps file changes). */
    public void append(LedgerEvent event) {
        ledger.append(event);
    }

    /** A file path relative to the GitOps root when it is inside it. */
    public String display(Path p) {
        return files.display(p);
    }
}
