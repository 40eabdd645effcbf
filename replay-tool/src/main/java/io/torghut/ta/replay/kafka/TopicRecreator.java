package io.torghut.ta.replay.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;

/**
 * Deletes and recreates derived topics through Kafka's AdminClient with the partitions, replication
 * factor and explicit topic configs they had, and prints the equivalent shell commands.
 */
public final class TopicRecreator {
    private final Admin admin;
    private final Duration timeout;

    public TopicRecreator(Admin admin, Duration timeout) {
        this.admin = admin;
        this.timeout = timeout;
    }

    /** The current spec of {@code topic}: only dynamic topic configs count as explicit. */
    public TopicSpec describe(String topic) throws Exception {
        TopicDescription d =
                admin.describeTopics(List.of(topic))
                        .allTopicNames()
                        .get(timeout.toMillis(), TimeUnit.MILLISECONDS)
                        .get(topic);
        ConfigResource res = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        Config config =
                admin.describeConfigs(List.of(res))
                        .all()
                        .get(timeout.toMillis(), TimeUnit.MILLISECONDS)
                        .get(res);
        Map<String, String> explicit = new TreeMap<>();
        for (ConfigEntry e : config.entries()) {
            if (e.source() == ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG) {
                explicit.put(e.name(), e.value());
            }
        }
        return new TopicSpec(
                topic,
                d.partitions().size(),
                (short) d.partitions().get(0).replicas().size(),
                explicit);
    }

    /** Deletes the topic, waits until it is gone, creates it again as {@code spec}, and waits. */
    public void recreate(TopicSpec spec) throws Exception {
        admin.deleteTopics(List.of(spec.name()))
                .all()
                .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        awaitPresence(spec.name(), false);
        NewTopic t =
                new NewTopic(spec.name(), spec.partitions(), spec.replicationFactor())
                        .configs(spec.configs());
        // Deletion completes asynchronously on the brokers; creation can race it, so retry.
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                admin.createTopics(List.of(t)).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                break;
            } catch (ExecutionException e) {
                if (System.nanoTime() > deadline
                        || !(e.getCause()
                                instanceof org.apache.kafka.common.errors.TopicExistsException)) {
                    throw e;
                }
                Thread.sleep(200);
            }
        }
        awaitPresence(spec.name(), true);
    }

    private void awaitPresence(String topic, boolean present) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Set<String> names =
                    admin.listTopics().names().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (names.contains(topic) == present) {
                return;
            }
            Thread.sleep(100);
        }
        throw new TimeoutException(
                "topic " + topic + (present ? " did not appear" : " was not deleted") + " in time");
    }

    /** The kafka-topics.sh commands that do the same, run through kubectl exec in a Kafka pod. */
    public static List<String> commands(TopicSpec spec, String bootstrap) {
        String base =
                "kubectl -n kafka exec <kafka-pod> -- /opt/kafka/bin/kafka-topics.sh"
                        + " --bootstrap-server "
                        + bootstrap;
        List<String> out = new ArrayList<>();
        out.add(base + " --describe --topic " + spec.name());
        out.add(base + " --delete --topic " + spec.name());
        StringBuilder create =
                new StringBuilder(base)
                        .append(" --create --topic ")
                        .append(spec.name())
                        .append(" --partitions ")
                        .append(spec.partitions())
                        .append(" --replication-factor ")
                        .append(spec.replicationFactor());
        spec.configs()
                .forEach((k, v) -> create.append(" --config ").append(k).append('=').append(v));
        out.add(create.toString());
        return out;
    }
}
