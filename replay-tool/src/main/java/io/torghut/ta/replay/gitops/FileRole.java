package io.torghut.ta.replay.gitops;

/** The GitOps files the replay workflow edits, with their paths in the torghut GitOps tree. */
public enum FileRole {
    KNATIVE_SERVICE("argocd/applications/torghut/knative-service.yaml", "trading service"),
    TA_CONFIGMAP("argocd/applications/torghut/ta/configmap.yaml", "TA ConfigMap"),
    FLINK_DEPLOYMENT("argocd/applications/torghut/ta/flinkdeployment.yaml", "TA FlinkDeployment");

    private final String defaultPath;
    private final String description;

    FileRole(String defaultPath, String description) {
        this.defaultPath = defaultPath;
        this.description = description;
    }

    /** The path relative to the GitOps root, as in the canonical replay runbook. */
    public String defaultPath() {
        return defaultPath;
    }

    public String description() {
        return description;
    }
}
