package io.torghut.ta.replay.gitops;

/** The GitOps files the replay workflow edits, with their paths in the torghut GitOps tree. */
public enum FileRole {
    KNATIVE_SERVICE(
            "argocd/applications/torghut/knative-service.yaml",
            "trading service",
            "knative-service"),
    TA_CONFIGMAP("argocd/applications/torghut/ta/configmap.yaml", "TA ConfigMap", "ta-configmap"),
    FLINK_DEPLOYMENT(
            "argocd/applications/torghut/ta/flinkdeployment.yaml",
            "TA FlinkDeployment",
            "flinkdeployment");

    private final String defaultPath;
    private final String description;
    private final String option;

    FileRole(String defaultPath, String description, String option) {
        this.defaultPath = defaultPath;
        this.description = description;
        this.option = option;
    }

    /** The path relative to the GitOps root in the torghut GitOps tree. */
    public String defaultPath() {
        return defaultPath;
    }

    /** The command-line option (without its dashes) that points at another file. */
    public String option() {
        return option;
    }

    public String description() {
        return description;
    }
}
