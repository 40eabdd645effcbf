package io.torghut.ta.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.torghut.ta.job.clickhouse.ClickHouseDialect;
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

    @Test
    void everyOperatorHasAPinnedUid() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("TA_KAFKA_SECURITY", "PLAINTEXT");
        env.put("TA_DEADLETTER_TOPIC", "torghut.ta.deadletter.v1");
        env.put("TA_CLICKHOUSE_URL", "jdbc:clickhouse://127.0.0.1:8123/torghut");
        TaConfig c = TaConfig.fromEnv(env);
        StreamExecutionEnvironment flink = StreamExecutionEnvironment.getExecutionEnvironment();
        new TaTopology(
                        c,
                        new TaTopology.Inputs(
                                KafkaSources.source(c, InputKind.TRADES, c.tradesTopic, false),
                                KafkaSources.source(c, InputKind.QUOTES, c.quotesTopic, false),
                                KafkaSources.source(c, InputKind.BARS1M, c.bars1mTopic, false)),
                        new TaTopology.Outputs(
                                new LinkedHashMap<>(
                                        Map.of(
                                                "kafka",
                                                KafkaSinks.bars(c),
                                                "clickhouse",
                                                ClickHouseSinks.bars(
                                                        c, ClickHouseDialect.PRODUCTION))),
                                new LinkedHashMap<>(
                                        Map.of(
                                                "kafka",
                                                KafkaSinks.signals(c),
                                                "clickhouse",
                                                ClickHouseSinks.signals(
                                                        c, ClickHouseDialect.PRODUCTION))),
                                KafkaSinks.status(c),
                                KafkaSinks.deadLetters(c),
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
        assertThat(uids).isEqualTo(PINNED);
        assertThat(TaTopology.UIDS)
                .containsAll(uids.stream().filter(u -> !u.startsWith("ta-sink-")).toList());
    }
}
