package io.torghut.ta.replay.gitops;

import io.torghut.ta.replay.yaml.YamlPath;

/**
 * One setting the replay workflow reads or writes: which file, where in it, and the name oncall
 * knows it by (the env or ConfigMap key, or the FlinkDeployment field).
 */
public record Field(FileRole role, YamlPath path, String label) {
    public static final Field TRADING_ENABLED = env("TRADING_ENABLED");
    public static final Field TRADING_LIVE_ENABLED = env("TRADING_LIVE_ENABLED");
    public static final Field GROUP_ID = data("TA_GROUP_ID");
    public static final Field AUTO_OFFSET_RESET = data("TA_AUTO_OFFSET_RESET");
    public static final Field CHECKPOINT_DIR = data("TA_CHECKPOINT_DIR");
    public static final Field SAVEPOINT_DIR = data("TA_SAVEPOINT_DIR");
    public static final Field CONFIGMAP_NAMESPACE =
            new Field(FileRole.TA_CONFIGMAP, YamlPath.parse("metadata.namespace"), "namespace");
    public static final Field JOB_STATE = fd("spec.job.state", "job state");
    public static final Field UPGRADE_MODE = fd("spec.job.upgradeMode", "upgrade mode");
    public static final Field RESTART_NONCE = fd("spec.restartNonce", "restartNonce");
    public static final Field INITIAL_SAVEPOINT_PATH =
            fd("spec.job.initialSavepointPath", "initialSavepointPath");
    public static final Field SAVEPOINT_REDEPLOY_NONCE =
            fd("spec.job.savepointRedeployNonce", "savepointRedeployNonce");
    public static final Field DEPLOYMENT_NAME = fd("metadata.name", "FlinkDeployment name");
    public static final Field DEPLOYMENT_NAMESPACE = fd("metadata.namespace", "namespace");

    private static Field env(String name) {
        return new Field(
                FileRole.KNATIVE_SERVICE,
                YamlPath.parse("spec.template.spec.containers[*].env[name=" + name + "].value"),
                name);
    }

    private static Field data(String key) {
        return new Field(FileRole.TA_CONFIGMAP, YamlPath.parse("data." + key), key);
    }

    private static Field fd(String path, String label) {
        return new Field(FileRole.FLINK_DEPLOYMENT, YamlPath.parse(path), label);
    }
}
