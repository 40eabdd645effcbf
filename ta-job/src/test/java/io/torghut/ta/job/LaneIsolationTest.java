package io.torghut.ta.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.torghut.ta.job.config.TaConfig;
import io.torghut.ta.job.sinks.KafkaSinks;
import io.torghut.ta.job.sources.InputKind;
import io.torghut.ta.job.sources.KafkaSources;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.apache.flink.api.dag.Transformation;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;

/**
 * The 1 s signal lane reads only trades and quotes: its watermark must not wait for the 1 min bar
 * topic, whose watermark moves once a minute (when one operator served both lanes, live 1 s signals
 * were held back by up to the idle timeout). And the topology builds with quotes or 1 min bars
 * disabled.
 */
class LaneIsolationTest {

    @Test
    void theSecondLaneDependsOnTradesAndQuotesOnly() {
        StreamExecutionEnvironment env = build(true, true);
        assertThat(upstreamUids(env, "ta-signals"))
                .contains("ta-source-trades", "ta-source-quotes")
                .doesNotContain("ta-source-bars1m", "ta-bars1m-to-bar");
        // The 1 min lane keeps the trades' watermark as a clock (no trade records reach it), so
        // its last bars still close when its own inputs have gone idle.
        assertThat(upstreamUids(env, "ta-signals-1m"))
                .contains("ta-source-bars1m", "ta-source-quotes", "ta-clock-1m");
    }

    @Test
    void withQuotesDisabledTheLanesJoinNoQuote() {
        StreamExecutionEnvironment env = build(false, true);
        assertThat(upstreamUids(env, "ta-signals"))
                .contains("ta-source-trades", "ta-no-quotes-1s")
                .doesNotContain("ta-source-bars1m");
        assertThat(upstreamUids(env, "ta-signals-1m"))
                .contains("ta-source-bars1m", "ta-clock-1m")
                .doesNotContain("ta-source-quotes");
        assertThat(env.getStreamGraph().getStreamNodes()).isNotEmpty();
    }

    @Test
    void withTradesOnlyTheGraphBuilds() {
        StreamExecutionEnvironment env = build(false, false);
        assertThat(upstreamUids(env, "ta-signals")).contains("ta-source-trades");
        assertThat(env.getStreamGraph().getStreamNodes()).isNotEmpty();
    }

    private static StreamExecutionEnvironment build(boolean quotes, boolean bars1m) {
        Map<String, String> vars = new LinkedHashMap<>();
        vars.put("TA_KAFKA_SECURITY", "PLAINTEXT");
        vars.put("TA_QUOTES_TOPIC", quotes ? "q" : "");
        vars.put("TA_BARS1M_TOPIC", bars1m ? "b" : "");
        TaConfig c = TaConfig.fromEnv(vars);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        new TaTopology(
                        c,
                        new TaTopology.Inputs(
                                KafkaSources.source(c, InputKind.TRADES, c.tradesTopic, false),
                                quotes
                                        ? KafkaSources.source(c, InputKind.QUOTES, "q", false)
                                        : null,
                                bars1m
                                        ? KafkaSources.source(c, InputKind.BARS1M, "b", false)
                                        : null),
                        TaTopology.outputs(
                                new LinkedHashMap<>(Map.of("kafka", KafkaSinks.bars(c))),
                                new LinkedHashMap<>(Map.of("kafka", KafkaSinks.signals(c)))))
                .build(env);
        return env;
    }

    /** The uids of every transformation upstream of the one with {@code uid}. */
    private static Set<String> upstreamUids(StreamExecutionEnvironment env, String uid) {
        Transformation<?> start = null;
        Deque<Transformation<?>> todo = new ArrayDeque<>(env.getTransformations());
        Set<Transformation<?>> seen = new HashSet<>();
        while (!todo.isEmpty() && start == null) {
            Transformation<?> t = todo.pop();
            if (!seen.add(t)) {
                continue;
            }
            if (uid.equals(t.getUid())) {
                start = t;
            }
            todo.addAll(t.getInputs());
        }
        assertThat(start).as("operator %s", uid).isNotNull();
        Set<String> uids = new HashSet<>();
        Deque<Transformation<?>> up = new ArrayDeque<>(start.getInputs());
        while (!up.isEmpty()) {
            Transformation<?> t = up.pop();
            if (t.getUid() != null) {
                uids.add(t.getUid());
            }
            up.addAll(t.getInputs());
        }
        return uids;
    }
}
