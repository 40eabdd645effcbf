package io.torghut.ta.replay.cli;

import io.torghut.ta.replay.workflow.KafkaConnection;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --bootstrap} and {@code --kafka-config}: how the commands that talk to Kafka reach it. */
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

    /** The options as the workflow takes them. */
    public KafkaConnection connection() {
        return new KafkaConnection(bootstrap, kafkaConfig);
    }
}
