package io.torghut.ta.job.sinks;

import io.torghut.ta.core.bars.Bar;
import io.torghut.ta.core.signals.SignalRow;
import io.torghut.ta.job.config.TaConfig;
import io.torghut.ta.job.model.DeadLetter;
import io.torghut.ta.job.sources.KafkaSources;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.util.function.SerializableFunction;

/**
 * The Kafka sinks: key = symbol (status: "ta"), JSON values. At-least-once by default with
 * idempotent producers; EXACTLY_ONCE uses transactional ids {@code <clientId>-<output>}.
 */
public final class KafkaSinks {
    /** Producer batch size per partition. */
    static final int BATCH_BYTES = 256 * 1024;

    private KafkaSinks() {}

    /** The 1 s bar sink. */
    public static KafkaSink<Bar> bars(TaConfig c) {
        return sink(c, c.microbarsTopic, "microbars", Bar::symbol, OutputFormats::barJson);
    }

    /** The signal sink. */
    public static KafkaSink<SignalRow> signals(TaConfig c) {
        return sink(c, c.signalsTopic, "signals", SignalRow::symbol, OutputFormats::signalJson);
    }

    /** The status heartbeat sink. */
    public static KafkaSink<String> status(TaConfig c) {
        return sink(c, c.statusTopic, "status", s -> "ta", s -> s.getBytes(StandardCharsets.UTF_8));
    }

    /** The dead-letter sink. */
    public static KafkaSink<DeadLetter> deadLetters(TaConfig c) {
        return sink(
                c, c.deadLetterTopic, "deadletters", d -> d.input, OutputFormats::deadLetterJson);
    }

    /**
     * What a sink of {@code output} is built with: its producer properties (security, acks,
     * idempotence, compression, batch size, client id, and for EXACTLY_ONCE the transaction
     * timeout), its delivery guarantee and, for EXACTLY_ONCE, its transactional-id prefix.
     */
    record Settings(
            Properties producer, DeliveryGuarantee guarantee, String transactionalIdPrefix) {}

    /** The settings of the sink of {@code output} under configuration {@code c}. */
    static Settings settings(TaConfig c, String output) {
        Properties props = KafkaSources.securityProperties(c);
        props.setProperty("acks", "all");
        props.setProperty("enable.idempotence", "true");
        props.setProperty("compression.type", "lz4");
        // Replays write 1 s bars and signals as fast as they read trades: larger batches (the
        // client's default is 16 KB, about 30 signal rows) mean fewer requests and better
        // compression; linger stays at the client's 5 ms default, so live latency is unchanged.
        props.setProperty("batch.size", Integer.toString(BATCH_BYTES));
        props.setProperty("client.id", c.clientId + "-" + output);
        DeliveryGuarantee guarantee = DeliveryGuarantee.valueOf(c.delivery.name());
        String prefix = null;
        if (guarantee == DeliveryGuarantee.EXACTLY_ONCE) {
            prefix = c.clientId + "-" + output;
            props.setProperty("transaction.timeout.ms", Long.toString(c.transactionTimeoutMs));
        }
        return new Settings(props, guarantee, prefix);
    }

    private static <T> KafkaSink<T> sink(
            TaConfig c,
            String topic,
            String output,
            SerializableFunction<T, String> key,
            SerializableFunction<T, byte[]> value) {
        Settings settings = settings(c, output);
        var builder =
                KafkaSink.<T>builder()
                        .setBootstrapServers(c.kafkaBootstrap)
                        .setKafkaProducerConfig(settings.producer())
                        .setDeliveryGuarantee(settings.guarantee())
                        .setRecordSerializer(new KafkaRowSerializer<>(topic, key, value));
        if (settings.transactionalIdPrefix() != null) {
            builder.setTransactionalIdPrefix(settings.transactionalIdPrefix());
        }
        return builder.build();
    }
}
