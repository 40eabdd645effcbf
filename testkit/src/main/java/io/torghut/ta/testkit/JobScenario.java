package io.torghut.ta.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.torghut.ta.job.clickhouse.TaTable;
import io.torghut.ta.job.clickhouse.TaTables;
import io.torghut.ta.job.config.TaConfig;
import io.torghut.ta.job.config.TaConfigKey;
import io.torghut.ta.local.EnvelopeWriter;
import io.torghut.ta.local.TapeGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * One scenario of the job on a {@link TestPlatform}: its input and output topics, a seeded tape fed
 * in by arrival time (whole, in slices, or by a filter), the closing sentinels, the job's {@code
 * TA_*} environment for these servers, and the comparison of everything the job wrote with the
 * {@link Reference} of the tape (the failure-free result).
 *
 * <p>Everything a scenario creates carries its name: topics {@code <name>.in.trades} ..., the state
 * directory {@code s3a://ckpt/<name>/<group>}, the ClickHouse database {@code <name>} (as an
 * identifier), so scenarios share a platform's servers without seeing each other.
 */
public final class JobScenario {
    /** The scenario's topics, by role. */
    public enum Topic {
        TRADES("in.trades"),
        QUOTES("in.quotes"),
        BARS1M("in.bars1m"),
        BARS("out.bars"),
        SIGNALS("out.signals"),
        STATUS("out.status"),
        DEAD_LETTERS("out.dlq");

        private final String suffix;

        Topic(String suffix) {
            this.suffix = suffix;
        }

        /** An input of the job. */
        public boolean isInput() {
            return suffix.startsWith("in.");
        }
    }

    /** The symbol of the closing sentinels; rows of it are left out of every comparison. */
    public static final String SENTINEL = "FLUSH";

    private final TestPlatform platform;
    private final String name;
    private final TapeGenerator.Tape tape;
    private final long tapeStart;
    private final int partitions;
    private final boolean withClickHouse;
    private final long firstArrival;
    private final long lastArrival;

    private JobScenario(Builder b) {
        this.platform = b.platform;
        this.name = b.name;
        this.tape = b.tape;
        this.tapeStart = b.tapeStart;
        this.partitions = b.partitions;
        this.withClickHouse = b.clickhouse;
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (List<TapeGenerator.Line> lines : inputs().values()) {
            for (TapeGenerator.Line l : lines) {
                min = Math.min(min, l.arrivalMs());
                max = Math.max(max, l.arrivalMs());
            }
        }
        this.firstArrival = min;
        this.lastArrival = max;
    }

    /** Settings of a scenario; {@link #build()} validates them and creates the topics. */
    public static final class Builder {
        private final TestPlatform platform;
        private final String name;
        private TapeGenerator.Tape tape;
        private long tapeStart;
        private int partitions = 2;
        private boolean clickhouse;

        Builder(TestPlatform platform, String name) {
            this.platform = Objects.requireNonNull(platform, "platform");
            this.name = Objects.requireNonNull(name, "name");
        }

        /** The tape the options generate. */
        public Builder tape(TapeGenerator.Options options) {
            return tape(TapeGenerator.generate(options), options.start());
        }

        /** A tape made by the caller that starts at {@code start}. */
        public Builder tape(TapeGenerator.Tape t, Instant start) {
            this.tape = Objects.requireNonNull(t, "tape");
            this.tapeStart = start.toEpochMilli();
            return this;
        }

        /** Partitions of each input topic (default 2); outputs have one. */
        public Builder partitions(int n) {
            this.partitions = n;
            return this;
        }

        /** The job writes to ClickHouse too (the platform's server, this scenario's database). */
        public Builder withClickHouse() {
            this.clickhouse = true;
            return this;
        }

        /** The scenario, with its topics created (nothing produced yet). */
        public JobScenario build() {
            if (!name.matches("[a-z][a-z0-9-]{0,40}")) {
                throw new IllegalArgumentException(
                        "scenario name '"
                                + name
                                + "' must be lower-case letters, digits and '-' (it names"
                                + " topics, groups and a ClickHouse database)");
            }
            if (tape == null) {
                throw new IllegalArgumentException("scenario " + name + " needs a tape");
            }
            if (partitions < 1) {
                throw new IllegalArgumentException("partitions must be >= 1, got " + partitions);
            }
            JobScenario s = new JobScenario(this);
            for (Topic t : Topic.values()) {
                platform.kafka().createTopic(s.topic(t), t.isInput() ? partitions : 1);
            }
            if (clickhouse) {
                platform.clickhouse();
            }
            return s;
        }
    }

    /**
     * A tape of {@code symbols} symbols {@code S000 ...} trading {@code tradesPerSecond} times a
     * second each for {@code minutes} minutes from the 2026-03-03 open, with the generator's
     * default disorder, late trades, redeliveries and two malformed records of every class per
     * input.
     */
    public static TapeGenerator.Options tape(
            long seed, int symbols, double tradesPerSecond, int minutes) {
        TapeGenerator.Options d = TapeGenerator.Options.defaults();
        List<String> names =
                IntStream.range(0, symbols).mapToObj(i -> String.format("S%03d", i)).toList();
        return new TapeGenerator.Options(
                seed,
                names,
                Instant.parse("2026-03-03T14:30:00Z"),
                minutes,
                tradesPerSecond,
                d.quotesPerSecond(),
                d.maxDelayMs(),
                d.lateFraction(),
                d.lateDelayMs(),
                d.duplicateFraction(),
                d.malformedPerClass());
    }

    /** The scenario's name. */
    public String name() {
        return name;
    }

    /** The platform it runs on. */
    public TestPlatform platform() {
        return platform;
    }

    /** The tape. */
    public TapeGenerator.Tape tape() {
        return tape;
    }

    /** When the tape starts. */
    public long tapeStart() {
        return tapeStart;
    }

    /** Partitions of each input topic. */
    public int partitions() {
        return partitions;
    }

    /** The topic of a role, e.g. {@code <name>.out.bars}. */
    public String topic(Topic t) {
        return name + "." + t.suffix;
    }

    /** The ClickHouse database the job writes to. */
    public String clickhouseDatabase() {
        return name.replace('-', '_');
    }

    /** Where a job of consumer group {@code groupId} keeps its checkpoints and savepoints. */
    public String stateDir(String groupId) {
        return "s3a://" + TestPlatform.BUCKET + "/" + name + "/" + groupId;
    }

    /** The trades on the tape, malformed ones included. */
    public long tradeRecords() {
        return tape.trades().size();
    }

    /**
     * The job's environment for these servers, as the ConfigMap would give it, with {@code groupId}
     * as consumer group and client id: test-sized checkpoint and status intervals, no partition
     * idle by the wall clock (every partition gets the closing sentinels instead), and ClickHouse
     * when the scenario has it.
     */
    public Map<TaConfigKey, String> env(String groupId) {
        Map<TaConfigKey, String> env = new EnumMap<>(TaConfigKey.class);
        env.put(TaConfigKey.TA_KAFKA_BOOTSTRAP, platform.kafka().bootstrapServers());
        env.put(TaConfigKey.TA_KAFKA_SECURITY, "PLAINTEXT");
        env.put(TaConfigKey.TA_TRADES_TOPIC, topic(Topic.TRADES));
        env.put(TaConfigKey.TA_QUOTES_TOPIC, topic(Topic.QUOTES));
        env.put(TaConfigKey.TA_BARS1M_TOPIC, topic(Topic.BARS1M));
        env.put(TaConfigKey.TA_MICROBARS_TOPIC, topic(Topic.BARS));
        env.put(TaConfigKey.TA_SIGNALS_TOPIC, topic(Topic.SIGNALS));
        env.put(TaConfigKey.TA_STATUS_TOPIC, topic(Topic.STATUS));
        env.put(TaConfigKey.TA_DEADLETTER_TOPIC, topic(Topic.DEAD_LETTERS));
        env.put(TaConfigKey.TA_GROUP_ID, groupId);
        env.put(TaConfigKey.TA_CLIENT_ID, groupId);
        env.put(TaConfigKey.TA_AUTO_OFFSET_RESET, "earliest");
        env.put(TaConfigKey.TA_CHECKPOINT_DIR, stateDir(groupId));
        env.put(TaConfigKey.TA_SAVEPOINT_DIR, stateDir(groupId) + "/savepoints");
        env.put(TaConfigKey.TA_CHECKPOINT_INTERVAL_MS, "1000");
        env.put(TaConfigKey.TA_CHECKPOINT_PAUSE_MS, "200");
        env.put(TaConfigKey.TA_STATUS_INTERVAL_MS, "1000");
        // Idleness is judged by the wall clock: on a loaded machine a starved reader would be
        // skipped and its records judged late. Far from it, so only the sentinels close windows.
        env.put(TaConfigKey.TA_WATERMARK_IDLE_TIMEOUT_MS, "3600000");
        if (withClickHouse) {
            ClickHouseServer ch = platform.clickhouse();
            env.put(TaConfigKey.TA_CLICKHOUSE_URL, ch.jdbcUrl(clickhouseDatabase()));
            env.put(TaConfigKey.TA_CLICKHOUSE_USERNAME, platform.clickhouseUser());
            if (platform.clickhousePassword() != null) {
                env.put(TaConfigKey.TA_CLICKHOUSE_PASSWORD, platform.clickhousePassword());
            }
            env.put(TaConfigKey.TA_CLICKHOUSE_CREATE_TABLES, "true");
            env.put(TaConfigKey.TA_CLICKHOUSE_REQUIRE_REPLICATED, "false");
            env.put(TaConfigKey.TA_CLICKHOUSE_BATCH_SIZE, "2000");
            env.put(TaConfigKey.TA_CLICKHOUSE_FLUSH_MS, "200");
            env.put(TaConfigKey.TA_CLICKHOUSE_SCHEMA_INIT_MAX_RETRIES, "10");
            env.put(TaConfigKey.TA_CLICKHOUSE_SCHEMA_INIT_RETRY_DELAY_MS, "500");
        }
        return env;
    }

    /** {@link #env(String)} validated into the job's configuration. */
    public TaConfig config(String groupId) {
        return config(env(groupId));
    }

    /** {@link #env(String)} with {@code overrides} on top (an empty value unsets a key). */
    public TaConfig config(String groupId, Map<TaConfigKey, String> overrides) {
        Map<TaConfigKey, String> env = env(groupId);
        env.putAll(overrides);
        return config(env);
    }

    /** An environment by key validated into the job's configuration. */
    public static TaConfig config(Map<TaConfigKey, String> env) {
        return TaConfig.fromEnv(names(env));
    }

    /** An environment by key as the variables a process sees. */
    public static Map<String, String> names(Map<TaConfigKey, String> env) {
        Map<String, String> out = new HashMap<>();
        env.forEach((k, v) -> out.put(k.name(), v));
        return out;
    }

    private Map<Topic, List<TapeGenerator.Line>> inputs() {
        Map<Topic, List<TapeGenerator.Line>> m = new LinkedHashMap<>();
        m.put(Topic.TRADES, tape.trades());
        m.put(Topic.QUOTES, tape.quotes());
        m.put(Topic.BARS1M, tape.bars1m());
        return m;
    }

    /**
     * Produces the tape lines that {@code which} accepts, every input in arrival order, each symbol
     * to partition hash(symbol) mod partitions, with the arrival time as the record's timestamp.
     */
    public void produce(Predicate<TapeGenerator.Line> which) {
        inputs().forEach(
                        (topic, lines) -> {
                            List<ProducerRecord<String, String>> records = new ArrayList<>();
                            for (TapeGenerator.Line l : lines) {
                                if (which.test(l)) {
                                    records.add(
                                            new ProducerRecord<>(
                                                    topic(topic),
                                                    Math.floorMod(l.key().hashCode(), partitions),
                                                    l.arrivalMs(),
                                                    l.key(),
                                                    l.value()));
                                }
                            }
                            platform.kafka().produce(records);
                        });
    }

    /** Produces the whole tape. */
    public void produceAll() {
        produce(l -> true);
    }

    /** Produces the lines whose arrival falls in slice {@code i} of {@code n}. */
    public void produceSlice(int i, int n) {
        long span = lastArrival - firstArrival + 1;
        long from = firstArrival + span * i / n;
        long to = i == n - 1 ? Long.MAX_VALUE : firstArrival + span * (i + 1) / n;
        produce(l -> l.arrivalMs() >= from && l.arrivalMs() < to);
    }

    /** Produces slices {@code from} to {@code to} (exclusive) of {@code n}, pausing after each. */
    public void produceSlices(int from, int to, int n, Duration pause) {
        for (int i = from; i < to; i++) {
            produceSlice(i, n);
            Await.sleep(pause);
        }
    }

    /**
     * One record six hours after the tape on every input partition: moves every watermark past the
     * tape's end, so every window closes, as the end of a bounded input does. Its own outputs
     * (symbol {@value #SENTINEL}) are left out of every comparison.
     */
    public void produceSentinels() {
        long far = tapeStart + 6 * 3_600_000L;
        EnvelopeWriter json = new EnvelopeWriter();
        List<ProducerRecord<String, String>> out = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            out.add(
                    new ProducerRecord<>(
                            topic(Topic.TRADES),
                            p,
                            far,
                            SENTINEL,
                            json.trade(SENTINEL, p, far, far, 1.0, 1.0)));
            out.add(
                    new ProducerRecord<>(
                            topic(Topic.QUOTES),
                            p,
                            far,
                            SENTINEL,
                            json.quote(SENTINEL, p, far, far, 1.0, 1, 1.01, 1)));
            out.add(
                    new ProducerRecord<>(
                            topic(Topic.BARS1M),
                            p,
                            far,
                            SENTINEL,
                            json.minuteBar(
                                    SENTINEL, p, far - 60_000, far, true, 1, 1, 1, 1, 1, 1, 1)));
        }
        platform.kafka().produce(out);
    }

    /** Every record of a topic up to its end; committed transactions only if asked. */
    public List<KafkaTestCluster.ReceivedRecord> read(Topic topic, boolean committedOnly) {
        return platform.kafka().readToEnd(topic(topic), committedOnly);
    }

    /** How many records an output topic holds now. */
    public long records(Topic topic) {
        return read(topic, false).size();
    }

    /** The output rows of a topic as {@link OutputRows}, sentinel rows left out, in topic order. */
    public List<List<String>> kafkaRows(Topic topic, TaTable table, boolean committedOnly) {
        return kafkaRows(topic(topic), table, committedOnly);
    }

    /** Like {@link #kafkaRows(Topic, TaTable, boolean)} for any output topic by name. */
    public List<List<String>> kafkaRows(String topic, TaTable table, boolean committedOnly) {
        List<List<String>> rows = new ArrayList<>();
        for (var r : platform.kafka().readToEnd(topic, committedOnly)) {
            List<String> row = OutputRows.fromJson(table, r.value(), false);
            if (!row.get(0).equals(SENTINEL)) {
                rows.add(row);
            }
        }
        return rows;
    }

    /** The last row per identity of an output topic, sentinel rows left out. */
    public Map<String, List<String>> kafkaRowsByIdentity(Topic topic, TaTable table) {
        return kafkaRowsByIdentity(topic(topic), table);
    }

    /** Like {@link #kafkaRowsByIdentity(Topic, TaTable)} for any output topic by name. */
    public Map<String, List<String>> kafkaRowsByIdentity(String topic, TaTable table) {
        return OutputRows.byIdentity(table, kafkaRows(topic, table, false));
    }

    /** A ClickHouse table under FINAL as {@link OutputRows}, sentinel rows left out. */
    public List<List<String>> clickhouseRows(TaTable table) {
        List<List<String>> rows = new ArrayList<>();
        for (List<String> r :
                platform.clickhouse()
                        .queryStrings(
                                "SELECT "
                                        + OutputRows.selectList(table)
                                        + " FROM "
                                        + qualified(table)
                                        + " FINAL WHERE symbol != '"
                                        + SENTINEL
                                        + "'")) {
            rows.add(OutputRows.fromClickHouse(table, r));
        }
        return rows;
    }

    /** Rows of a ClickHouse table under FINAL, sentinel rows left out. */
    public long clickhouseCount(TaTable table) {
        return Long.parseLong(
                platform.clickhouse()
                        .queryStrings(
                                "SELECT count() FROM "
                                        + qualified(table)
                                        + " FINAL WHERE symbol != '"
                                        + SENTINEL
                                        + "'")
                        .get(0)
                        .get(0));
    }

    /** {@code <database>.<table>} of this scenario. */
    public String qualified(TaTable table) {
        return clickhouseDatabase() + "." + table.name();
    }

    /** The reference's 1 s bar rows (the failure-free result), by identity. */
    public Map<String, List<String>> expectedBars(boolean secondsOnly) {
        return Reference.barRows(tape, secondsOnly);
    }

    /** The reference's signal rows for {@code config}, by identity. */
    public Map<String, List<String>> expectedSignals(TaConfig config, boolean secondsOnly) {
        return Reference.signalRows(tape, config, secondsOnly);
    }

    /** The malformed records on the tape, every input together. */
    public int malformedRecords() {
        return tape.malformed().values().stream()
                .flatMap(m -> m.values().stream())
                .mapToInt(Integer::intValue)
                .sum();
    }

    /**
     * Waits until the Kafka outputs (last row per identity) equal the reference and, with
     * ClickHouse, both tables hold as many identities under FINAL as the reference.
     */
    public void awaitComplete(TaConfig config, boolean committedOnly, Duration timeout) {
        Map<String, List<String>> bars = expectedBars(false);
        Map<String, List<String>> signals = expectedSignals(config, false);
        Await.until(
                "the outputs to reach the reference ("
                        + bars.size()
                        + " bar and "
                        + signals.size()
                        + " signal identities)",
                timeout,
                () ->
                        OutputRows.byIdentity(
                                                TaTables.MICROBARS,
                                                kafkaRows(
                                                        Topic.BARS,
                                                        TaTables.MICROBARS,
                                                        committedOnly))
                                        .equals(bars)
                                && OutputRows.byIdentity(
                                                TaTables.SIGNALS,
                                                kafkaRows(
                                                        Topic.SIGNALS,
                                                        TaTables.SIGNALS,
                                                        committedOnly))
                                        .equals(signals)
                                && (!withClickHouse
                                        || (clickhouseCount(TaTables.MICROBARS) == bars.size()
                                                && clickhouseCount(TaTables.SIGNALS)
                                                        == signals.size())));
    }

    /** What {@link #assertKafkaOutput} found. */
    public record KafkaCheck(int rows, int identities, int exactCopies) {}

    /**
     * Asserts an output topic holds every expected identity with the expected final row, no other
     * identity, and repeats only as exact copies of a row already written (none at all when {@code
     * noCopies}). The 1 min lane's rows may be revised in a failure-free run too, so a revision (a
     * different row for the same identity) is allowed there only.
     */
    public KafkaCheck assertKafkaOutput(
            Topic topic,
            TaTable table,
            Map<String, List<String>> expected,
            boolean committedOnly,
            boolean noCopies) {
        List<List<String>> rows = kafkaRows(topic, table, committedOnly);
        Map<String, List<List<String>>> byIdentity = new TreeMap<>();
        for (List<String> r : rows) {
            String id = OutputRows.byIdentity(table, List.of(r)).keySet().iterator().next();
            byIdentity.computeIfAbsent(id, k -> new ArrayList<>()).add(r);
        }
        int copies = 0;
        List<String> revisedOutsideMinuteLane = new ArrayList<>();
        for (Map.Entry<String, List<List<String>>> e : byIdentity.entrySet()) {
            List<List<String>> versions = e.getValue();
            long distinct = versions.stream().distinct().count();
            copies += versions.size() - (int) distinct;
            if (distinct > 1 && !e.getKey().contains("|PT1M|")) {
                revisedOutsideMinuteLane.add(e.getKey() + " " + versions);
            }
        }
        assertThat(revisedOutsideMinuteLane)
                .as("%s: identities with two different rows", topic(topic))
                .isEmpty();
        if (noCopies) {
            assertThat(copies).as("%s: rows written twice", topic(topic)).isZero();
        }
        Diff.assertSameRows(
                OutputRows.byIdentity(table, rows),
                expected,
                topic(topic) + " (last row per identity)");
        return new KafkaCheck(rows.size(), byIdentity.size(), copies);
    }

    /** What {@link #assertKafkaOutputs} found on the bars and the signals topic. */
    public record KafkaChecks(KafkaCheck bars, KafkaCheck signals) {}

    /** {@link #assertKafkaOutput} on both output topics against the reference of {@code config}. */
    public KafkaChecks assertKafkaOutputs(
            TaConfig config, boolean committedOnly, boolean noCopies) {
        return new KafkaChecks(
                assertKafkaOutput(
                        Topic.BARS,
                        TaTables.MICROBARS,
                        expectedBars(false),
                        committedOnly,
                        noCopies),
                assertKafkaOutput(
                        Topic.SIGNALS,
                        TaTables.SIGNALS,
                        expectedSignals(config, false),
                        committedOnly,
                        noCopies));
    }

    /** Asserts both ClickHouse tables under FINAL equal the reference (one row per identity). */
    public void assertClickHouseOutput(TaConfig config) {
        List<List<String>> bars = clickhouseRows(TaTables.MICROBARS);
        List<List<String>> signals = clickhouseRows(TaTables.SIGNALS);
        assertThat(OutputRows.byIdentity(TaTables.MICROBARS, bars)).hasSize(bars.size());
        assertThat(OutputRows.byIdentity(TaTables.SIGNALS, signals)).hasSize(signals.size());
        Diff.assertSameRows(
                OutputRows.byIdentity(TaTables.MICROBARS, bars),
                expectedBars(true),
                "ClickHouse " + qualified(TaTables.MICROBARS) + " FINAL");
        Diff.assertSameRows(
                OutputRows.byIdentity(TaTables.SIGNALS, signals),
                expectedSignals(config, true),
                "ClickHouse " + qualified(TaTables.SIGNALS) + " FINAL");
    }

    /** Sets a consumer group's committed offset on every input partition. */
    public void commitOffsets(String groupId, long offset) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (TopicPartition tp : inputPartitions()) {
            offsets.put(tp, new OffsetAndMetadata(offset));
        }
        try (Admin admin = Admin.create(platform.kafka().clientProperties())) {
            admin.alterConsumerGroupOffsets(groupId, offsets).all().get();
        } catch (Exception e) {
            throw new IllegalStateException("cannot commit offsets of " + groupId, e);
        }
    }

    /**
     * The input partitions where {@code groupId}'s committed offset (committed on checkpoints) is
     * behind the end, with how far; empty when the group consumed and checkpointed everything.
     */
    public Map<TopicPartition, Long> lag(String groupId) {
        try (Admin admin = Admin.create(platform.kafka().clientProperties())) {
            var committed =
                    admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata().get();
            Map<TopicPartition, OffsetSpec> request = new HashMap<>();
            inputPartitions().forEach(tp -> request.put(tp, OffsetSpec.latest()));
            Map<TopicPartition, Long> lag =
                    new TreeMap<>(java.util.Comparator.comparing(TopicPartition::toString));
            admin.listOffsets(request)
                    .all()
                    .get()
                    .forEach(
                            (tp, info) -> {
                                OffsetAndMetadata c = committed.get(tp);
                                long done = c == null ? 0 : c.offset();
                                if (info.offset() > done) {
                                    lag.put(tp, info.offset() - done);
                                }
                            });
            return lag;
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the lag of " + groupId, e);
        }
    }

    private List<TopicPartition> inputPartitions() {
        List<TopicPartition> out = new ArrayList<>();
        for (Topic t : Topic.values()) {
            if (t.isInput()) {
                for (int p = 0; p < partitions; p++) {
                    out.add(new TopicPartition(topic(t), p));
                }
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return "scenario " + name.toLowerCase(Locale.ROOT);
    }
}
