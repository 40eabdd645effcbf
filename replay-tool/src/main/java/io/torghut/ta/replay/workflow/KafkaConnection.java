package io.torghut.ta.replay.workflow;

import io.torghut.ta.replay.input.InputFiles;
import java.nio.file.Path;
import java.util.Properties;

/**
 * How to reach Kafka when a command talks to it: the bootstrap servers (null: the command's
 * default) and a client properties file with the SASL settings (null: none). The file's values are
 * credentials and are never printed.
 *
 * @param bootstrap bootstrap servers, e.g. {@code kafka-kafka-bootstrap.kafka:9092}
 * @param configFile client properties (security.protocol, sasl.*), or null
 */
public record KafkaConnection(String bootstrap, Path configFile) {
    /** No broker given on the command line. */
    public static final KafkaConnection NONE = new KafkaConnection(null, null);

    /**
     * The client properties with {@code bootstrapServers} set; a missing or unreadable file is bad
     * input.
     */
    public Properties clientProperties(String bootstrapServers) {
        Properties p =
                configFile == null
                        ? new Properties()
                        : InputFiles.properties(configFile, "Kafka client properties file");
        p.put("bootstrap.servers", bootstrapServers);
        return p;
    }
}
