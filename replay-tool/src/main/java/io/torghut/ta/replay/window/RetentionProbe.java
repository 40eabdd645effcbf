package io.torghut.ta.replay.window;

import io.torghut.ta.replay.workflow.KafkaConnection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Measures input retention on a broker: the timestamp of the earliest retained record of every
 * partition, and the topics' effective {@code retention.ms}. It reads one record per partition with
 * no group, so it commits nothing. A broker that cannot be reached or does not deliver in time
 * surfaces as a {@code KafkaException}.
 */
public final class RetentionProbe {
    private RetentionProbe() {}

    /**
     * Per topic, its effective {@code retention.ms} as the broker reports it (the topic's own
     * setting, else the broker's default); negative means unlimited.
     */
    public static Map<String, Long> retentionMs(
            Properties clientProps, List<String> topics, Duration timeout) {
        Map<String, Long> out = new HashMap<>();
        Admin admin = Admin.create(clientProps);
        try {
            List<ConfigResource> resources =
                    topics.stream()
                            .distinct()
                            .map(t -> new ConfigResource(ConfigResource.Type.TOPIC, t))
                            .toList();
            Map<ConfigResource, Config> configs =
                    admin.describeConfigs(resources)
                            .all()
                            .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            configs.forEach(
                    (res, config) -> {
                        ConfigEntry e = config.get("retention.ms");
                        if (e != null && e.value() != null) {
                            out.put(res.name(), Long.parseLong(e.value()));
                        }
                    });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("interrupted while reading retention.ms", e);
        } catch (ExecutionException e) {
            throw new KafkaException(
                    "could not read retention.ms of "
                            + topics
                            + ": "
                            + KafkaConnection.failure(bootstrap(clientProps), clientProps, e),
                    e);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new KafkaException(
                    "could not read retention.ms of " + topics + " within " + timeout + ": " + e,
                    e);
        } finally {
            // As for the consumer below: nothing is left to wait for.
            admin.close(Duration.ofSeconds(1));
        }
        return out;
    }

    /**
     * Per topic, the latest of its partitions' earliest record timestamps (the replay needs every
     * partition); topics whose partitions are all empty are left out.
     */
    public static Map<String, Instant> earliestRetained(
            Properties clientProps, List<String> topics, Duration timeout) {
        Properties p = new Properties();
        p.putAll(clientProps);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.remove(ConsumerConfig.GROUP_ID_CONFIG);
        Map<String, Instant> out = new HashMap<>();
        KafkaConsumer<byte[], byte[]> c =
                new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        try {
            List<TopicPartition> parts = new ArrayList<>();
            for (String t : topics.stream().distinct().toList()) {
                for (PartitionInfo pi : c.partitionsFor(t, timeout)) {
                    parts.add(new TopicPartition(t, pi.partition()));
                }
            }
            Map<TopicPartition, Long> begin = c.beginningOffsets(parts, timeout);
            Map<TopicPartition, Long> end = c.endOffsets(parts, timeout);
            List<TopicPartition> nonEmpty =
                    parts.stream().filter(tp -> end.get(tp) > begin.get(tp)).toList();
            c.assign(nonEmpty);
            nonEmpty.forEach(tp -> c.seek(tp, begin.get(tp)));
            Map<TopicPartition, Instant> first = new HashMap<>();
            long deadline = System.nanoTime() + timeout.toNanos();
            while (first.size() < nonEmpty.size() && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(200))) {
                    TopicPartition tp = new TopicPartition(r.topic(), r.partition());
                    if (first.putIfAbsent(tp, Instant.ofEpochMilli(r.timestamp())) == null) {
                        c.pause(List.of(tp));
                    }
                }
            }
            if (first.size() < nonEmpty.size()) {
                // The broker answered but did not deliver: a Kafka problem, not bad input.
                throw new TimeoutException(
                        "could not read the first record of every partition within " + timeout);
            }
            first.forEach((tp, ts) -> out.merge(tp.topic(), ts, (a, b) -> a.isAfter(b) ? a : b));
        } catch (org.apache.kafka.common.errors.AuthenticationException e) {
            throw new KafkaException(
                    KafkaConnection.failure(bootstrap(clientProps), clientProps, e), e);
        } finally {
            // The default close waits 30 s for an unreachable broker; nothing is left to flush.
            c.close(CloseOptions.timeout(Duration.ofSeconds(1)));
        }
        return out;
    }

    private static String bootstrap(Properties clientProps) {
        return clientProps.getProperty("bootstrap.servers", "(no bootstrap.servers)");
    }
}
