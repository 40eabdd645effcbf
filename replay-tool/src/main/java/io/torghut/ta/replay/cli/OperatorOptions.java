package io.torghut.ta.replay.cli;

import picocli.CommandLine.Option;

/**
 * What the manifests cannot tell about the operator that acts on them: whether its own default
 * configuration gives every FlinkDeployment HA. The operator lays a FlinkDeployment's
 * flinkConfiguration over its defaults, so HA may come from there without the manifest saying so.
 */
public final class OperatorOptions {
    @Option(
            names = "--operator-provides-ha",
            description =
                    "The Flink operator's own default configuration sets high-availability.type"
                            + " (check its ConfigMap, e.g. kubectl -n <operator namespace> get"
                            + " configmap flink-operator-config -o yaml), so the FlinkDeployment"
                            + " has HA without setting it.")
    boolean providesHa;

    /** Whether oncall says the operator's defaults provide HA. */
    public boolean providesHa() {
        return providesHa;
    }
}
