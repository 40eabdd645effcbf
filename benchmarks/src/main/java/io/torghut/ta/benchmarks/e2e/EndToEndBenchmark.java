package io.torghut.ta.benchmarks.e2e;

import io.torghut.ta.benchmarks.MachineFacts;
import io.torghut.ta.benchmarks.e2e.baseline.OriginalDesignJob;
import io.torghut.ta.benchmarks.e2e.baseline.OriginalDesignTopology;
import io.torghut.ta.job.JobSettings;
import io.torghut.ta.job.config.TaConfig;
import io.torghut.ta.job.config.TaConfigKey;
import io.torghut.ta.testkit.Await;
import io.torghut.ta.testkit.JobScenario;
import io.torghut.ta.testkit.LocalFlink;
import io.torghut.ta.testkit.TestPlatform;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.checkpoint.AbstractCheckpointStats;
import org.apache.flink.runtime.checkpoint.CheckpointStatsStatus;
import org.apache.flink.runtime.checkpoint.TaskStateStats;
import org.apache.flink.runtime.execution.ExecutionState;
import org.apache.flink.runtime.executiongraph.AccessExecutionGraph;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The end-to-end harness: the production topology ({@code TaJob.productionTopology}) on a Flink
 * MiniCluster, reading and writing a real Kafka broker, checkpointing to S3 (s3proxy) and, where
 * asked, writing to a real ClickHouse server, all in this process or on loopback.
 *
 * <p>Scenarios (each optional, see {@link E2eOptions}):
 *
 * <ul>
 *   <li><b>throughput</b>: a topic pre-loaded with {@code trades} trades of {@code symbols} symbols
 *       at the density of a {@code dayTrades} day is read by a bounded job: warm-up and measured
 *       runs with only the Kafka sinks, then (optionally) the original design's topology over a
 *       prefix of the same topic, then warm-up and measured runs with the ClickHouse sinks too; the
 *       replay time of the whole day is extrapolated from the ClickHouse runs' median;
 *   <li><b>latency</b>: a producer sends {@code latencyRate} trades/s and a quote per 2 trades,
 *       with event time = its wall clock, to an unbounded job; for every 1 s bar, the time from the
 *       bar's watermark-ready moment (below) to its signal's append time in Kafka; optionally
 *       ({@code latency-bars1m}) with the 1 min bar input as in production;
 *   <li><b>checkpoint</b>: an unbounded job reads a tape of {@code checkpointSymbols} symbols, then
 *       checkpoints are triggered and their size and duration read from Flink's checkpoint
 *       statistics.
 * </ul>
 *
 * <p>Watermark-ready moment of a bar ending at E: the sources' watermark is the newest event time
 * of a partition minus {@code TA_MAX_OUT_OF_ORDER_MS} minus 1, the minimum over partitions and
 * inputs, so the bar can close once every trade and quote partition holds a record with event time
 * &gt;= E + bound. The moment is the producer's wall clock when it hands the last of them its first
 * such record (the 1 min bar input, when on, is left out on purpose: it is what holds signals
 * back). Everything after it counts: producer, broker, the source's fetch, the periodic watermark
 * emission, network buffer flushes, both keyed operators, the Kafka sink and the broker's append
 * (the signals topic uses {@code LogAppendTime}, so the record timestamp is the broker's clock, the
 * same as the producer's).
 */
public final class EndToEndBenchmark {
    /** The ConfigMap's tuning (flinkdeployment/configmap.yaml), so the job runs as deployed. */
    static final Map<TaConfigKey, String> CONFIGMAP_TUNING =
            Map.ofEntries(
                    Map.entry(TaConfigKey.TA_KAFKA_DELIVERY_GUARANTEE, "AT_LEAST_ONCE"),
                    Map.entry(TaConfigKey.TA_CHECKPOINT_INTERVAL_MS, "60000"),
                    Map.entry(TaConfigKey.TA_CHECKPOINT_TIMEOUT_MS, "300000"),
                    Map.entry(TaConfigKey.TA_CHECKPOINT_PAUSE_MS, "10000"),
                    Map.entry(TaConfigKey.TA_MAX_OUT_OF_ORDER_MS, "2000"),
                    Map.entry(TaConfigKey.TA_WATERMARK_IDLE_TIMEOUT_MS, "30000"),
                    Map.entry(TaConfigKey.TA_ALLOWED_LATENESS_MS, "0"),
                    Map.entry(TaConfigKey.TA_QUOTE_STALE_AFTER_MS, "15000"),
                    Map.entry(TaConfigKey.TA_VWAP_WINDOW_SECONDS, "300"),
                    Map.entry(TaConfigKey.TA_REALIZED_VOL_WINDOW, "60"),
                    Map.entry(TaConfigKey.TA_STATUS_INTERVAL_MS, "60000"),
                    Map.entry(TaConfigKey.TA_CLICKHOUSE_BATCH_SIZE, "1000"),
                    Map.entry(TaConfigKey.TA_CLICKHOUSE_FLUSH_MS, "5000"),
                    Map.entry(TaConfigKey.TA_CLICKHOUSE_MAX_RETRIES, "2"),
                    Map.entry(TaConfigKey.TA_CLICKHOUSE_SINK_PARALLELISM, "1"));

    /** 09:30 New York on a trading day: the throughput tape starts at the open. */
    static final long SESSION_OPEN_MS = Instant.parse("2026-03-03T14:30:00Z").toEpochMilli();

    static final long SESSION_MS = 390 * 60_000L;

    /** The first throughput run, in the fresh JVM: the cold figure. */
    static final String COLD_RUN = "tp-cold";

    /** The name prefix of the other warm-up runs. */
    static final String WARMUP_RUN = "tp-warmup-";

    /** The name prefix of the runs with the ClickHouse sinks and large batches. */
    static final String CLICKHOUSE_LARGE_BATCH_RUN = "tp-clickhouse-large-batch-";

    /** Production's {@code TA_CLICKHOUSE_FLUSH_MS}. */
    static final String CLICKHOUSE_FLUSH_MS = "5000";

    /** The name prefix of the measured runs with the Kafka sinks only. */
    static final String CLICKHOUSE_WARMUP_RUN = "tp-clickhouse-warmup-";

    static final String CLICKHOUSE_RUN = "tp-clickhouse-";
    static final String SUSTAINED_RUN = "tp-kafka-";

    /** The name prefix of the original design's warm-up runs. */
    static final String BASELINE_WARMUP_RUN = "tp-original-warmup-";

    /** The name prefix of the original design's measured runs. */
    static final String BASELINE_RUN = "tp-original-";

    /** The seed of the throughput tape. */
    static final long THROUGHPUT_SEED = 7;

    /**
     * A warm-up run in which the JIT compiled for at most this share of the run's wall time x
     * parallelism ends the warm-up. The JIT never stops entirely (it recompiles as profiles shift),
     * so the threshold is a share, not zero; the report lists every run's share.
     */
    static final double SETTLED_JIT_SHARE = 0.05;

    /** The throughput runs' quotes topic, which stays empty. */
    static final String QUOTES_EMPTY = "tp.quotes";

    private final E2eOptions options;
    private final TestPlatform servers;
    private final E2eResults results = new E2eResults();

    private EndToEndBenchmark(E2eOptions options, TestPlatform servers) {
        this.options = options;
        this.servers = servers;
    }

    /** Runs the scenarios chosen by {@code -De2e.*} properties and writes the results. */
    public static void main(String[] args) throws Exception {
        Path work = Files.createTempDirectory("ta-e2e-");
        E2eResults r = run(E2eOptions.fromSystemProperties(work));
        System.out.println(E2eReport.markdown(r));
        // Kafka, Flink and s3proxy leave non-daemon threads behind after close.
        System.exit(0);
    }

    /** Starts the servers, runs the scenarios, stops the servers and writes the results. */
    static E2eResults run(E2eOptions options) throws Exception {
        E2eResults r;
        try (TestPlatform servers =
                TestPlatform.isolated(options.workDir())
                        .taskManagers(1, options.parallelism())
                        .build()) {
            EndToEndBenchmark bench = new EndToEndBenchmark(options, servers);
            Map<String, String> facts = MachineFacts.collect();
            // The JMH-only rows (baseline libraries, Kryo) do not apply to this harness.
            for (String key :
                    List.of("date (UTC)", "cores (availableProcessors)", "CPU", "JDK", "OS")) {
                bench.results.machine.put(key, facts.get(key));
            }
            bench.results.machine.put(
                    "load average 1/5/15 min at the start",
                    facts.get("load average 1/5/15 min at report time"));
            bench.results.machine.put(
                    "host speed probe at the start (lower is faster)", HostSpeedProbe.measure());
            bench.results.machine.put(
                    "JVM heap initial / maximum; collectors", MachineFacts.heapAndCollector());
            bench.results.machine.put(
                    "Flink", org.apache.flink.runtime.util.EnvironmentInformation.getVersion());
            bench.results.machine.put(
                    "job parallelism (MiniCluster slots)", "" + options.parallelism());
            bench.results.machine.put("input partitions", "" + options.partitions());
            if (options.clickhouse()) {
                bench.results.machine.put(
                        E2eReport.CLICKHOUSE_BATCH_FACT,
                        Integer.toString(options.clickhouseBatchSize()));
                if (options.clickhouseLargeBatchSize() > 0) {
                    bench.results.machine.put(
                            E2eReport.CLICKHOUSE_LARGE_BATCH_FACT,
                            Integer.toString(options.clickhouseLargeBatchSize()));
                }
            }
            if (options.runs("throughput")) {
                bench.throughput();
            }
            if (options.runs("latency")) {
                bench.latency(false, false);
                if (options.latencyTuned()) {
                    bench.latency(true, false);
                }
            }
            if (options.runs("latency-bars1m")) {
                bench.latency(false, true);
            }
            if (options.runs("checkpoint")) {
                bench.checkpoint();
            }
            bench.results.machine.put(
                    "load average 1/5/15 min at the end",
                    MachineFacts.collect().get("load average 1/5/15 min at report time"));
            bench.results.machine.put(
                    "host speed probe at the end (lower is faster)", HostSpeedProbe.measure());
            r = bench.results;
        }
        E2eReport.write(r, options);
        return r;
    }

    private static void log(String message) {
        System.out.printf("[e2e %s] %s%n", Instant.now(), message);
    }

    // ---------------------------------------------------------------- throughput and replay

    private void throughput() throws Exception {
        String topic = "tp.trades";
        servers.kafka().createTopic(topic, options.partitions());
        // Quotes stay empty here: the figure is trades/s. The topic must exist all the same, since
        // the job with quotes disabled (TA_QUOTES_TOPIC="") fails on its empty fromData source.
        servers.kafka().createTopic(QUOTES_EMPTY, options.partitions());
        double rate = options.dayTrades() * 1000.0 / SESSION_MS;
        long t0 = System.nanoTime();
        preload(
                topic,
                null,
                new TradeTape(options.symbols(), options.partitions(), THROUGHPUT_SEED),
                options.trades(),
                rate);
        long preloadMs = (System.nanoTime() - t0) / 1_000_000;
        log(
                String.format(
                        "pre-loaded %,d trades of %d symbols (%.0f trades/s of event time) in %,d ms",
                        options.trades(), options.symbols(), rate, preloadMs));

        // The same job over the same tape, first in the fresh JVM: the JIT compiles the hot paths
        // through the first runs (its compiler threads take a fifth of the first run's CPU, and
        // how many runs they need depends on the host's speed at the time), so the first run is
        // the cold figure, every warm-up run is reported, warm-up goes on until the JIT has
        // settled, and the runs after that are the sustained figures.
        for (int i = 0; i < options.maxWarmupRuns(); i++) {
            E2eResults.Throughput warmup =
                    bounded(i == 0 ? COLD_RUN : WARMUP_RUN + i, topic, false, preloadMs);
            results.throughput.add(warmup);
            if (i + 1 >= options.warmupRuns() && jitSettled(warmup)) {
                break;
            }
        }
        // Several measured runs, because on 2 shared cores one run differs from the next by up to
        // a tenth: the figure is their median, and each is reported.
        for (int i = 1; i <= options.measuredRuns(); i++) {
            results.throughput.add(bounded(SUSTAINED_RUN + i, topic, false, preloadMs));
        }
        if (options.baseline()) {
            originalDesign(topic, preloadMs);
        }
        E2eResults.Throughput basis = results.sustainedMedian();
        if (options.clickhouse()) {
            // The sink's own code (encoding, the client, HTTP) is compiled only once ClickHouse
            // is on: warm-up runs with it first, then measured runs, whose median is the figure.
            for (int i = 1; i <= options.clickhouseWarmupRuns(); i++) {
                results.throughput.add(bounded(CLICKHOUSE_WARMUP_RUN + i, topic, true, preloadMs));
            }
            for (int i = 1; i <= options.clickhouseRuns(); i++) {
                results.throughput.add(
                        bounded(
                                CLICKHOUSE_RUN + i,
                                topic,
                                options.clickhouseBatchSize(),
                                preloadMs));
            }
            basis = results.clickhouseMedian();
            if (options.clickhouseLargeBatchSize() > 0) {
                for (int i = 1; i <= options.clickhouseRuns(); i++) {
                    results.throughput.add(
                            bounded(
                                    CLICKHOUSE_LARGE_BATCH_RUN + i,
                                    topic,
                                    options.clickhouseLargeBatchSize(),
                                    preloadMs));
                }
            }
        }
        results.replay =
                new E2eResults.Replay(
                        basis.run(), basis.trades(), basis.wallMs(), options.dayTrades());
    }

    /**
     * The JIT compiled for at most {@link #SETTLED_JIT_SHARE} of the run's wall time x parallelism.
     */
    static boolean jitSettled(E2eResults.Throughput t) {
        return jitSettled(t.cpuMs().get(CpuAccount.JIT_COMPILING), t.wallMs(), t.parallelism());
    }

    /** The JIT compiled for at most {@link #SETTLED_JIT_SHARE} of {@code wallMs} x parallelism. */
    static boolean jitSettled(long compiledMs, long wallMs, int parallelism) {
        return compiledMs <= SETTLED_JIT_SHARE * wallMs * parallelism;
    }

    private E2eResults.Throughput bounded(
            String run, String topic, boolean clickhouse, long preloadMs) throws Exception {
        return bounded(run, topic, clickhouse ? options.clickhouseBatchSize() : 0, preloadMs);
    }

    /** A bounded run; with the ClickHouse sinks on when {@code clickhouseBatch} is positive. */
    private E2eResults.Throughput bounded(
            String run, String topic, int clickhouseBatch, long preloadMs) throws Exception {
        boolean clickhouse = clickhouseBatch > 0;
        Map<TaConfigKey, String> env = jobEnv(run, topic, QUOTES_EMPTY);
        if (clickhouse) {
            var ch = servers.clickhouse();
            // Every run writes into new tables, so each one inserts and merges the same.
            ch.execute("DROP TABLE IF EXISTS torghut.ta_microbars");
            ch.execute("DROP TABLE IF EXISTS torghut.ta_signals");
            env.put(TaConfigKey.TA_CLICKHOUSE_BATCH_SIZE, Integer.toString(clickhouseBatch));
            env.put(TaConfigKey.TA_CLICKHOUSE_FLUSH_MS, CLICKHOUSE_FLUSH_MS);
            env.put(TaConfigKey.TA_CLICKHOUSE_URL, ch.jdbcUrl("torghut"));
            env.put(TaConfigKey.TA_CLICKHOUSE_USERNAME, "default");
            env.put(TaConfigKey.TA_CLICKHOUSE_CREATE_TABLES, "true");
            env.put(TaConfigKey.TA_CLICKHOUSE_REQUIRE_REPLICATED, "false");
            env.put(TaConfigKey.TA_CLICKHOUSE_SCHEMA_INIT_MAX_RETRIES, "3");
            env.put(TaConfigKey.TA_CLICKHOUSE_SCHEMA_INIT_RETRY_DELAY_MS, "500");
        }
        createOutputs(run, false);
        LocalFlink.Submission job =
                environment(JobScenario.config(env), new Configuration(), run).bounded();
        log("running " + run);
        CpuAccount cpu = CpuAccount.start();
        java.time.Duration serverCpu0 =
                clickhouse ? servers.clickhouse().cpuTime() : java.time.Duration.ZERO;
        long t0 = System.nanoTime();
        JobExecutionResult result = job.run();
        long wallMs = (System.nanoTime() - t0) / 1_000_000;
        Map<String, Long> cpuMs = cpu.stop();
        if (clickhouse) {
            // Its own process on the same cores; in production it runs on other machines.
            cpuMs.put(
                    CpuAccount.CLICKHOUSE_SERVER,
                    servers.clickhouse().cpuTime().minus(serverCpu0).toMillis());
        }
        long chSignals = -1;
        if (clickhouse) {
            chSignals =
                    Long.parseLong(
                            servers.clickhouse()
                                    .queryStrings("SELECT count() FROM torghut.ta_signals")
                                    .get(0)
                                    .get(0));
        }
        E2eResults.Throughput t =
                new E2eResults.Throughput(
                        run,
                        clickhouse,
                        options.symbols(),
                        options.trades(),
                        preloadMs,
                        wallMs,
                        result.getNetRuntime(TimeUnit.MILLISECONDS),
                        endOffsets(run + ".bars"),
                        endOffsets(run + ".signals"),
                        chSignals,
                        options.parallelism(),
                        cpuMs);
        logRun(t);
        return t;
    }

    /** One throughput run's figures in the log, as the harness prints every run. */
    private static void logRun(E2eResults.Throughput t) {
        log(
                String.format(
                        "%s: %,d trades in %,d ms, %,.0f trades/s (%,.0f per core, %,.0f per second"
                                + " of job CPU), %,d bars, %,d signals; CPU ms %s",
                        t.run(),
                        t.trades(),
                        t.wallMs(),
                        t.tradesPerSecond(),
                        t.tradesPerSecondPerCore(),
                        t.tradesPerJobCpuSecond(),
                        t.bars(),
                        t.signals(),
                        t.cpuMs()));
    }

    // ---------------------------------------------------------------- the original design

    /**
     * The original design's topology ({@link OriginalDesignTopology}) over the first {@code
     * baselineTrades} trades of the same pre-loaded topic, on the same cluster with the same
     * parallelism: warm-up runs, then measured runs, whose median is its figure.
     */
    private void originalDesign(String topic, long preloadMs) throws Exception {
        long trades = Math.min(options.baselineTrades(), options.trades());
        // Reading a prefix of the tape: each partition up to where the prefix's last trade is.
        OffsetsInitializer stop =
                trades == options.trades()
                        ? OffsetsInitializer.latest()
                        : OffsetsInitializer.offsets(
                                prefixOffsets(
                                        topic,
                                        new TradeTape(
                                                options.symbols(),
                                                options.partitions(),
                                                THROUGHPUT_SEED),
                                        trades,
                                        options.partitions()));
        for (int i = 1; i <= options.baselineWarmupRuns(); i++) {
            results.throughput.add(
                    originalDesign(BASELINE_WARMUP_RUN + i, topic, stop, trades, preloadMs));
        }
        for (int i = 1; i <= options.baselineRuns(); i++) {
            results.throughput.add(
                    originalDesign(BASELINE_RUN + i, topic, stop, trades, preloadMs));
        }
    }

    /**
     * The end offset per partition of the first {@code trades} trades of {@code tape} in a topic
     * that was empty before the tape was written to it (one record per trade, in tape order).
     */
    static Map<TopicPartition, Long> prefixOffsets(
            String topic, TradeTape tape, long trades, int partitions) {
        long[] counts = new long[partitions];
        for (long i = 0; i < trades; i++) {
            // Where a trade goes does not depend on its timestamps.
            tape.next(0, 0);
            counts[tape.partition]++;
        }
        Map<TopicPartition, Long> offsets = new HashMap<>();
        for (int p = 0; p < partitions; p++) {
            offsets.put(new TopicPartition(topic, p), counts[p]);
        }
        return offsets;
    }

    /** One bounded run of the original design, accounted as {@link #bounded} accounts ours. */
    private E2eResults.Throughput originalDesign(
            String run, String topic, OffsetsInitializer stop, long trades, long preloadMs)
            throws Exception {
        // The settings our runs get (checkpointing, watermark bound and idleness), read as theirs.
        TaConfig config = JobScenario.config(jobEnv(run, topic, QUOTES_EMPTY));
        String bootstrap = servers.kafka().bootstrapServers();
        String clientId = "ta-bench-" + run;
        servers.kafka().createTopic(run + ".bars", 2);
        servers.kafka().createTopic(run + ".signals", 2);
        OriginalDesignTopology topology =
                new OriginalDesignTopology(
                        OriginalDesignJob.tradesSource(bootstrap, topic, run, clientId, stop),
                        OriginalDesignJob.barSink(bootstrap, run + ".bars", clientId),
                        OriginalDesignJob.signalSink(bootstrap, run + ".signals", clientId),
                        Duration.ofMillis(config.maxOutOfOrderMs),
                        Duration.ofMillis(config.watermarkIdleTimeoutMs));
        LocalFlink.Submission job =
                servers.flink()
                        .job(topology::build)
                        .named(run)
                        .parallelism(options.parallelism())
                        .restartingAsInProduction()
                        .with(
                                OriginalDesignJob.flinkSettings(
                                        Duration.ofMillis(config.checkpointIntervalMs),
                                        Duration.ofMillis(config.checkpointTimeoutMs),
                                        Duration.ofMillis(config.checkpointPauseMs),
                                        config.checkpointDir + "/checkpoints"));
        log("running " + run + " (the original design)");
        CpuAccount cpu = CpuAccount.start();
        long t0 = System.nanoTime();
        JobExecutionResult result = job.run();
        long wallMs = (System.nanoTime() - t0) / 1_000_000;
        Map<String, Long> cpuMs = cpu.stop();
        Long decoded = result.getAccumulatorResult(OriginalDesignTopology.TRADES_DECODED);
        if (decoded == null || decoded != trades) {
            throw new IllegalStateException(
                    run + " decoded " + decoded + " trades, expected the tape's first " + trades);
        }
        E2eResults.Throughput t =
                new E2eResults.Throughput(
                        run,
                        false,
                        options.symbols(),
                        trades,
                        preloadMs,
                        wallMs,
                        result.getNetRuntime(TimeUnit.MILLISECONDS),
                        endOffsets(run + ".bars"),
                        endOffsets(run + ".signals"),
                        -1,
                        options.parallelism(),
                        cpuMs);
        logRun(t);
        return t;
    }

    /**
     * Writes {@code trades} trades at {@code tradesPerSecond} of event time from the session open,
     * each followed by a quote at the same time when {@code quotesTopic} is not null.
     */
    private void preload(
            String topic, String quotesTopic, TradeTape tape, long trades, double tradesPerSecond) {
        Properties p = servers.kafka().clientProperties();
        p.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, "262144");
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        p.put(ProducerConfig.BUFFER_MEMORY_CONFIG, Long.toString(128L << 20));
        AtomicReference<Exception> failure = new AtomicReference<>();
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            double step = 1000.0 / tradesPerSecond;
            for (long i = 0; i < trades; i++) {
                long ts = SESSION_OPEN_MS + (long) (i * step);
                String json = tape.next(ts, ts + 3);
                producer.send(
                        new ProducerRecord<>(topic, tape.partition, ts, tape.symbol, json),
                        (md, e) -> {
                            if (e != null) {
                                failure.compareAndSet(null, e);
                            }
                        });
                if (quotesTopic != null) {
                    producer.send(
                            new ProducerRecord<>(
                                    quotesTopic,
                                    tape.partition,
                                    ts,
                                    tape.symbol,
                                    tape.quote(ts, ts + 3)));
                }
            }
            producer.flush();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("pre-loading " + topic + " failed", failure.get());
        }
    }

    // ---------------------------------------------------------------- latency

    /**
     * One latency run.
     *
     * @param tuned with short Flink flush intervals instead of the job's
     * @param bars1m with the 1 min bar input as in production: one final bar per symbol a second
     *     after each minute (off by default: it needs minutes, and with it the figure measures the
     *     1 min input's watermark, not the 1 s path)
     */
    private void latency(boolean tuned, boolean bars1m) throws Exception {
        String settings =
                "the job's settings (JobSettings: auto-watermark-interval "
                        + JobSettings.WATERMARK_INTERVAL.toMillis()
                        + " ms, buffer-timeout "
                        + JobSettings.BUFFER_TIMEOUT.toMillis()
                        + " ms)";
        String run = tuned ? "lat-tuned" : bars1m ? "lat-bars1m" : "lat";
        String topic = run + ".trades";
        String quotes = run + ".quotes";
        String minuteBars = bars1m ? run + ".bars1m" : "";
        servers.kafka().createTopic(topic, options.partitions());
        servers.kafka().createTopic(quotes, options.partitions());
        if (bars1m) {
            servers.kafka().createTopic(minuteBars, options.partitions());
            settings = settings + ", with 1 min bars";
        }
        createOutputs(run, true);
        Configuration flinkConf = new Configuration();
        if (tuned) {
            // Since JobSettings sets these values itself, this run is a repeat of "lat" with the
            // settings explicit: it shows the run-to-run spread.
            flinkConf.set(PipelineOptions.AUTO_WATERMARK_INTERVAL, JobSettings.WATERMARK_INTERVAL);
            flinkConf.set(ExecutionOptions.BUFFER_TIMEOUT, JobSettings.BUFFER_TIMEOUT);
            settings = "the same values set explicitly (a repeat run)";
        }
        TaConfig config = JobScenario.config(jobEnv(run, topic, quotes, minuteBars));
        JobClient job = environment(config, flinkConf, run).submit();
        // The producer starts once every task runs: otherwise the warm-up is spent deploying and
        // the first measured seconds are the catch-up of a backlog, not the steady state.
        waitAllTasksRunning(job.getJobID());
        log("running " + run + " (" + settings + ")");
        SteadyProducer producer =
                new SteadyProducer(
                        servers.kafka().clientProperties(),
                        topic,
                        quotes,
                        bars1m ? minuteBars : null,
                        new TradeTape(options.latencySymbols(), options.partitions(), 11),
                        options.partitions(),
                        options.latencyRate(),
                        config.maxOutOfOrderMs);
        JitWindow jit = new JitWindow(options.parallelism());
        producer.run(
                options.latencyWarmupSeconds() * 1000L,
                options.latencyMaxWarmupSeconds() * 1000L,
                (options.latencySeconds() + config.maxOutOfOrderMs / 1000 + 2) * 1000L,
                jit::settled);
        Await.sleep(Duration.ofSeconds(3));
        job.cancel().get(60, TimeUnit.SECONDS);
        int warmupSeconds = (int) ((producer.warmupEndMs - producer.startMs + 999) / 1000);
        log(
                String.format(
                        "%s: warm-up of %d s (%s)",
                        run,
                        warmupSeconds,
                        producer.endedSettled
                                ? "the JIT settled"
                                : "the JIT had not settled: ended at its maximum"));

        // The first whole second after the warm-up.
        long firstEnd = (producer.warmupEndMs / 1000 + 1) * 1000;
        long lastEnd = firstEnd + (options.latencySeconds() - 1) * 1000L;
        List<Long> latencies = new ArrayList<>();
        // Worst latency per bar end: the seconds that stall show when (e.g. at checkpoints).
        java.util.TreeMap<Long, Long> worstByEnd = new java.util.TreeMap<>();
        // Every bar end from the producer's start, warm-up included: how long the fresh job
        // took until its latency held.
        java.util.TreeMap<Long, List<Long>> allByEnd = new java.util.TreeMap<>();
        for (ConsumerRecord<byte[], byte[]> r : readAll(run + ".signals")) {
            String json = new String(r.value(), java.nio.charset.StandardCharsets.UTF_8);
            if (!json.contains(SECOND_LANE)) {
                continue;
            }
            long end = windowEnd(json);
            if (end > lastEnd) {
                continue;
            }
            Long ready = producer.readyAt(end);
            if (ready == null) {
                if (end < firstEnd) {
                    continue;
                }
                throw new IllegalStateException("no watermark-ready time for bar end " + end);
            }
            allByEnd.computeIfAbsent(end, k -> new ArrayList<>()).add(r.timestamp() - ready);
            if (end < firstEnd) {
                continue;
            }
            latencies.add(r.timestamp() - ready);
            worstByEnd.merge(end, r.timestamp() - ready, Math::max);
        }
        long settled = settledAfterMs(allByEnd, producer.startMs, SETTLED_P99_MS);
        worstByEnd.forEach(
                (end, worst) -> {
                    if (worst > STALL_MS) {
                        log(
                                String.format(
                                        "%s: bar end %s: worst latency %,d ms",
                                        run, Instant.ofEpochMilli(end), worst));
                    }
                });
        latencies.sort(null);
        long expected = (long) options.latencySeconds() * options.latencySymbols();
        if (latencies.isEmpty()) {
            throw new IllegalStateException(run + ": no signal in the measured window");
        }
        E2eResults.Latency l =
                new E2eResults.Latency(
                        run,
                        settings,
                        options.latencyRate(),
                        producer.achievedRate(),
                        options.latencySymbols(),
                        options.latencySeconds(),
                        latencies.size(),
                        expected,
                        percentile(latencies, 50),
                        percentile(latencies, 90),
                        percentile(latencies, 99),
                        latencies.get(latencies.size() - 1),
                        latencies.stream().mapToLong(Long::longValue).average().orElse(0),
                        settled,
                        warmupSeconds);
        results.latency.add(l);
        log(
                String.format(
                        "%s: %,d signals (expected %,d), p50 %d ms, p99 %d ms, max %d ms;"
                                + " settled (p99 <= %d ms per second) %d ms after the start",
                        run,
                        l.signals(),
                        expected,
                        l.p50(),
                        l.p99(),
                        l.max(),
                        SETTLED_P99_MS,
                        settled));
    }

    /**
     * The JIT's compiling over the last {@link #SECONDS} seconds, sampled once a second: settled
     * when it took at most {@link #SETTLED_JIT_SHARE} of that time x parallelism, the bar the
     * throughput scenario's warm-up ends at. A steady-rate job's code gets hot only at the rate's
     * pace, and its latency stalls while the compiler replaces what it runs.
     */
    static final class JitWindow {
        static final int SECONDS = 5;
        private final java.util.function.LongSupplier totalCompilationMs;
        private final int parallelism;
        private final long[] compiledMs = new long[SECONDS + 1];
        private int samples;

        /** Over this JVM's JIT ({@code CompilationMXBean}). */
        JitWindow(int parallelism) {
            this(
                    parallelism,
                    java.lang.management.ManagementFactory.getCompilationMXBean()
                            ::getTotalCompilationTime);
        }

        JitWindow(int parallelism, java.util.function.LongSupplier totalCompilationMs) {
            this.parallelism = parallelism;
            this.totalCompilationMs = totalCompilationMs;
        }

        /** Takes a sample; true when the window is full and the JIT compiled little in it. */
        boolean settled() {
            compiledMs[samples % compiledMs.length] = totalCompilationMs.getAsLong();
            samples++;
            if (samples < compiledMs.length) {
                return false;
            }
            long newest = compiledMs[(samples - 1) % compiledMs.length];
            long oldest = compiledMs[samples % compiledMs.length];
            return jitSettled(newest - oldest, SECONDS * 1000L, parallelism);
        }
    }

    /** The p99 a freshly started job must get back under, and hold, to count as settled. */
    static final long SETTLED_P99_MS = 100;

    /**
     * How long after {@code startMs} (the producer's start, all tasks running) the p99 of every
     * later bar end's latencies stayed at most {@code p99Ms}: the end of the last second above it,
     * or 0 when none was; -1 when the last one was, so the job never settled in the run.
     */
    static long settledAfterMs(
            java.util.NavigableMap<Long, List<Long>> latenciesByEnd, long startMs, long p99Ms) {
        Long lastAbove = null;
        for (Map.Entry<Long, List<Long>> e : latenciesByEnd.entrySet()) {
            List<Long> sorted = new ArrayList<>(e.getValue());
            sorted.sort(null);
            if (percentile(sorted, 99) > p99Ms) {
                lastAbove = e.getKey();
            }
        }
        if (lastAbove == null) {
            return 0;
        }
        if (lastAbove.equals(latenciesByEnd.lastKey())) {
            return -1;
        }
        return Math.max(0, lastAbove - startMs);
    }

    /** Bar ends whose worst signal took longer than this are logged one by one. */
    static final long STALL_MS = 250;

    /** Marks a signal of the 1 s lane (the 1 min lane's, when on, are not counted). */
    static final String SECOND_LANE = "\"window_size\":\"PT1S\"";

    static long percentile(List<Long> sorted, int p) {
        int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
    }

    private static long windowEnd(String signalJson) {
        String key = "\"window_end\":\"";
        int i = signalJson.indexOf(key);
        if (i < 0) {
            throw new IllegalStateException("signal without window_end: " + signalJson);
        }
        int from = i + key.length();
        return Instant.parse(signalJson.substring(from, signalJson.indexOf('"', from)))
                .toEpochMilli();
    }

    /**
     * Sends trades at a steady rate with event time = wall clock, and records per bar end the
     * moment its watermark can pass (see the class comment).
     */
    static final class SteadyProducer {
        /** One quote per this many trades (quotes feed the join and hold the watermark too). */
        static final int QUOTE_EVERY = 2;

        /** 1 min bars are published this long after their minute ends. */
        static final long BARS1M_DELAY_MS = 1000;

        private final Properties props;
        private final String topic;
        private final String quotesTopic;
        private final String bars1mTopic;
        private final TradeTape tape;
        private final int partitions;
        private final int rate;
        private final long boundMs;
        private final long[] crossed;
        private final Map<Long, long[]> readiness = new HashMap<>();
        long startMs;
        long warmupEndMs;

        /** The warm-up ended because the JIT had settled, not at its maximum. */
        boolean endedSettled;

        long sent;
        long elapsedMs;

        SteadyProducer(
                Properties props,
                String topic,
                String quotesTopic,
                String bars1mTopic,
                TradeTape tape,
                int partitions,
                int rate,
                long boundMs) {
            this.props = props;
            this.topic = topic;
            this.quotesTopic = quotesTopic;
            this.bars1mTopic = bars1mTopic;
            this.tape = tape;
            this.partitions = partitions;
            this.rate = rate;
            this.boundMs = boundMs;
            // Trades' partitions, then quotes': the signal operator waits for both inputs.
            this.crossed = new long[2 * partitions];
            java.util.Arrays.fill(crossed, Long.MIN_VALUE);
        }

        /**
         * Produces at the steady rate: a warm-up of at least {@code minWarmupMs}, ended by the
         * first of the once-a-second checks of {@code warmedUp} that is true, or at {@code
         * maxWarmupMs}; then {@code afterMs} more.
         */
        void run(
                long minWarmupMs,
                long maxWarmupMs,
                long afterMs,
                java.util.function.BooleanSupplier warmedUp) {
            Properties p = new Properties();
            p.putAll(props);
            p.put(ProducerConfig.LINGER_MS_CONFIG, "0");
            AtomicReference<Exception> failure = new AtomicReference<>();
            try (KafkaProducer<String, String> producer =
                    new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
                long t0 = System.nanoTime();
                startMs = System.currentTimeMillis();
                warmupEndMs = 0;
                long durationMs = Long.MAX_VALUE;
                long nextCheckMs = 0;
                long barsPublished = Math.floorDiv(startMs, 60_000) * 60_000;
                while (true) {
                    long wall = System.currentTimeMillis();
                    if (bars1mTopic != null && wall >= barsPublished + 60_000 + BARS1M_DELAY_MS) {
                        // As the feed does: the minute's final bars a moment after it ends.
                        long minuteStart = barsPublished;
                        for (int i = 0; i < tape.symbolCount(); i++) {
                            producer.send(
                                    new ProducerRecord<>(
                                            bars1mTopic,
                                            tape.partitionOf(i),
                                            minuteStart + 60_000,
                                            tape.symbol(i),
                                            tape.minuteBar(i, minuteStart, wall)));
                        }
                        barsPublished += 60_000;
                    }
                    long elapsedNs = System.nanoTime() - t0;
                    long elapsed = elapsedNs / 1_000_000;
                    if (warmupEndMs == 0 && elapsed >= nextCheckMs) {
                        // Sampled every second from the start, judged from the minimum on.
                        nextCheckMs = elapsed + 1000;
                        boolean settled = warmedUp.getAsBoolean() && elapsed >= minWarmupMs;
                        if (settled || elapsed >= maxWarmupMs) {
                            endedSettled = settled;
                            warmupEndMs = wall;
                            durationMs = elapsed + afterMs;
                        }
                    }
                    if (elapsed >= durationMs) {
                        break;
                    }
                    long due = elapsedNs * rate / 1_000_000_000L;
                    if (sent >= due) {
                        LockSupport.parkNanos(200_000);
                        continue;
                    }
                    while (sent < due) {
                        long now = System.currentTimeMillis();
                        String json = tape.next(now, now);
                        producer.send(
                                new ProducerRecord<>(topic, tape.partition, now, tape.symbol, json),
                                (md, e) -> {
                                    if (e != null) {
                                        failure.compareAndSet(null, e);
                                    }
                                });
                        observe(tape.partition, now);
                        if (sent % QUOTE_EVERY == 0) {
                            producer.send(
                                    new ProducerRecord<>(
                                            quotesTopic,
                                            tape.partition,
                                            now,
                                            tape.symbol,
                                            tape.quote(now, now)));
                            observe(partitions + tape.partition, now);
                        }
                        sent++;
                    }
                }
                elapsedMs = (System.nanoTime() - t0) / 1_000_000;
                producer.flush();
            }
            if (failure.get() != null) {
                throw new IllegalStateException("producing to " + topic + " failed", failure.get());
            }
        }

        /**
         * A trade with event time {@code ts} was handed to the producer at wall clock {@code ts}.
         */
        private void observe(int partition, long ts) {
            long ready = Math.floorDiv(ts - boundMs, 1000) * 1000;
            long last = crossed[partition];
            if (last != Long.MIN_VALUE) {
                for (long end = last + 1000; end <= ready; end += 1000) {
                    long[] r = readiness.computeIfAbsent(end, e -> new long[2]);
                    r[0] = Math.max(r[0], ts);
                    r[1]++;
                }
            }
            if (ready > last) {
                crossed[partition] = ready;
            }
        }

        /** Wall clock at which every partition had a trade past {@code end} + bound, or null. */
        Long readyAt(long end) {
            long[] r = readiness.get(end);
            return r == null || r[1] < crossed.length ? null : r[0];
        }

        double achievedRate() {
            return sent * 1000.0 / Math.max(1, elapsedMs);
        }
    }

    // ---------------------------------------------------------------- checkpoint

    private void checkpoint() throws Exception {
        String run = "ck";
        String topic = run + ".trades";
        int symbols = options.checkpointSymbols();
        long trades = (long) symbols * options.checkpointSeconds();
        String quotes = run + ".quotes";
        servers.kafka().createTopic(topic, options.partitions());
        servers.kafka().createTopic(quotes, options.partitions());
        createOutputs(run, false);
        preload(topic, quotes, new TradeTape(symbols, options.partitions(), 13), trades, symbols);
        log(
                String.format(
                        "pre-loaded %,d trades and as many quotes of %,d symbols",
                        trades, symbols));
        JobClient job =
                environment(
                                JobScenario.config(jobEnv(run, topic, quotes)),
                                new Configuration(),
                                run)
                        .submit();
        JobID id = job.getJobID();
        waitRunning(job);
        long end = endOffsets(topic);
        // A checkpoint commits the source's offsets; once they reach the end offsets, the
        // checkpoint holds the state after the whole tape.
        Await.until(
                "the job to read and checkpoint " + topic,
                Duration.ofMinutes(5),
                () -> {
                    checkpointNow(id);
                    return committed(run, topic) >= end;
                });
        for (int i = 0; i < 2; i++) {
            checkpointNow(id);
        }
        AccessExecutionGraph graph = servers.flink().miniCluster().getExecutionGraph(id).get();
        List<AbstractCheckpointStats> all =
                graph.getCheckpointStatsSnapshot().getHistory().getCheckpoints();
        AbstractCheckpointStats last =
                graph.getCheckpointStatsSnapshot().getHistory().getLatestCompletedCheckpoint();
        int completed = 0;
        long maxDuration = 0;
        for (AbstractCheckpointStats s : all) {
            if (s.getStatus() == CheckpointStatsStatus.COMPLETED) {
                completed++;
                maxDuration = Math.max(maxDuration, s.getEndToEndDuration());
            }
        }
        Map<String, Long> byTask = new LinkedHashMap<>();
        for (TaskStateStats t : last.getAllTaskStateStats()) {
            if (t.getStateSize() > 0) {
                byTask.put(graph.getJobVertex(t.getJobVertexId()).getName(), t.getStateSize());
            }
        }
        job.cancel().get(60, TimeUnit.SECONDS);
        results.checkpoint =
                new E2eResults.Checkpoint(
                        symbols,
                        trades,
                        completed,
                        last.getStateSize(),
                        last.getEndToEndDuration(),
                        maxDuration,
                        byTask);
        log(
                String.format(
                        "checkpoint of %,d symbols: %,d B (%,.0f B/symbol) in %d ms",
                        symbols,
                        last.getStateSize(),
                        results.checkpoint.bytesPerSymbol(),
                        last.getEndToEndDuration()));
    }

    /** Triggers a checkpoint and waits for it; retried while tasks are still being deployed. */
    private void checkpointNow(JobID id) {
        Await.until(
                "a checkpoint of " + id,
                Duration.ofSeconds(30),
                () -> {
                    try {
                        servers.flink()
                                .miniCluster()
                                .triggerCheckpoint(id)
                                .get(5, TimeUnit.MINUTES);
                        return true;
                    } catch (java.util.concurrent.ExecutionException e) {
                        return false;
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
    }

    /** Waits until every subtask of the job is RUNNING (deployed and started). */
    private void waitAllTasksRunning(JobID id) {
        Await.until(
                "every task of " + id + " to run",
                Duration.ofSeconds(120),
                () -> {
                    AccessExecutionGraph graph =
                            servers.flink().miniCluster().getExecutionGraph(id).join();
                    boolean all = graph.getState() == JobStatus.RUNNING;
                    for (var vertex : graph.getAllExecutionVertices()) {
                        all &= vertex.getExecutionState() == ExecutionState.RUNNING;
                    }
                    return all;
                });
    }

    private static void waitRunning(JobClient job) {
        Await.until(
                "job " + job.getJobID() + " to run",
                Duration.ofSeconds(60),
                () -> job.getJobStatus().join() == JobStatus.RUNNING);
    }

    private long committed(String group, String topic) {
        try (Admin admin = Admin.create(servers.kafka().clientProperties())) {
            Map<TopicPartition, OffsetAndMetadata> offsets =
                    admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
            long sum = 0;
            for (var e : offsets.entrySet()) {
                if (e.getKey().topic().equals(topic) && e.getValue() != null) {
                    sum += e.getValue().offset();
                }
            }
            return sum;
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the offsets of " + group, e);
        }
    }

    // ---------------------------------------------------------------- shared

    /**
     * The job's TA_* environment: the ConfigMap's tuning, this run's topics and group, 1 min bars
     * off (that lane reads another topic and is not what these figures are about).
     */
    private Map<TaConfigKey, String> jobEnv(String run, String tradesTopic, String quotesTopic) {
        return jobEnv(run, tradesTopic, quotesTopic, "");
    }

    /** As above, with the 1 min bars read from {@code bars1mTopic} ("" disables them). */
    private Map<TaConfigKey, String> jobEnv(
            String run, String tradesTopic, String quotesTopic, String bars1mTopic) {
        Map<TaConfigKey, String> env = new EnumMap<>(CONFIGMAP_TUNING);
        env.put(TaConfigKey.TA_KAFKA_BOOTSTRAP, servers.kafka().bootstrapServers());
        env.put(TaConfigKey.TA_KAFKA_SECURITY, "PLAINTEXT");
        env.put(TaConfigKey.TA_TRADES_TOPIC, tradesTopic);
        env.put(TaConfigKey.TA_QUOTES_TOPIC, quotesTopic);
        env.put(TaConfigKey.TA_BARS1M_TOPIC, bars1mTopic);
        env.put(TaConfigKey.TA_MICROBARS_TOPIC, run + ".bars");
        env.put(TaConfigKey.TA_SIGNALS_TOPIC, run + ".signals");
        env.put(TaConfigKey.TA_STATUS_TOPIC, run + ".status");
        env.put(TaConfigKey.TA_GROUP_ID, run);
        env.put(TaConfigKey.TA_CLIENT_ID, "ta-bench-" + run);
        env.put(TaConfigKey.TA_AUTO_OFFSET_RESET, "earliest");
        env.put(TaConfigKey.TA_CHECKPOINT_DIR, "s3a://" + TestPlatform.BUCKET + "/" + run);
        env.put(TaConfigKey.TA_PARALLELISM, Integer.toString(options.parallelism()));
        return env;
    }

    private void createOutputs(String run, boolean appendTimeSignals) {
        servers.kafka().createTopic(run + ".bars", 2);
        servers.kafka()
                .createTopic(
                        run + ".signals",
                        2,
                        appendTimeSignals
                                ? Map.of("message.timestamp.type", "LogAppendTime")
                                : Map.of());
        servers.kafka().createTopic(run + ".status", 1);
    }

    /**
     * The production topology on the MiniCluster, configured as {@code TaJob.runOnCluster} does
     * (and restarting as in production), plus {@code extra} Flink settings.
     */
    private LocalFlink.Submission environment(TaConfig config, Configuration extra, String run) {
        return servers.flink()
                .job(config)
                .named(run)
                .parallelism(options.parallelism())
                .restartingAsInProduction()
                .with(extra.toMap());
    }

    private Properties consumerProps() {
        Properties p = servers.kafka().clientProperties();
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        return p;
    }

    private KafkaConsumer<byte[], byte[]> consumer() {
        return new KafkaConsumer<>(
                consumerProps(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private static List<TopicPartition> partitions(KafkaConsumer<?, ?> c, String topic) {
        List<TopicPartition> tps = new ArrayList<>();
        c.partitionsFor(topic).forEach(pi -> tps.add(new TopicPartition(topic, pi.partition())));
        return tps;
    }

    /** Records in {@code topic}: the sum of its end offsets. */
    private long endOffsets(String topic) {
        try (KafkaConsumer<byte[], byte[]> c = consumer()) {
            return c.endOffsets(partitions(c, topic)).values().stream()
                    .mapToLong(Long::longValue)
                    .sum();
        }
    }

    private List<ConsumerRecord<byte[], byte[]>> readAll(String topic) {
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        servers.kafka().readToEnd(topic, false, new ByteArrayDeserializer(), out::add);
        return out;
    }
}
