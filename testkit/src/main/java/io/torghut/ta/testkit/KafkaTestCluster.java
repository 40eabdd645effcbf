package io.torghut.ta.testkit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * A real single-node Kafka cluster (KRaft, combined broker + controller) in process, with helpers
 * to create topics and to produce and read string records.
 *
 * <p>Internal topics use replication factor 1 and the group rebalance delay is zero, so consumer
 * groups (and Flink's Kafka source) start at once. Records are kept whatever their age.
 *
 * <p>The broker has two client listeners, as a Strimzi broker has: {@link #bootstrapServers()} is
 * PLAINTEXT, the listener the tests' own clients and the broker itself use (it stands for Strimzi's
 * internal replication listener, which the operators and brokers reach with their own
 * certificates); {@link #scramBootstrapServers()} is {@code SASL_PLAINTEXT} with {@code
 * SCRAM-SHA-512} only, as production's {@code kafka-kafka-bootstrap:9092} listener with {@code
 * authentication: scram-sha-512}. Its users are created as Strimzi's user operator creates a {@code
 * KafkaUser}'s: {@link #setScramCredential} ({@code Admin.alterUserScramCredentials},
 * SCRAM-SHA-512, {@value #SCRAM_ITERATIONS} iterations).
 */
public final class KafkaTestCluster implements AutoCloseable {
    /** The SASL mechanism of the SCRAM listener, production's. */
    public static final String SCRAM_MECHANISM = "SCRAM-SHA-512";

    /** Iterations of a SCRAM credential, as Strimzi's user operator sets them. */
    public static final int SCRAM_ITERATIONS = 4096;

    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(120);

    private final KafkaClusterTestKit cluster;
    private final int scramPort;
    private volatile boolean brokerRestarted;

    private KafkaTestCluster(KafkaClusterTestKit cluster, int scramPort) {
        this.cluster = cluster;
        this.scramPort = scramPort;
    }

    /**
     * Formats and starts a cluster whose logs live under {@code baseDir}.
     *
     * @param baseDir directory owned by the caller (e.g. a JUnit {@code @TempDir})
     */
    public static KafkaTestCluster start(Path baseDir) {
        Objects.requireNonNull(baseDir, "baseDir");
        KafkaClusterTestKit cluster = null;
        try {
            Files.createDirectories(baseDir);
            // The test kit binds its own listeners to ports it picks first and keeps them across
            // a broker restart; the SCRAM listener is ours, so it gets a fixed port for the same.
            int scramPort = FreePorts.freePort();
            TestKitNodes nodes =
                    new TestKitNodes.Builder()
                            .setCombined(true)
                            .setNumBrokerNodes(1)
                            .setNumControllerNodes(1)
                            .setBaseDirectory(baseDir)
                            .build();
            cluster =
                    new KafkaClusterTestKit.Builder(nodes)
                            .setConfigProp("offsets.topic.replication.factor", "1")
                            .setConfigProp("offsets.topic.num.partitions", "1")
                            .setConfigProp("transaction.state.log.replication.factor", "1")
                            .setConfigProp("transaction.state.log.min.isr", "1")
                            .setConfigProp("group.initial.rebalance.delay.ms", "0")
                            // Test tapes carry event times months old, and so do the job's
                            // output records (their timestamp is the event time): time-based
                            // retention would delete them mid-test.
                            .setConfigProp("log.retention.ms", "-1")
                            .setConfigProp(
                                    "listeners",
                                    "EXTERNAL://localhost:0,CONTROLLER://localhost:0,SCRAM://localhost:"
                                            + scramPort)
                            .setConfigProp(
                                    "listener.security.protocol.map",
                                    "EXTERNAL:PLAINTEXT,CONTROLLER:PLAINTEXT,SCRAM:SASL_PLAINTEXT")
                            .setConfigProp(
                                    "listener.name.scram.sasl.enabled.mechanisms", SCRAM_MECHANISM)
                            // As Strimzi configures a scram-sha-512 listener: the server side
                            // needs a login module and no options; credentials come from the
                            // cluster's metadata.
                            .setConfigProp(
                                    "listener.name.scram.scram-sha-512.sasl.jaas.config",
                                    "org.apache.kafka.common.security.scram.ScramLoginModule"
                                            + " required;")
                            .build();
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
            return new KafkaTestCluster(cluster, scramPort);
        } catch (Exception e) {
            if (cluster != null) {
                try {
                    cluster.close();
                } catch (Exception suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw new IllegalStateException("Kafka KRaft test cluster did not start", e);
        }
    }

    /** Bootstrap servers for clients, e.g. {@code localhost:40123}. */
    public String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    /** Base client properties (bootstrap servers and security settings) for any Kafka client. */
    public Properties clientProperties() {
        return cluster.clientProperties();
    }

    /** Bootstrap servers of the SCRAM-SHA-512 listener, e.g. {@code localhost:40125}. */
    public String scramBootstrapServers() {
        return "localhost:" + scramPort;
    }

    /** Client properties of a SCRAM-SHA-512 user on the SCRAM listener. */
    public Properties scramClientProperties(String user, String password) {
        Properties p = new Properties();
        p.put("bootstrap.servers", scramBootstrapServers());
        p.put("security.protocol", "SASL_PLAINTEXT");
        p.put("sasl.mechanism", SCRAM_MECHANISM);
        p.put(
                "sasl.jaas.config",
                "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
                        + user
                        + "\" password=\""
                        + password
                        + "\";");
        return p;
    }

    /**
     * Creates a SCRAM-SHA-512 user or gives it a new password, as Strimzi's user operator does for
     * a {@code KafkaUser} (and on a password rotation), and waits until the SCRAM listener accepts
     * the new password: the credential reaches the broker through the cluster's metadata, a moment
     * after the controller has it. Existing connections stay authenticated, as in production.
     */
    public void setScramCredential(String user, String password) {
        try (Admin admin = Admin.create(clientProperties())) {
            admin.alterUserScramCredentials(
                            List.of(
                                    new UserScramCredentialUpsertion(
                                            user,
                                            new ScramCredentialInfo(
                                                    ScramMechanism.SCRAM_SHA_512, SCRAM_ITERATIONS),
                                            password)))
                    .all()
                    .get(ADMIN_TIMEOUT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not set the SCRAM credential of " + user, e);
        }
        Await.until(
                "the SCRAM listener to accept the new password of " + user,
                ADMIN_TIMEOUT,
                () -> scramLoginSucceeds(user, password));
    }

    /**
     * Whether a SCRAM-SHA-512 login as {@code user} with {@code password} succeeds on the SCRAM
     * listener now (a cluster description within a few seconds); false when it is refused.
     */
    public boolean scramLoginSucceeds(String user, String password) {
        Properties p = scramClientProperties(user, password);
        p.put("default.api.timeout.ms", "5000");
        p.put("request.timeout.ms", "5000");
        try (Admin admin = Admin.create(p)) {
            admin.describeCluster().nodes().get(10, java.util.concurrent.TimeUnit.SECONDS);
            return true;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof org.apache.kafka.common.errors.AuthenticationException) {
                return false;
            }
            throw new IllegalStateException("SCRAM listener did not answer", e.getCause());
        } catch (Exception e) {
            throw new IllegalStateException("SCRAM listener did not answer", e);
        }
    }

    /** Creates a topic with replication factor 1 and waits until it exists. */
    public void createTopic(String name, int partitions, Map<String, String> configs) {
        NewTopic topic = new NewTopic(name, partitions, (short) 1).configs(configs);
        try (Admin admin = Admin.create(clientProperties())) {
            admin.createTopics(List.of(topic))
                    .all()
                    .get(ADMIN_TIMEOUT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not create topic " + name, e);
        }
    }

    /** Creates a topic with no extra configs. */
    public void createTopic(String name, int partitions) {
        createTopic(name, partitions, Map.of());
    }

    /** Sends one record to the partition the default partitioner picks for its key. */
    public void produce(String topic, String key, String value) {
        produce(List.of(new ProducerRecord<>(topic, key, value)));
    }

    /** Sends one record to an explicit partition with an explicit timestamp (ms since epoch). */
    public void produce(String topic, String key, String value, int partition, long timestamp) {
        produce(List.of(new ProducerRecord<>(topic, partition, timestamp, key, value)));
    }

    /**
     * Sends records in bulk, waiting until every one is acknowledged (acks=all, idempotent), so the
     * order within a partition is the order given.
     */
    public void produce(Collection<ProducerRecord<String, String>> records) {
        Properties props = clientProperties();
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        if (brokerRestarted) {
            // The test kit's in-process broker, once restarted, hands out producer ids it had
            // given out before (a new producer got id 1000 again and its first batch was refused
            // as out of sequence). Keep order with one request in flight instead.
            props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "false");
            props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "1");
        } else {
            props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        }
        props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            List<Future<RecordMetadata>> acks = new ArrayList<>(records.size());
            for (ProducerRecord<String, String> record : records) {
                acks.add(producer.send(record));
            }
            producer.flush();
            for (Future<RecordMetadata> ack : acks) {
                ack.get();
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("produce failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while producing", e);
        }
    }

    /**
     * Waits until a topic holds at least {@code expectedCount} records (read committed) and returns
     * every record; fails after {@code timeout}, naming how many records there were.
     */
    public List<ReceivedRecord> consumeAll(String topic, int expectedCount, Duration timeout) {
        try {
            return Await.value(
                    expectedCount + " records on " + topic,
                    timeout,
                    () -> readToEnd(topic, true),
                    records -> records.size() >= expectedCount);
        } catch (AssertionError e) {
            throw new AssertionError(
                    "expected "
                            + expectedCount
                            + " records on "
                            + topic
                            + " within "
                            + timeout
                            + " but got "
                            + readToEnd(topic, true).size(),
                    e);
        }
    }

    /** {@link #readToEnd(String, boolean)} of every record, committed or not. */
    public List<ReceivedRecord> readToEnd(String topic) {
        return readToEnd(topic, false);
    }

    /**
     * Every record of a topic from the beginning up to the end offsets taken first (no consumer
     * group): unlike reading until idle, a slow first fetch on a loaded machine cannot make it
     * return too few. With {@code committedOnly}, reads with {@code isolation.level=
     * read_committed}, where the end offsets are the last stable offsets.
     */
    public List<ReceivedRecord> readToEnd(String topic, boolean committedOnly) {
        List<ReceivedRecord> out = new ArrayList<>();
        readToEnd(
                topic,
                committedOnly,
                new StringDeserializer(),
                r ->
                        out.add(
                                new ReceivedRecord(
                                        r.key(),
                                        r.value(),
                                        r.partition(),
                                        r.offset(),
                                        r.timestamp())));
        return out;
    }

    /** Like {@link #readToEnd(String, boolean)}, handing each record to {@code each} as read. */
    public <T> void readToEnd(
            String topic,
            boolean committedOnly,
            Deserializer<T> deserializer,
            Consumer<ConsumerRecord<T, T>> each) {
        Properties props = clientProperties();
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, Integer.toString(8 << 20));
        if (committedOnly) {
            props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        }
        try (KafkaConsumer<T, T> consumer =
                new KafkaConsumer<>(props, deserializer, deserializer)) {
            List<TopicPartition> partitions =
                    consumer.partitionsFor(topic, ADMIN_TIMEOUT).stream()
                            .map(p -> new TopicPartition(p.topic(), p.partition()))
                            .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, ADMIN_TIMEOUT);
            long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError(
                            "could not read " + topic + " to its end within " + READ_TIMEOUT);
                }
                for (ConsumerRecord<T, T> r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.offset() < end.get(new TopicPartition(r.topic(), r.partition()))) {
                        each.accept(r);
                    }
                }
            }
        }
    }

    /**
     * Stops the broker (the KRaft controller keeps running), as a broker pod restart does. Clients
     * see their connections refused until {@link #startBroker()}.
     */
    public void stopBroker() {
        for (kafka.server.BrokerServer broker : cluster.brokers().values()) {
            broker.shutdown();
            broker.awaitShutdown();
        }
    }

    /**
     * Starts the stopped broker again on its original port and log directory and waits until it
     * serves: the test kit binds the listener to the port it first chose, so bootstrap addresses
     * that clients hold stay valid.
     */
    public void startBroker() {
        for (kafka.server.BrokerServer broker : cluster.brokers().values()) {
            broker.startup();
        }
        brokerRestarted = true;
        try {
            cluster.waitForReadyBrokers();
        } catch (Exception e) {
            throw new IllegalStateException("Kafka broker did not come back", e);
        }
    }

    /** Shuts the cluster down; its directory belongs to the caller. */
    @Override
    public void close() {
        try {
            cluster.close();
        } catch (Exception e) {
            throw new IllegalStateException("Kafka test cluster did not close cleanly", e);
        }
    }

    /** One record as read back: key, value and where it was stored. */
    public record ReceivedRecord(
            String key, String value, int partition, long offset, long timestamp) {}
}
