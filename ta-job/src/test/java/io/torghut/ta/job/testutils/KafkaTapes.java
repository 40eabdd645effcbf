package io.torghut.ta.job.testutils;

import static org.assertj.core.api.Assertions.assertThat;

import io.torghut.ta.job.local.TapeGenerator;
import io.torghut.ta.testkit.KafkaTestCluster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Tapes in and outputs out of a test Kafka cluster. */
public final class KafkaTapes {
    /**
     * Topic config for tests: the tape's timestamps are months old, and so are the job's output
     * records (their Kafka timestamp is the event time); the broker's default 7-day retention would
     * delete them mid-test.
     */
    public static final Map<String, String> KEEP_FOREVER = Map.of("retention.ms", "-1");

    private KafkaTapes() {}

    /**
     * Produces tape lines in arrival order, each symbol to partition hash(symbol) mod partitions,
     * with the arrival time as the record timestamp.
     */
    public static void produce(
            KafkaTestCluster kafka, String topic, List<TapeGenerator.Line> lines, int partitions) {
        List<ProducerRecord<String, String>> records = new ArrayList<>();
        for (TapeGenerator.Line l : lines) {
            int partition = Math.floorMod(l.key().hashCode(), partitions);
            records.add(new ProducerRecord<>(topic, partition, l.arrivalMs(), l.key(), l.value()));
        }
        kafka.produce(records);
    }

    /**
     * Every record of a topic up to its end offsets at the time of the call: independent of how
     * long the first fetch takes on a loaded machine.
     */
    public static List<ConsumerRecord<String, String>> readAll(
            KafkaTestCluster kafka, String topic) {
        return readAll(kafka, topic, false);
    }

    /**
     * Like {@link #readAll(KafkaTestCluster, String)}; with {@code committedOnly}, reads with
     * {@code isolation.level=read_committed}, where the end offsets are the last stable offsets.
     */
    public static List<ConsumerRecord<String, String>> readAll(
            KafkaTestCluster kafka, String topic, boolean committedOnly) {
        var props = kafka.clientProperties();
        props.put("auto.offset.reset", "earliest");
        props.put("enable.auto.commit", "false");
        if (committedOnly) {
            props.put("isolation.level", "read_committed");
        }
        List<ConsumerRecord<String, String>> out = new ArrayList<>();
        try (var consumer =
                new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            var partitions =
                    consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                            .map(p -> new TopicPartition(topic, p.partition()))
                            .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            var end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                assertThat(System.nanoTime()).as("read %s to its end", topic).isLessThan(deadline);
                consumer.poll(Duration.ofMillis(200)).forEach(out::add);
            }
        }
        return out;
    }
}
