package io.torghut.ta.job;

import io.torghut.ta.core.bars.Bar;
import io.torghut.ta.core.signals.SignalRow;
import io.torghut.ta.job.clickhouse.SchemaInitializer;
import io.torghut.ta.job.config.TaConfig;
import io.torghut.ta.job.sinks.ClickHouseSinks;
import io.torghut.ta.job.sinks.KafkaSinks;
import io.torghut.ta.job.sources.InputKind;
import io.torghut.ta.job.sources.KafkaBrokerCheck;
import io.torghut.ta.job.sources.KafkaSources;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Entry point of the TA job on the cluster: the FlinkDeployment runs it without arguments; it reads
 * the {@code TA_*} environment, checks ClickHouse, and runs the topology with Kafka sources and
 * Kafka and ClickHouse sinks. (The local run on an embedded MiniCluster is the {@code ta-local}
 * module's.)
 */
public final class TaJob {
    private static final Logger LOG = LoggerFactory.getLogger(TaJob.class);

    private TaJob() {}

    /** Runs the job on the cluster; it takes no arguments, only the {@code TA_*} environment. */
    public static void main(String[] args) throws Exception {
        if (args.length != 0) {
            throw new IllegalArgumentException(
                    "the TA job takes no arguments, only TA_* environment variables; got "
                            + String.join(" ", args)
                            + " (the local run is ./run-local.sh)");
        }
        runOnCluster(TaConfig.fromEnv(System.getenv()));
    }

    /** The production job: Kafka in, Kafka and ClickHouse out, status and dead letters. */
    public static void runOnCluster(TaConfig config) throws Exception {
        LOG.info("Starting torghut TA job with {}", config.describe());
        KafkaBrokerCheck.atJobStart(config, LOG);
        Configuration conf = JobSettings.apply(config, new Configuration());
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(config.parallelism);
        productionTopology(config, false).build(env);
        env.execute("torghut-ta");
    }

    /** The production topology (Kafka sources, Kafka and ClickHouse sinks). */
    public static TaTopology productionTopology(TaConfig c, boolean bounded) throws Exception {
        Map<String, Sink<Bar>> bars = new LinkedHashMap<>();
        Map<String, Sink<SignalRow>> signals = new LinkedHashMap<>();
        bars.put("kafka", KafkaSinks.bars(c));
        signals.put("kafka", KafkaSinks.signals(c));
        if (c.clickhouseUrl != null) {
            SchemaInitializer.Targets clickhouse = SchemaInitializer.initialize(c);
            bars.put("clickhouse", ClickHouseSinks.bars(c, clickhouse));
            signals.put("clickhouse", ClickHouseSinks.signals(c, clickhouse));
        }
        return new TaTopology(
                c,
                new TaTopology.Inputs(
                        KafkaSources.source(c, InputKind.TRADES, c.tradesTopic, bounded),
                        c.quotesTopic == null
                                ? null
                                : KafkaSources.source(c, InputKind.QUOTES, c.quotesTopic, bounded),
                        c.bars1mTopic == null
                                ? null
                                : KafkaSources.source(c, InputKind.BARS1M, c.bars1mTopic, bounded)),
                new TaTopology.Outputs(
                        bars,
                        signals,
                        c.statusTopic == null ? null : KafkaSinks.status(c),
                        c.deadLetterTopic == null ? null : KafkaSinks.deadLetters(c),
                        null));
    }
}
