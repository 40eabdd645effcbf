package io.torghut.ta.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.torghut.ta.testkit.KafkaTestCluster.ReceivedRecord;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tests for {@link KafkaTestCluster}: a real KRaft broker round trip. */
class KafkaTestClusterITCase {

    @TempDir static Path dir;
    private static KafkaTestCluster kafka;

    @BeforeAll
    static void startKafka() {
        kafka = KafkaTestCluster.start(dir);
    }

    @AfterAll
    static void stopKafka() {
        kafka.close();
    }

    @Test
    void bulkProduceThenConsumeAllReturnsEveryRecordInPartitionOrder() {
        kafka.createTopic("ticks", 3);
        List<ProducerRecord<String, String>> records = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            String symbol = "SYM" + (i % 5);
            records.add(new ProducerRecord<>("ticks", symbol, "{\"seq\":" + i + "}"));
        }
        kafka.produce(records);

        List<ReceivedRecord> got = kafka.consumeAll("ticks", 300, Duration.ofSeconds(30));

        assertThat(got).hasSize(300);
        assertThat(got).extracting(ReceivedRecord::partition).containsAnyOf(0, 1, 2);
        // Same key, same partition, increasing offsets, original order.
        for (int s = 0; s < 5; s++) {
            String symbol = "SYM" + s;
            List<ReceivedRecord> forKey = got.stream().filter(r -> r.key().equals(symbol)).toList();
            assertThat(forKey).hasSize(60);
            assertThat(forKey)
                    .extracting(ReceivedRecord::partition)
                    .containsOnly(forKey.get(0).partition());
            assertThat(forKey).extracting(ReceivedRecord::offset).isSorted();
            assertThat(forKey.get(0).value()).isEqualTo("{\"seq\":" + s + "}");
        }
    }

    @Test
    void aRestartedBrokerKeepsItsAddressAndItsRecords() {
        kafka.createTopic("restarts", 2);
        kafka.produce("restarts", "AAPL", "before", 0, 1_700_000_000_000L);
        kafka.produce("restarts", "NVDA", "before", 1, 1_700_000_000_000L);
        String bootstrap = kafka.bootstrapServers();

        kafka.stopBroker();
        kafka.startBroker();

        assertThat(kafka.bootstrapServers()).isEqualTo(bootstrap);
        kafka.produce("restarts", "AAPL", "after", 0, 1_700_000_000_001L);
        kafka.produce("restarts", "NVDA", "after", 1, 1_700_000_000_001L);
        assertThat(kafka.consumeAll("restarts", 4, Duration.ofSeconds(30)))
                .extracting(r -> r.partition() + ":" + r.value())
                .containsExactlyInAnyOrder("0:before", "0:after", "1:before", "1:after");
    }

    @Test
    void explicitPartitionAndTimestampAreKeptAndReadingStopsAtTheEnd() {
        kafka.createTopic("bars", 2);
        kafka.produce("bars", "NVDA", "v1", 1, 1_700_000_000_123L);
        kafka.produce("bars", "NVDA", "v2", 1, 1_700_000_001_123L);

        List<ReceivedRecord> got = kafka.readToEnd("bars");

        assertThat(got)
                .containsExactly(
                        new ReceivedRecord("NVDA", "v1", 1, 0, 1_700_000_000_123L),
                        new ReceivedRecord("NVDA", "v2", 1, 1, 1_700_000_001_123L));
        assertThatThrownBy(() -> kafka.consumeAll("bars", 3, Duration.ofSeconds(2)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("but got 2");
    }
}
