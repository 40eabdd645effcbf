package io.torghut.ta.replay.workflow;

import io.torghut.ta.replay.gitops.Change;
import io.torghut.ta.replay.gitops.FileRole;
import io.torghut.ta.replay.gitops.GitOpsFiles;
import io.torghut.ta.replay.gitops.Texts;
import io.torghut.ta.replay.input.BadInputException;
import io.torghut.ta.replay.operator.ManifestModel;
import io.torghut.ta.replay.operator.OperatorRestartSemantics;
import io.torghut.ta.replay.operator.RestartAction;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.flink.kubernetes.operator.api.spec.FlinkDeploymentSpec;

/**
 * A set of GitOps changes with what they lead to: the files before and after, and, when the
 * FlinkDeployment changes, what the operator does about it. Steps, the plan and rollback describe
 * their changes with it.
 */
public final class GitOpsEdit {
    private final Texts before;
    private final List<Change> changes;
    private final Texts after;
    private final GitOpsFiles files;

    private GitOpsEdit(Texts before, List<Change> changes, Texts after, GitOpsFiles files) {
        this.before = before;
        this.changes = changes;
        this.after = after;
        this.files = files;
    }

    /**
     * Applies {@code changes} to {@code before}; {@code files} names the files in messages.
     *
     * @throws BadInputException if a file cannot take a change
     */
    public static GitOpsEdit of(Texts before, List<Change> changes, GitOpsFiles files) {
        return new GitOpsEdit(before, List.copyOf(changes), before.applyAll(changes), files);
    }

    /** The files before the changes. */
    public Texts before() {
        return before;
    }

    /** The scalar changes, none of them a no-op. */
    public List<Change> changes() {
        return changes;
    }

    /** The files with the changes applied. */
    public Texts after() {
        return after;
    }

    /**
     * What the operator does about the FlinkDeployment change, by its documented semantics; empty
     * when the FlinkDeployment does not change. Computed on demand, so a step that does not need it
     * never requires a manifest the operator's model accepts.
     *
     * @throws BadInputException if the FlinkDeployment is not one the operator's model accepts
     */
    public Optional<RestartAction> operatorAction() {
        if (changes.stream().noneMatch(c -> c.field().role() == FileRole.FLINK_DEPLOYMENT)) {
            return Optional.empty();
        }
        FlinkDeploymentSpec was = deployedSpec(before, files);
        FlinkDeploymentSpec now;
        try {
            now = ManifestModel.parse(after.text(FileRole.FLINK_DEPLOYMENT)).deployment().getSpec();
        } catch (IllegalArgumentException e) {
            // The file parsed before the tool's scalar edits: failing now is the tool's bug.
            throw new IllegalStateException("the edited FlinkDeployment no longer parses", e);
        }
        return Optional.of(OperatorRestartSemantics.actionFor(was, now));
    }

    private static FlinkDeploymentSpec deployedSpec(Texts texts, GitOpsFiles files) {
        String file = files.display(FileRole.FLINK_DEPLOYMENT);
        FlinkDeploymentSpec spec;
        try {
            spec =
                    ManifestModel.parse(texts.text(FileRole.FLINK_DEPLOYMENT))
                            .deployment()
                            .getSpec();
        } catch (IllegalArgumentException e) {
            throw new BadInputException(file + ": " + e.getMessage(), e);
        }
        if (spec == null || spec.getJob() == null) {
            throw new BadInputException(
                    file + " has no spec.job: a replay needs an application FlinkDeployment");
        }
        return spec;
    }

    /** What the operator does; no redeploy when the FlinkDeployment does not change. */
    public RestartAction operatorActionOrNone() {
        return operatorAction().orElseGet(RestartAction.None::new);
    }

    /** How many files the changes touch. */
    public long filesChanged() {
        return changes.stream().map(c -> c.field().role()).distinct().count();
    }

    /**
     * The emergency-only {@code kubectl patch --type=merge} commands equivalent to the changes, one
     * per file that has a scalar-only merge patch.
     */
    public List<String> emergencyPatches(String namespace, String deploymentName) {
        List<String> out = new ArrayList<>();
        for (FileRole role : FileRole.values()) {
            MergePatches.forRole(role, changes)
                    .ifPresent(
                            p ->
                                    out.add(
                                            MergePatches.kubectlCommand(
                                                    role, p, namespace, deploymentName)));
        }
        return out;
    }
}
