package io.torghut.ta.replay.workflow;

import io.torghut.ta.replay.input.BadInputException;
import io.torghut.ta.replay.kafka.TopicRecreator;
import io.torghut.ta.replay.kafka.TopicSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * Mode 2's derived-topic step against a broker: describe the topics, delete and recreate them with
 * the partitions and configs they had, and check they came back the same. Any Kafka failure is a
 * {@link ServiceUnavailableException} naming the broker.
 */
public final class TopicRecreation implements AutoCloseable {
    /**
     * Placeholder settings (one partition, replication factor 3, 35 days' retention) for the
     * commands printed when no broker was asked for the real ones; oncall uses what {@code
     * --describe} prints instead.
     */
    private static final TopicSpec USUAL =
            new TopicSpec("<topic>", 1, (short) 3, Map.of("retention.ms", "3024000000"));

    private final String bootstrap;
    private final Properties clientProperties;
    private final Admin admin;
    private final TopicRecreator recreator;

    private TopicRecreation(String bootstrap, Properties clientProperties, Admin admin) {
        this.bootstrap = bootstrap;
        this.clientProperties = clientProperties;
        this.admin = admin;
        this.recreator = new TopicRecreator(admin, Duration.ofSeconds(60));
    }

    /** The topics with placeholder settings, for commands printed without asking a broker. */
    public static List<TopicSpec> templates(List<String> topics) {
        return topics.stream()
                .map(
                        t ->
                                new TopicSpec(
                                        t,
                                        USUAL.partitions(),
                                        USUAL.replicationFactor(),
                                        USUAL.configs()))
                .toList();
    }

    /**
     * A client of {@code bootstrap} with the client properties of {@code kafka}.
     *
     * @throws BadInputException if the client properties file cannot be read
     */
    public static TopicRecreation connect(KafkaConnection kafka, String bootstrap) {
        Properties p = kafka.clientProperties(bootstrap);
        p.putIfAbsent(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "30000");
        p.putIfAbsent(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "60000");
        try {
            return new TopicRecreation(bootstrap, p, Admin.create(p));
        } catch (RuntimeException e) {
            throw failed(bootstrap, p, e);
        }
    }

    /** The topics as the broker reports them. */
    public List<TopicSpec> describe(List<String> topics) {
        List<TopicSpec> specs = new ArrayList<>();
        for (String t : topics) {
            specs.add(call(() -> recreator.describe(t)));
        }
        return specs;
    }

    /**
     * Deletes and recreates the topic as {@code spec}, then describes it again.
     *
     * @throws Refusal (check failed) if it did not come back the same
     */
    public void recreate(TopicSpec spec) {
        call(
                () -> {
                    recreator.recreate(spec);
                    return null;
                });
        Gates.topicRecreatedAsBefore(spec, call(() -> recreator.describe(spec.name())));
    }

    @Override
    public void close() {
        admin.close();
    }

    /** One AdminClient round trip, which may block and fail like any Kafka call. */
    private interface KafkaCall<T> {
        T run() throws Exception;
    }

    private <T> T call(KafkaCall<T> c) {
        try {
            return c.run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceUnavailableException("interrupted while talking to Kafka", e);
        } catch (Exception e) {
            throw failed(e);
        }
    }

    private ServiceUnavailableException failed(Exception e) {
        return failed(bootstrap, clientProperties, e);
    }

    private static ServiceUnavailableException failed(
            String bootstrap, Properties clientProperties, Exception e) {
        return new ServiceUnavailableException(
                KafkaConnection.failure(bootstrap, clientProperties, e), e);
    }
}
