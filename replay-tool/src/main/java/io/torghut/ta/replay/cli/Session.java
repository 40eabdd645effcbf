package io.torghut.ta.replay.cli;

import io.torghut.ta.replay.gitops.FileRole;
import io.torghut.ta.replay.gitops.GitOpsFiles;
import io.torghut.ta.replay.gitops.GitOpsState;
import io.torghut.ta.replay.gitops.Texts;
import io.torghut.ta.replay.ledger.Ledger;
import io.torghut.ta.replay.ledger.ReplayRecord;
import io.torghut.ta.replay.workflow.Prev;
import io.torghut.ta.replay.workflow.ReplayContext;
import io.torghut.ta.replay.workflow.StatePaths;
import io.torghut.ta.replay.yaml.YamlPath;
import io.torghut.ta.replay.yaml.YamlScalarEditor;
import java.util.Optional;

/**
 * The loaded GitOps files, their state and the ledger for one command run, after the checks every
 * command shares (namespace, resource names, state directories).
 */
final class Session {
    final GitOpsFiles files;
    final Texts texts;
    final GitOpsState state;
    final Ledger ledger;
    final String statePrefix;

    private Session(GitOpsFiles files, Texts texts, Ledger ledger) {
        this.files = files;
        this.texts = texts;
        this.state = GitOpsState.read(texts);
        this.ledger = ledger;
        this.statePrefix = StatePaths.statePrefix(state.checkpointDir(), state.savepointDir());
    }

    static Session open(GitOpsOptions o) {
        GitOpsFiles files = o.files();
        Session s = new Session(files, files.load(), Ledger.load(files.ledger()));
        for (FileRole role : FileRole.values()) {
            String declared =
                    YamlScalarEditor.read(s.texts.text(role), YamlPath.parse("metadata.namespace"))
                            .orElse(null);
            if (declared != null && !declared.equals(o.namespace())) {
                throw new Refusal(
                        "wrong namespace: --namespace is '"
                                + o.namespace()
                                + "' but "
                                + files.display(role)
                                + " declares '"
                                + declared
                                + "'. Allowed: the namespace the manifests declare.");
            }
        }
        if (s.state.deploymentName() == null) {
            throw new IllegalStateException("the FlinkDeployment manifest has no metadata.name");
        }
        if (s.state.groupId() == null || s.state.autoOffsetReset() == null) {
            throw new IllegalStateException(
                    "the TA ConfigMap lacks TA_GROUP_ID or TA_AUTO_OFFSET_RESET");
        }
        return s;
    }

    Optional<ReplayRecord> replay(String replayId) {
        return ledger.replay(replayId);
    }

    /** PREV values: recorded ones once the replay started, else what the files say now. */
    Prev prev(String replayId) {
        return replay(replayId)
                .filter(r -> r.prev() != null)
                .map(r -> Prev.fromMap(r.prev()))
                .orElse(Prev.capture(state));
    }

    ReplayContext context(String replayId, String restorePath, String namespace) {
        return new ReplayContext(
                replayId,
                namespace,
                state.deploymentName(),
                restorePath,
                statePrefix == null ? "<state-prefix>" : statePrefix);
    }
}
