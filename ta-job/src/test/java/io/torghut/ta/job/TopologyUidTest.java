package io.torghut.ta.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.torghut.ta.job.clickhouse.ClickHouseEndpoint;
import io.torghut.ta.job.clickhouse.SchemaInitializer;
import io.torghut.ta.job.config.TaConfig;
import io.torghut.ta.job.sinks.ClickHouseSinks;
import io.torghut.ta.job.sinks.KafkaSinks;
import io.torghut.ta.job.sources.InputKind;
import io.torghut.ta.job.sources.KafkaSources;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.flink.api.dag.Transformation;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.transformations.PartitionTransformation;
import org.apache.flink.streaming.api.transformations.SideOutputTransformation;
import org.apache.flink.streaming.api.transformations.UnionTransformation;
import org.junit.jupiter.api.Test;

/**
 * Every stateful or stateless operator of the production topology has a stable uid, and the set of
 * uids is pinned: changing one would orphan its state on the next restore, so it must be a
 * deliberate change to this list (and an {@code allowNonRestoredState} decision).
 */
class TopologyUidTest {
    static final Set<String> PINNED =
            new TreeSet<>(
                    List.of(
                            "ta-source-trades",
                            "ta-sample-trades",
                            "ta-validate-trades",
                            "ta-source-quotes",
                            "ta-sample-quotes",
                            "ta-validate-quotes",
                            "ta-source-bars1m",
                            "ta-sample-bars1m",
                            "ta-validate-bars1m",
                            "ta-bars1m-to-bar",
                            "ta-microbars",
                            "ta-signals",
                            "ta-signals-1m",
                            "ta-clock-1m",
                            "ta-signals-sample",
                            "ta-status",
                            "ta-sink-status",
                            "ta-sink-deadletters",
                            "ta-sink-microbars-kafka",
                            "ta-sink-microbars-clickhouse",
                            "ta-sink-signals-kafka",
                            "ta-sink-signals-clickhouse"));

    /** The uids of the production graph without quotes (and, if asked, without 1 min bars). */
    static final Set<String> PINNED_WITHOUT_QUOTES =
            new TreeSet<>(
                    List.of(
                            "ta-source-trades",
                            "ta-sample-trades",
                            "ta-validate-trades",
                            "ta-source-bars1m",
                            "ta-sample-bars1m",
                            "ta-validate-bars1m",
                            "ta-bars1m-to-bar",
                            "ta-microbars",
                            "ta-no-quotes-1s",
                            "ta-signals",
                            "ta-signals-1m",
                            "ta-clock-1m",
                            "ta-signals-sample",
                            "ta-status",
                            "ta-sink-status",
                            "ta-sink-microbars-kafka",
                            "ta-sink-signals-kafka"));

    @Test
    void everyOperatorHasAPinnedUid() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("TA_KAFKA_SECURITY", "PLAINTEXT");
        env.put("TA_DEADLETTER_TOPIC", "torghut.ta.deadletter.v1");
        env.put("TA_CLICKHOUSE_URL", "jdbc:clickhouse://127.0.0.1:8123/torghut");
        TaConfig c = TaConfig.fromEnv(env);
        assertThat(uids(c, true)).isEqualTo(PINNED);
    }

    @Test
    void theGraphWithoutQuotesHasItsOwnPinnedUidsAndTheListNamesThemAll() {
        TaConfig noQuotes =
                TaConfig.fromEnv(Map.of("TA_KAFKA_SECURITY", "PLAINTEXT", "TA_QUOTES_TOPIC", ""));
        assertThat(uids(noQuotes, false)).isEqualTo(PINNED_WITHOUT_QUOTES);
        TaConfig tradesOnly =
                TaConfig.fromEnv(
                        Map.of(
                                "TA_KAFKA_SECURITY",
                                "PLAINTEXT",
                                "TA_QUOTES_TOPIC",
                                "",
                                "TA_BARS1M_TOPIC",
                                ""));
        Set<String> tradesOnlyUids = new TreeSet<>(PINNED_WITHOUT_QUOTES);
        tradesOnlyUids.removeAll(
                List.of(
                        "ta-source-bars1m",
                        "ta-sample-bars1m",
                        "ta-validate-bars1m",
                        "ta-bars1m-to-bar",
                        "ta-signals-1m",
                        "ta-clock-1m"));
        assertThat(uids(tradesOnly, false)).isEqualTo(tradesOnlyUids);

        // TaTopology.UIDS lists every non-sink uid of every graph, and nothing else.
        Set<String> all = new TreeSet<>(PINNED);
        all.addAll(PINNED_WITHOUT_QUOTES);
        all.removeIf(u -> u.startsWith("ta-sink-"));
        assertThat(new TreeSet<>(TaTopology.UIDS)).isEqualTo(all);
    }

    /** The uids of the production graph of {@code c}; fails on an operator without one. */
    private static Set<String> uids(TaConfig c, boolean withClickHouse) {
        Map<String, org.apache.flink.api.connector.sink2.Sink<io.torghut.ta.core.bars.Bar>> bars =
                new LinkedHashMap<>();
        Map<String, org.apache.flink.api.connector.sink2.Sink<io.torghut.ta.core.signals.SignalRow>>
                signals = new LinkedHashMap<>();
        bars.put("kafka", KafkaSinks.bars(c));
        signals.put("kafka", KafkaSinks.signals(c));
        if (withClickHouse) {
            SchemaInitializer.Targets targets =
                    SchemaInitializer.Targets.ownSchema(
                            ClickHouseEndpoint.parse(c.clickhouseUrl), "26.3.16.10001");
            bars.put("clickhouse", ClickHouseSinks.bars(c, targets));
            signals.put("clickhouse", ClickHouseSinks.signals(c, targets));
        }
        StreamExecutionEnvironment flink = StreamExecutionEnvironment.getExecutionEnvironment();
        new TaTopology(
                        c,
                        new TaTopology.Inputs(
                                KafkaSources.source(c, InputKind.TRADES, c.tradesTopic, false),
                                c.quotesTopic == null
                                        ? null
                                        : KafkaSources.source(
                                                c, InputKind.QUOTES, c.quotesTopic, false),
                                c.bars1mTopic == null
                                        ? null
                                        : KafkaSources.source(
                                                c, InputKind.BARS1M, c.bars1mTopic, false)),
                        new TaTopology.Outputs(
                                bars,
                                signals,
                                KafkaSinks.status(c),
                                c.deadLetterTopic == null ? null : KafkaSinks.deadLetters(c),
                                null))
                .build(flink);

        Set<String> uids = new TreeSet<>();
        List<String> missing = new ArrayList<>();
        Deque<Transformation<?>> todo = new ArrayDeque<>(flink.getTransformations());
        Set<Transformation<?>> seen = new java.util.HashSet<>();
        while (!todo.isEmpty()) {
            Transformation<?> t = todo.pop();
            if (!seen.add(t)) {
                continue;
            }
            todo.addAll(t.getInputs());
            boolean structural =
                    t instanceof PartitionTransformation
                            || t instanceof UnionTransformation
                            || t instanceof SideOutputTransformation;
            if (structural) {
                continue;
            }
            if (t.getUid() == null) {
                missing.add(t.getName());
            } else {
                uids.add(t.getUid());
            }
        }
        assertThat(missing).as("operators without a uid").isEmpty();
        return uids;
    }
}
