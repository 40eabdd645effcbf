package io.torghut.ta.job.sources;

import io.torghut.ta.job.config.TaConfig;
import io.torghut.ta.job.decode.EnvelopeDecoder;
import io.torghut.ta.job.model.InputRecord;
import java.util.Properties;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/**
 * The Kafka sources. They start from the group's committed offsets, or, without any, from {@code
 * TA_AUTO_OFFSET_RESET}; offsets are committed on completed checkpoints. <b>A source restored from
 * a checkpoint or savepoint ignores both</b> and continues from its restored offsets: that is
 * Flink's contract and the reason a replay must start without restored source state (see
 * docs/runbook-replay.md).
 */
public final class KafkaSources {
    private KafkaSources() {}

    /** The decoder configured from the limits in {@code c}. */
    public static EnvelopeDecoder decoder(TaConfig c) {
        return new EnvelopeDecoder(c.maxFutureSkewMs, c.maxEventAgeMs, c.maxRecordBytes);
    }

    /** The per-partition lateness rule for trades, null for other inputs. */
    public static PartitionLateness lateness(TaConfig c, InputKind kind) {
        return kind == InputKind.TRADES
                ? new PartitionLateness(c.maxOutOfOrderMs, c.allowedLatenessMs, 1000)
                : null;
    }

    /** Security properties shared by sources and sinks; the password only in the JAAS config. */
    public static Properties securityProperties(TaConfig c) {
        Properties p = new Properties();
        p.setProperty("security.protocol", c.kafkaSecurity);
        if (c.kafkaSecurity.startsWith("SASL")) {
            p.setProperty("sasl.mechanism", c.kafkaSaslMechanism);
            String module =
                    c.kafkaSaslMechanism.equals("PLAIN")
                            ? "org.apache.kafka.common.security.plain.PlainLoginModule"
                            : "org.apache.kafka.common.security.scram.ScramLoginModule";
            p.setProperty(
                    "sasl.jaas.config",
                    module
                            + " required username=\""
                            + escape(c.kafkaUsername)
                            + "\" password=\""
                            + escape(c.kafkaPassword())
                            + "\";");
        }
        return p;
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    /**
     * An unbounded source for one topic.
     *
     * @param bounded when true, stop at the offsets that are latest when the job starts (tests,
     *     local replays of a fixed tape)
     */
    public static <T extends InputRecord> KafkaSource<T> source(
            TaConfig c, InputKind kind, String topic, boolean bounded) {
        OffsetResetStrategy reset =
                c.autoOffsetReset.equals("earliest")
                        ? OffsetResetStrategy.EARLIEST
                        : OffsetResetStrategy.LATEST;
        var builder =
                KafkaSource.<T>builder()
                        .setBootstrapServers(c.kafkaBootstrap)
                        .setTopics(topic)
                        .setGroupId(c.groupId)
                        .setClientIdPrefix(c.clientId + "-" + kind.label())
                        .setStartingOffsets(OffsetsInitializer.committedOffsets(reset))
                        .setDeserializer(
                                new EnvelopeDeserializer<>(kind, decoder(c), lateness(c, kind)))
                        .setProperties(securityProperties(c))
                        .setProperty("isolation.level", "read_committed")
                        .setProperty("commit.offsets.on.checkpoint", "true")
                        .setProperty("partition.discovery.interval.ms", "60000");
        if (bounded) {
            builder.setBounded(OffsetsInitializer.latest());
        }
        return builder.build();
    }
}
