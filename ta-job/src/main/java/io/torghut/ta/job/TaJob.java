package io.torghut.ta.job;

import io.torghut.ta.core.bars.Bar;
import io.torghut.ta.core.signals.SignalRow;
import io.torghut.ta.job.clickhouse.ClickHouseDialect;
import io.torghut.ta.job.clickhouse.SchemaInitializer;
import io.torghut.ta.job.config.TaConfig;
import io.torghut.ta.job.sinks.ClickHouseSinks;
import io.torghut.ta.job.sinks.KafkaSinks;
import io.torghut.ta.job.sources.InputKind;
import io.torghut.ta.job.sources.KafkaSources;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Entry point of the TA job.
 *
 * <p>On the cluster (the FlinkDeployment runs it with no arguments) it reads the {@code TA_*}
 * environment, checks ClickHouse, and runs the topology with Kafka sources and Kafka and ClickHouse
 * sinks. With arguments it is the local runner ({@link LocalRunCommand}): {@code --local} runs the
 * same topology on an embedded MiniCluster; {@code --help} lists everything.
 */
public final class TaJob {
    private static final Logger LOG = LoggerFactory.getLogger(TaJob.class);

    private TaJob() {}

    /** Runs on the cluster without arguments, or the local runner with them. */
    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            runOnCluster(TaConfig.fromEnv(System.getenv()));
            return;
        }
        int code = LocalRunCommand.run(args);
        if (code != 0) {
            System.exit(code);
        }
    }

    /** The production job: Kafka in, Kafka and ClickHouse out, status and dead letters. */
    public static void runOnCluster(TaConfig config) throws Exception {
        LOG.info("Starting torghut TA job with {}", config.describe());
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
            ClickHouseDialect dialect = SchemaInitializer.initialize(c);
            bars.put("clickhouse", ClickHouseSinks.bars(c, dialect));
            signals.put("clickhouse", ClickHouseSinks.signals(c, dialect));
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
