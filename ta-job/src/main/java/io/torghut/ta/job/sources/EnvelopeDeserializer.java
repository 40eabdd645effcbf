package io.torghut.ta.job.sources;

import io.torghut.ta.job.decode.EnvelopeDecoder;
import io.torghut.ta.job.model.InputRecord;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Decodes Kafka records of one input; refused records flow on with their failure set. */
public final class EnvelopeDeserializer<T extends InputRecord>
        implements KafkaRecordDeserializationSchema<T> {
    private static final long serialVersionUID = 1L;

    private final InputKind kind;
    private final EnvelopeDecoder decoder;
    private final PartitionLateness lateness;

    /** Creates a deserializer for one input; {@code lateness} may be null. */
    public EnvelopeDeserializer(
            InputKind kind, EnvelopeDecoder decoder, PartitionLateness lateness) {
        this.kind = kind;
        this.decoder = decoder;
        this.lateness = lateness;
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<T> out) {
        String origin = record.topic() + "/" + record.partition() + "@" + record.offset();
        T decoded = kind.decode(decoder, record.value(), origin);
        if (lateness != null) {
            lateness.observe(record.topic() + "/" + record.partition(), decoded);
        }
        out.collect(decoded);
    }

    @Override
    public TypeInformation<T> getProducedType() {
        return TypeInformation.of(kind.<T>type());
    }
}
