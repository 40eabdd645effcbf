package io.torghut.ta.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.torghut.ta.core.bars.Bar;
import io.torghut.ta.core.signals.SignalRow;
import io.torghut.ta.job.clickhouse.RowValues;
import io.torghut.ta.job.clickhouse.TaTable;
import io.torghut.ta.job.clickhouse.TaTables;
import io.torghut.ta.job.config.TaConfig;
import io.torghut.ta.job.local.TapeGenerator;
import io.torghut.ta.job.sinks.RowJson;
import io.torghut.ta.job.testutils.Diff;
import io.torghut.ta.job.testutils.KafkaTapes;
import io.torghut.ta.job.testutils.OutputRows;
import io.torghut.ta.job.testutils.Reference;
import io.torghut.ta.testkit.ClickHouseServer;
import io.torghut.ta.testkit.KafkaTestCluster;
import io.torghut.ta.testkit.S3ProxyServer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.fs.FileSystem;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * A fault test's world: a real Kafka broker, a real S3 API (s3proxy) and optionally a real
 * ClickHouse server on loopback, the job's input and output topics, a seeded tape fed in slices by
 * arrival time, and the comparison of everything the job wrote with the reference computed from the
 * tape (the failure-free result: {@code TaJobEndToEndITCase} shows the job's failure-free run
 * equals it).
 */
final class FaultRig implements AutoCloseable {
    static final int PARTITIONS = 2;
    static final String TRADES = "in.trades";
    static final String QUOTES = "in.quotes";
    static final String BARS1M = "in.bars1m";
    static final String OUT_BARS = "out.bars";
    static final String OUT_SIGNALS = "out.signals";
    static final String OUT_STATUS = "out.status";
    static final String OUT_DLQ = "out.dlq";
    static final String BUCKET = "ckpt";
    static final String S3_ACCESS_KEY = "ta-rig-access";
    static final String S3_SECRET_KEY = "ta-rig-secret-7Hq2";

    /**
     * ClickHouse 18.16 parses float text with a fast, not correctly rounded parser: a value written
     * exactly can come back 1 ulp off. Kafka output is compared exactly; ClickHouse within 2 ulps.
     */
    static final int CLICKHOUSE_FLOAT_ULPS = 2;

    private static final String FLUSH = "FLUSH";
    private static final Duration POLL = Duration.ofSeconds(2);

    final KafkaTestCluster kafka;
    final S3ProxyServer s3;
    final ClickHouseServer clickhouse;
    final TapeGenerator.Tape tape;
    private String clickhouseUser = "default";
    private String clickhousePassword;
    private final long firstArrival;
    private final long lastArrival;
    private final long tapeStart;

    private FaultRig(
            KafkaTestCluster kafka,
            S3ProxyServer s3,
            ClickHouseServer clickhouse,
            TapeGenerator.Tape tape,
            long tapeStart) {
        this.kafka = kafka;
        this.s3 = s3;
        this.clickhouse = clickhouse;
        this.tape = tape;
        this.tapeStart = tapeStart;
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

    /** Starts the servers, creates the topics and generates the tape (nothing produced yet). */
    static FaultRig start(Path dir, TapeGenerator.Options options, boolean withClickHouse) {
        return start(
                dir,
                TapeGenerator.generate(options),
                options.start().toEpochMilli(),
                withClickHouse);
    }

    /** Like {@link #start(Path, TapeGenerator.Options, boolean)} for a tape made by the caller. */
    static FaultRig start(
            Path dir, TapeGenerator.Tape tape, long tapeStart, boolean withClickHouse) {
        return start(dir, tape, tapeStart, withClickHouse, null, null);
    }

    /**
     * Like {@link #start(Path, TapeGenerator.Tape, long, boolean)}, with a ClickHouse user that
     * needs a password; the job then connects as that user.
     */
    static FaultRig start(
            Path dir,
            TapeGenerator.Tape tape,
            long tapeStart,
            boolean withClickHouse,
            String clickhouseUser,
            String clickhousePassword) {
        KafkaTestCluster kafka = KafkaTestCluster.start(dir.resolve("kafka"));
        S3ProxyServer s3 =
                S3ProxyServer.start(dir.resolve("s3"), S3_ACCESS_KEY, S3_SECRET_KEY, BUCKET);
        Configuration fs = new Configuration();
        s3.flinkS3Config().forEach(fs::setString);
        FileSystem.initialize(fs, null);
        ClickHouseServer clickhouse =
                !withClickHouse
                        ? null
                        : clickhouseUser == null
                                ? ClickHouseServer.start(dir.resolve("clickhouse"))
                                : ClickHouseServer.builder(dir.resolve("clickhouse"))
                                        .withUser(clickhouseUser, clickhousePassword)
                                        .start();
        for (String t : List.of(TRADES, QUOTES, BARS1M)) {
            kafka.createTopic(t, PARTITIONS, KafkaTapes.KEEP_FOREVER);
        }
        for (String t : List.of(OUT_BARS, OUT_SIGNALS, OUT_STATUS, OUT_DLQ)) {
            kafka.createTopic(t, 1, KafkaTapes.KEEP_FOREVER);
        }
        FaultRig rig = new FaultRig(kafka, s3, clickhouse, tape, tapeStart);
        rig.clickhouseUser = clickhouseUser == null ? "default" : clickhouseUser;
        rig.clickhousePassword = clickhousePassword;
        return rig;
    }

    /**
     * A tape of {@code symbols} symbols trading {@code tradesPerSecond} times a second each for
     * {@code minutes} minutes, with the generator's default disorder, late trades, redeliveries and
     * two malformed records of every class per input.
     */
    static TapeGenerator.Options options(
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

    Map<String, List<TapeGenerator.Line>> inputs() {
        Map<String, List<TapeGenerator.Line>> m = new LinkedHashMap<>();
        m.put(TRADES, tape.trades());
        m.put(QUOTES, tape.quotes());
        m.put(BARS1M, tape.bars1m());
        return m;
    }

    /** The trades on the tape, malformed ones included. */
    long tradeRecords() {
        return tape.trades().size();
    }

    /** The job's environment, as the ConfigMap would give it, for these servers. */
    Map<String, String> env(String groupId) {
        Map<String, String> env = new HashMap<>();
        env.put("TA_KAFKA_BOOTSTRAP", kafka.bootstrapServers());
        env.put("TA_KAFKA_SECURITY", "PLAINTEXT");
        env.put("TA_TRADES_TOPIC", TRADES);
        env.put("TA_QUOTES_TOPIC", QUOTES);
        env.put("TA_BARS1M_TOPIC", BARS1M);
        env.put("TA_MICROBARS_TOPIC", OUT_BARS);
        env.put("TA_SIGNALS_TOPIC", OUT_SIGNALS);
        env.put("TA_STATUS_TOPIC", OUT_STATUS);
        env.put("TA_DEADLETTER_TOPIC", OUT_DLQ);
        env.put("TA_GROUP_ID", groupId);
        env.put("TA_CLIENT_ID", groupId);
        env.put("TA_AUTO_OFFSET_RESET", "earliest");
        env.put("TA_CHECKPOINT_DIR", "s3a://" + BUCKET + "/" + groupId);
        env.put("TA_CHECKPOINT_INTERVAL_MS", "1000");
        env.put("TA_CHECKPOINT_PAUSE_MS", "200");
        env.put("TA_STATUS_INTERVAL_MS", "1000");
        // Far from the wall clock: partitions are never idle by processing time in these tests,
        // every partition gets the closing sentinel instead.
        env.put("TA_WATERMARK_IDLE_TIMEOUT_MS", "3600000");
        if (clickhouse != null) {
            env.put("TA_CLICKHOUSE_URL", clickhouse.jdbcUrl("torghut"));
            env.put("TA_CLICKHOUSE_USERNAME", clickhouseUser);
            if (clickhousePassword != null) {
                env.put("TA_CLICKHOUSE_PASSWORD", clickhousePassword);
            }
            env.put("TA_CLICKHOUSE_CREATE_TABLES", "true");
            env.put("TA_CLICKHOUSE_REQUIRE_REPLICATED", "false");
            env.put("TA_CLICKHOUSE_BATCH_SIZE", "2000");
            env.put("TA_CLICKHOUSE_FLUSH_MS", "200");
            env.put("TA_CLICKHOUSE_SCHEMA_INIT_MAX_RETRIES", "10");
            env.put("TA_CLICKHOUSE_SCHEMA_INIT_RETRY_DELAY_MS", "500");
        }
        return env;
    }

    /** Produces the tape lines whose arrival falls in slice {@code i} of {@code n}. */
    void produceSlice(int i, int n) {
        long span = lastArrival - firstArrival + 1;
        long from = firstArrival + span * i / n;
        long to = i == n - 1 ? Long.MAX_VALUE : firstArrival + span * (i + 1) / n;
        inputs().forEach(
                        (topic, lines) ->
                                KafkaTapes.produce(
                                        kafka,
                                        topic,
                                        lines.stream()
                                                .filter(
                                                        l ->
                                                                l.arrivalMs() >= from
                                                                        && l.arrivalMs() < to)
                                                .toList(),
                                        PARTITIONS));
    }

    /** Produces slices {@code from} to {@code to} (exclusive) of {@code n}, pausing after each. */
    void produceSlices(int from, int to, int n, Duration pause) {
        for (int i = from; i < to; i++) {
            produceSlice(i, n);
            sleep(pause);
        }
    }

    /** How many records an output topic holds now. */
    long records(String topic) {
        return read(topic, false).size();
    }

    static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * One record an hour after the tape on every input partition: moves every watermark past the
     * tape's end, so every window closes. Its own outputs (symbol FLUSH) are left out of every
     * comparison.
     */
    void produceSentinels() {
        long far = tapeStart + 3_600_000 * 6;
        String ts = RowJson.timestamp(far);
        List<ProducerRecord<String, String>> out = new ArrayList<>();
        for (int p = 0; p < PARTITIONS; p++) {
            String envelope =
                    "{\"ingestTs\":\""
                            + ts
                            + "\",\"eventTs\":\""
                            + ts
                            + "\",\"symbol\":\""
                            + FLUSH
                            + "\",\"seq\":"
                            + p
                            + ",\"payload\":";
            out.add(
                    new ProducerRecord<>(
                            TRADES, p, far, FLUSH, envelope + "{\"p\":1.0,\"s\":1.0}}"));
            out.add(
                    new ProducerRecord<>(
                            QUOTES,
                            p,
                            far,
                            FLUSH,
                            envelope + "{\"bp\":1.0,\"bs\":1,\"ap\":1.01,\"as\":1}}"));
            out.add(
                    new ProducerRecord<>(
                            BARS1M,
                            p,
                            far,
                            FLUSH,
                            envelope
                                    + "{\"o\":1,\"h\":1,\"l\":1,\"c\":1,\"v\":1,\"t\":\""
                                    + RowJson.timestamp(far - 60_000)
                                    + "\"}}"));
        }
        kafka.produce(out);
    }

    /** Every record of an output topic up to its end; committed transactions only if asked. */
    List<ConsumerRecord<String, String>> read(String topic, boolean committedOnly) {
        return KafkaTapes.readAll(kafka, topic, committedOnly);
    }

    /** The output rows of a topic, FLUSH rows left out, in topic order. */
    List<List<String>> kafkaRows(String topic, TaTable table, boolean committedOnly) {
        List<List<String>> rows = new ArrayList<>();
        for (var r : read(topic, committedOnly)) {
            List<String> row = OutputRows.fromJson(table, r.value(), false);
            if (!row.get(0).equals(FLUSH)) {
                rows.add(row);
            }
        }
        return rows;
    }

    List<List<String>> clickhouseRows(TaTable table) {
        List<List<String>> rows = new ArrayList<>();
        for (List<String> r :
                clickhouse.queryStrings(
                        "SELECT "
                                + OutputRows.selectList(table)
                                + " FROM torghut."
                                + table.name()
                                + " FINAL WHERE symbol != '"
                                + FLUSH
                                + "'")) {
            rows.add(OutputRows.fromClickHouse(table, r));
        }
        return rows;
    }

    long clickhouseCount(TaTable table) {
        return Long.parseLong(
                clickhouse
                        .queryStrings(
                                "SELECT count() FROM torghut."
                                        + table.name()
                                        + " FINAL WHERE symbol != '"
                                        + FLUSH
                                        + "'")
                        .get(0)
                        .get(0));
    }

    Map<String, List<String>> expectedBars(boolean secondsOnly) {
        List<List<String>> rows = new ArrayList<>();
        for (Bar b : Reference.bars(tape).values()) {
            rows.add(OutputRows.fromValues(TaTables.MICROBARS, RowValues.bar(b, 0), secondsOnly));
        }
        return OutputRows.byIdentity(TaTables.MICROBARS, rows);
    }

    Map<String, List<String>> expectedSignals(TaConfig config, boolean secondsOnly) {
        List<List<String>> rows = new ArrayList<>();
        for (SignalRow s : Reference.signals(tape, config).values()) {
            rows.add(OutputRows.fromValues(TaTables.SIGNALS, RowValues.signal(s, 0), secondsOnly));
        }
        return OutputRows.byIdentity(TaTables.SIGNALS, rows);
    }

    /**
     * Waits until the Kafka outputs (last row per identity) equal the reference and, with
     * ClickHouse, both tables hold as many identities under FINAL as the reference.
     */
    void awaitComplete(TaConfig config, boolean committedOnly, Duration timeout) {
        Map<String, List<String>> bars = expectedBars(false);
        Map<String, List<String>> signals = expectedSignals(config, false);
        awaitTrue(
                () ->
                        OutputRows.byIdentity(
                                                TaTables.MICROBARS,
                                                kafkaRows(
                                                        OUT_BARS,
                                                        TaTables.MICROBARS,
                                                        committedOnly))
                                        .equals(bars)
                                && OutputRows.byIdentity(
                                                TaTables.SIGNALS,
                                                kafkaRows(
                                                        OUT_SIGNALS,
                                                        TaTables.SIGNALS,
                                                        committedOnly))
                                        .equals(signals)
                                && (clickhouse == null
                                        || (clickhouseCount(TaTables.MICROBARS) == bars.size()
                                                && clickhouseCount(TaTables.SIGNALS)
                                                        == signals.size())),
                timeout,
                "the outputs to reach the reference ("
                        + bars.size()
                        + " bar and "
                        + signals.size()
                        + " signal identities)");
    }

    /** What {@link #assertKafkaOutput} found. */
    record KafkaCheck(int rows, int identities, int exactCopies) {}

    /**
     * Asserts an output topic holds every reference identity with the reference's final row, no
     * other identity, and repeats only as exact copies of a row already written (none at all when
     * {@code noCopies}). The 1 min lane's rows may be revised in a failure-free run too, so a
     * revision (a different row for the same identity) is allowed there only.
     */
    KafkaCheck assertKafkaOutput(
            String topic,
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
                .as("%s: identities with two different rows", topic)
                .isEmpty();
        if (noCopies) {
            assertThat(copies).as("%s: rows written twice", topic).isZero();
        }
        Diff.assertSameRows(
                OutputRows.byIdentity(table, rows), expected, topic + " (last row per identity)");
        return new KafkaCheck(rows.size(), byIdentity.size(), copies);
    }

    /** What {@link #assertKafkaOutputs} found on the bars and the signals topic. */
    record KafkaChecks(KafkaCheck bars, KafkaCheck signals) {}

    /** {@link #assertKafkaOutput} on both output topics against the reference of {@code config}. */
    KafkaChecks assertKafkaOutputs(TaConfig config, boolean committedOnly, boolean noCopies) {
        return new KafkaChecks(
                assertKafkaOutput(
                        OUT_BARS, TaTables.MICROBARS, expectedBars(false), committedOnly, noCopies),
                assertKafkaOutput(
                        OUT_SIGNALS,
                        TaTables.SIGNALS,
                        expectedSignals(config, false),
                        committedOnly,
                        noCopies));
    }

    /** Asserts both ClickHouse tables under FINAL equal the reference (one row per identity). */
    void assertClickHouseOutput(TaConfig config) {
        List<List<String>> bars = clickhouseRows(TaTables.MICROBARS);
        List<List<String>> signals = clickhouseRows(TaTables.SIGNALS);
        assertThat(OutputRows.byIdentity(TaTables.MICROBARS, bars)).hasSize(bars.size());
        assertThat(OutputRows.byIdentity(TaTables.SIGNALS, signals)).hasSize(signals.size());
        Diff.assertSameRows(
                OutputRows.byIdentity(TaTables.MICROBARS, bars),
                expectedBars(true),
                "ClickHouse ta_microbars FINAL",
                CLICKHOUSE_FLOAT_ULPS);
        Diff.assertSameRows(
                OutputRows.byIdentity(TaTables.SIGNALS, signals),
                expectedSignals(config, true),
                "ClickHouse ta_signals FINAL",
                CLICKHOUSE_FLOAT_ULPS);
    }

    /**
     * Polls until the condition holds. A condition that throws (a REST endpoint answering 500 while
     * the job initializes, a server restarting) counts as not yet; the last such error is reported
     * on timeout.
     */
    static void awaitTrue(BooleanSupplier condition, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        RuntimeException last = null;
        while (true) {
            try {
                if (condition.getAsBoolean()) {
                    return;
                }
            } catch (RuntimeException e) {
                last = e;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(
                        "timed out after " + timeout + " waiting for " + what, last);
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    @Override
    public void close() {
        for (AutoCloseable c : new AutoCloseable[] {clickhouse, s3, kafka}) {
            if (c != null) {
                try {
                    c.close();
                } catch (Exception ignored) {
                    // Best effort: the next server still gets closed.
                }
            }
        }
    }
}
