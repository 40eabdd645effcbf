package io.torghut.ta.benchmarks.e2e.baseline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import org.apache.flink.api.common.serialization.SimpleStringSchema;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.util.function.SerializableFunction;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * How the original job connects and runs (the original system's reference, sections 2, 4 and 6),
 * for {@link OriginalDesignTopology}: its Kafka source of JSON strings, its at-least-once Kafka
 * sinks with values written by Jackson, and its Flink settings.
 */
public final class OriginalDesignJob {
    private OriginalDesignJob() {}

    /**
     * The trades source: values as strings, the group's committed offsets or else the earliest,
     * read_committed, offsets committed on checkpoints, stopping at {@code stop}.
     */
    public static KafkaSource<String> tradesSource(
            String bootstrap,
            String topic,
            String groupId,
            String clientId,
            OffsetsInitializer stop) {
        return KafkaSource.<String>builder()
                .setBootstrapServers(bootstrap)
                .setTopics(topic)
                .setGroupId(groupId)
                .setClientIdPrefix(clientId + "-trades")
                .setStartingOffsets(
                        OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
                .setBounded(Objects.requireNonNull(stop, "stop"))
                .setValueOnlyDeserializer(new SimpleStringSchema())
                .setProperty("isolation.level", "read_committed")
                .setProperty("commit.offsets.on.checkpoint", "true")
                .setProperty("partition.discovery.interval.ms", "60000")
                .build();
    }

    /** The bars sink: key = symbol, value = the row of {@link OriginalBar#toRow} as JSON. */
    public static KafkaSink<OriginalBar> barSink(String bootstrap, String topic, String clientId) {
        return sink(bootstrap, clientId + "-microbars", topic, b -> b.symbol, OriginalBar::toRow);
    }

    /** The signals sink: key = symbol, value = {@link OriginalSignal#toRow} as JSON. */
    public static KafkaSink<OriginalSignal> signalSink(
            String bootstrap, String topic, String clientId) {
        return sink(
                bootstrap, clientId + "-signals", topic, s -> s.bar.symbol, OriginalSignal::toRow);
    }

    private static <T> KafkaSink<T> sink(
            String bootstrap,
            String clientId,
            String topic,
            SerializableFunction<T, String> key,
            SerializableFunction<T, Map<String, Object>> row) {
        // The original's producer: acks=all and idempotence, at least once (production's
        // TA_KAFKA_DELIVERY_GUARANTEE); lz4 as its topics are configured. Batch size and linger
        // stay the client's defaults: the original set neither.
        Properties props = new Properties();
        props.setProperty("acks", "all");
        props.setProperty("enable.idempotence", "true");
        props.setProperty("compression.type", "lz4");
        props.setProperty("client.id", clientId);
        return KafkaSink.<T>builder()
                .setBootstrapServers(bootstrap)
                .setKafkaProducerConfig(props)
                .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
                .setRecordSerializer(new JsonRows<>(topic, key, row))
                .build();
    }

    /** Writes a row as JSON with Jackson's {@code ObjectMapper}, keyed by the symbol. */
    static final class JsonRows<T> implements KafkaRecordSerializationSchema<T> {
        private static final long serialVersionUID = 1L;
        private static final ObjectMapper MAPPER = new ObjectMapper();

        private final String topic;
        private final SerializableFunction<T, String> key;
        private final SerializableFunction<T, Map<String, Object>> row;

        JsonRows(
                String topic,
                SerializableFunction<T, String> key,
                SerializableFunction<T, Map<String, Object>> row) {
            this.topic = topic;
            this.key = key;
            this.row = row;
        }

        @Override
        public ProducerRecord<byte[], byte[]> serialize(
                T element, KafkaSinkContext context, Long timestamp) {
            try {
                return new ProducerRecord<>(
                        topic,
                        null,
                        timestamp,
                        key.apply(element).getBytes(StandardCharsets.UTF_8),
                        MAPPER.writeValueAsBytes(row.apply(element)));
            } catch (JsonProcessingException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /**
     * The original's Flink settings: exactly-once unaligned checkpoints at the given interval,
     * timeout and pause, 3 tolerable failures, retained on cancellation, to {@code checkpointsDir};
     * watermarks every second; the heap state backend (it set none, and Flink's default is the
     * heap). Buffer timeout and object reuse stay Flink's defaults, as the original left them.
     */
    public static Map<String, String> flinkSettings(
            Duration checkpointInterval,
            Duration checkpointTimeout,
            Duration checkpointPause,
            String checkpointsDir) {
        Configuration conf = new Configuration();
        conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, checkpointInterval);
        conf.set(CheckpointingOptions.CHECKPOINTING_TIMEOUT, checkpointTimeout);
        conf.set(CheckpointingOptions.MIN_PAUSE_BETWEEN_CHECKPOINTS, checkpointPause);
        conf.set(
                CheckpointingOptions.CHECKPOINTING_CONSISTENCY_MODE,
                CheckpointingMode.EXACTLY_ONCE);
        conf.set(CheckpointingOptions.ENABLE_UNALIGNED, true);
        conf.set(CheckpointingOptions.TOLERABLE_FAILURE_NUMBER, 3);
        conf.set(
                CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
                ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpointsDir);
        conf.set(PipelineOptions.AUTO_WATERMARK_INTERVAL, Duration.ofSeconds(1));
        conf.set(StateBackendOptions.STATE_BACKEND, "hashmap");
        return conf.toMap();
    }
}
