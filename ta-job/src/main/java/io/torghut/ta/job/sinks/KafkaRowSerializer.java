package io.torghut.ta.job.sinks;

import java.nio.charset.StandardCharsets;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.util.function.SerializableFunction;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Writes a row to a topic with the symbol (or a fixed key) as key and JSON as value. */
public final class KafkaRowSerializer<T> implements KafkaRecordSerializationSchema<T> {
    private static final long serialVersionUID = 1L;

    private final String topic;
    private final SerializableFunction<T, String> key;
    private final SerializableFunction<T, byte[]> value;

    /** Creates a serializer for {@code topic}. */
    public KafkaRowSerializer(
            String topic,
            SerializableFunction<T, String> key,
            SerializableFunction<T, byte[]> value) {
        this.topic = topic;
        this.key = key;
        this.value = value;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(
            T element, KafkaSinkContext context, Long timestamp) {
        return new ProducerRecord<>(
                topic,
                null,
                timestamp,
                key.apply(element).getBytes(StandardCharsets.UTF_8),
                value.apply(element));
    }
}
