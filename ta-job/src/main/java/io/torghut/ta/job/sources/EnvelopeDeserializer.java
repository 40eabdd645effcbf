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

    /** The partition name of the previous record: records come in runs per partition. */
    private transient String lastTopic;

    private transient int lastPartition;
    private transient String lastPartitionName;

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<T> out) {
        // The origin names a refused record in its dead letter; a valid one never needs it, and
        // building it per record (then shipping it through the keyed exchange) was measurable.
        T decoded = kind.decode(decoder, record.value(), null);
        if (!decoded.isValid()) {
            decoded.origin = partitionName(record) + "@" + record.offset();
        }
        if (lateness != null) {
            lateness.observe(partitionName(record), decoded);
        }
        out.collect(decoded);
    }

    private String partitionName(ConsumerRecord<byte[], byte[]> record) {
        if (lastPartitionName == null
                || record.partition() != lastPartition
                || !record.topic().equals(lastTopic)) {
            lastTopic = record.topic();
            lastPartition = record.partition();
            lastPartitionName = lastTopic + "/" + lastPartition;
        }
        return lastPartitionName;
    }

    @Override
    public TypeInformation<T> getProducedType() {
        return TypeInformation.of(kind.<T>type());
    }
}
