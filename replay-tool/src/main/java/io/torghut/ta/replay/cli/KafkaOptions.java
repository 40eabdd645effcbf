package io.torghut.ta.replay.cli;

import io.torghut.ta.replay.ReplayTool;
import io.torghut.ta.replay.workflow.KafkaConnection;
import java.nio.file.Path;
import java.util.Properties;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code --bootstrap} and {@code --kafka-config}: how the commands that talk to Kafka reach it.
 * With {@code TA_KAFKA_SECURITY} (and for SASL {@code TA_KAFKA_SASL_MECH}, {@code
 * TA_KAFKA_USERNAME}, {@code TA_KAFKA_PASSWORD}) in the environment they authenticate as the job
 * does.
 */
public final class KafkaOptions {
    @Option(
            names = "--bootstrap",
            description =
                    "Kafka bootstrap servers to talk to (mode2 step 4 defaults to"
                            + " TA_KAFKA_BOOTSTRAP; check-window measures retention there).")
    String bootstrap;

    @Option(
            names = "--kafka-config",
            description = "Kafka client properties file (SASL etc.); its values are never printed.")
    Path kafkaConfig;

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    /**
     * The options as the workflow takes them, with the job's security settings from the tool's
     * {@code TA_KAFKA_*} environment ({@link KafkaConnection#securityFromEnvironment}) when the
     * tool runs with the job's Secret; {@code --kafka-config} values win over them.
     */
    public KafkaConnection connection() {
        Object root = mixee == null ? null : mixee.root().userObject();
        Properties security =
                root instanceof ReplayTool tool
                        ? KafkaConnection.securityFromEnvironment(tool.env())
                        : new Properties();
        return new KafkaConnection(bootstrap, kafkaConfig, security);
    }
}
