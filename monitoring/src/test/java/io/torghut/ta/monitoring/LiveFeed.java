package io.torghut.ta.monitoring;

import io.torghut.ta.local.EnvelopeWriter;
import io.torghut.ta.testkit.JobScenario;
import io.torghut.ta.testkit.JobScenario.Topic;
import io.torghut.ta.testkit.KafkaTestCluster;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Market data as it arrives in production, for a job that must look live to Prometheus: every
 * {@link #TICK_MS} one trade and one quote per symbol, timestamped now, a malformed trade now and
 * then (so the refusal counters move), and a final 1 min bar per symbol each minute. The tape of a
 * {@link JobScenario} cannot serve here: its event times are fixed in the past, so the job's
 * freshness gauge would read stale from the first signal on.
 *
 * <p>{@link #pause()} stops the input as a broken upstream forwarder would; {@link #resume()}
 * restarts it. Symbol {@code i} always goes to partition {@code i mod partitions}, as a keyed
 * producer keeps a symbol on one partition.
 */
final class LiveFeed implements AutoCloseable {
    /** The pause between two rounds of records. */
    static final long TICK_MS = 200;

    /** One malformed trade every this many rounds. */
    private static final int MALFORMED_EVERY = 25;

    private final JobScenario scenario;
    private final List<String> symbols;
    private final KafkaProducer<String, String> producer;
    private final EnvelopeWriter json = new EnvelopeWriter();
    private final Thread thread;
    private final AtomicLong rounds = new AtomicLong();
    private volatile boolean paused;
    private volatile boolean closed;
    private volatile RuntimeException failure;
    private long seq;
    private long lastMinute = Long.MIN_VALUE;

    LiveFeed(JobScenario scenario, KafkaTestCluster kafka, List<String> symbols) {
        this.scenario = scenario;
        this.symbols = List.copyOf(symbols);
        Properties props = kafka.clientProperties();
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        this.producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
        this.thread = new Thread(this::run, "live-feed-" + scenario.name());
        thread.setDaemon(true);
    }

    /** Starts producing. */
    LiveFeed start() {
        thread.start();
        return this;
    }

    /** Stops producing until {@link #resume()}. */
    void pause() {
        paused = true;
    }

    /** Produces again. */
    void resume() {
        paused = false;
    }

    /** Rounds produced so far; fails if the producer thread failed. */
    long rounds() {
        if (failure != null) {
            throw failure;
        }
        return rounds.get();
    }

    private void run() {
        try {
            while (!closed) {
                if (!paused) {
                    round(System.currentTimeMillis());
                    rounds.incrementAndGet();
                }
                Thread.sleep(TICK_MS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            failure = e;
        }
    }

    private void round(long now) {
        long minute = now - Math.floorMod(now, 60_000L);
        boolean newMinute = lastMinute != Long.MIN_VALUE && minute != lastMinute;
        for (int i = 0; i < symbols.size(); i++) {
            String symbol = symbols.get(i);
            int partition = i % scenario.partitions();
            double price = 100 + i + Math.sin(now / 10_000.0);
            seq++;
            send(
                    Topic.TRADES,
                    partition,
                    now,
                    symbol,
                    json.trade(symbol, seq, now, now, price, 10));
            send(
                    Topic.QUOTES,
                    partition,
                    now,
                    symbol,
                    json.quote(symbol, seq, now, now, price - 0.01, 5, price + 0.01, 5));
            if (newMinute) {
                send(
                        Topic.BARS1M,
                        partition,
                        now,
                        symbol,
                        json.minuteBar(
                                symbol,
                                seq,
                                lastMinute,
                                now,
                                true,
                                price,
                                price,
                                price,
                                price,
                                10,
                                price,
                                1));
            }
        }
        if (rounds.get() % MALFORMED_EVERY == 0) {
            send(Topic.TRADES, 0, now, symbols.get(0), "{not json");
        }
        lastMinute = minute;
        producer.flush();
    }

    private void send(Topic topic, int partition, long timestamp, String key, String value) {
        producer.send(
                new ProducerRecord<>(scenario.topic(topic), partition, timestamp, key, value));
    }

    @Override
    public void close() throws InterruptedException {
        closed = true;
        thread.join(5_000);
        producer.close();
    }
}
