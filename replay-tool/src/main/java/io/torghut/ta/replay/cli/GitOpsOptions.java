package io.torghut.ta.replay.cli;

import io.torghut.ta.replay.gitops.FileRole;
import io.torghut.ta.replay.gitops.GitOpsFiles;
import io.torghut.ta.replay.workflow.Session;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** Where the GitOps checkout is, which namespace it targets, and whether to write at all. */
public final class GitOpsOptions {
    @Option(
            names = "--gitops-root",
            defaultValue = ".",
            description = "Root of the GitOps checkout (default: current directory).")
    Path root;

    @Option(
            names = "--knative-service",
            description = "Trading service manifest (default: ${DEFAULT-VALUE}).",
            defaultValue = "argocd/applications/torghut/knative-service.yaml")
    Path knativeService;

    @Option(
            names = "--ta-configmap",
            description = "TA ConfigMap manifest (default: ${DEFAULT-VALUE}).",
            defaultValue = "argocd/applications/torghut/ta/configmap.yaml")
    Path configMap;

    @Option(
            names = "--flinkdeployment",
            description = "TA FlinkDeployment manifest (default: ${DEFAULT-VALUE}).",
            defaultValue = "argocd/applications/torghut/ta/flinkdeployment.yaml")
    Path flinkDeployment;

    @Option(
            names = "--ledger",
            description = "Replay ledger, JSON Lines (default: ${DEFAULT-VALUE}).",
            defaultValue = GitOpsFiles.DEFAULT_LEDGER)
    Path ledger;

    @Option(
            names = "--namespace",
            defaultValue = "torghut",
            description =
                    "Namespace the manifests must declare (default: ${DEFAULT-VALUE}); a"
                            + " mismatch is refused.")
    String namespace;

    @Option(
            names = "--dry-run",
            description = "Print what would change and the ledger line; write nothing.")
    boolean dryRun;

    /** The resolved file locations. */
    public GitOpsFiles files() {
        Map<FileRole, Path> m = new EnumMap<>(FileRole.class);
        m.put(FileRole.KNATIVE_SERVICE, knativeService);
        m.put(FileRole.TA_CONFIGMAP, configMap);
        m.put(FileRole.FLINK_DEPLOYMENT, flinkDeployment);
        return new GitOpsFiles(root, m, ledger);
    }

    /** Loads the files and the ledger, checked against {@code --namespace}. */
    public Session open() {
        return Session.open(files(), namespace);
    }

    public String namespace() {
        return namespace;
    }

    public boolean dryRun() {
        return dryRun;
    }
}
