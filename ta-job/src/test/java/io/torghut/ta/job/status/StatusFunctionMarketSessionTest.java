package io.torghut.ta.job.status;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.torghut.ta.job.model.StatusSample;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Metric;
import org.apache.flink.runtime.clusterframework.types.ResourceID;
import org.apache.flink.runtime.executiongraph.ExecutionAttemptID;
import org.apache.flink.runtime.metrics.groups.TaskManagerMetricGroup;
import org.apache.flink.runtime.metrics.util.TestingMetricRegistry;
import org.apache.flink.runtime.operators.testutils.MockEnvironment;
import org.apache.flink.runtime.operators.testutils.MockEnvironmentBuilder;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * {@link StatusFunction} in Flink's keyed-operator harness with a metric registry that records what
 * the operator registers: the gauge {@code ta.market_session_open} exists, reads what {@link
 * MarketSession} says now, follows the job parameter {@value MarketSession#JOB_PARAMETER}, and the
 * heartbeat's {@code market_hours} comes from the same session.
 */
class StatusFunctionMarketSessionTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private record Opened(
            KeyedOneInputStreamOperatorTestHarness<String, StatusSample, String> harness,
            StatusFunction function,
            Map<String, Metric> metrics) {}

    private static Opened open(String marketSession) throws Exception {
        Map<String, Metric> metrics = new ConcurrentHashMap<>();
        TestingMetricRegistry registry =
                TestingMetricRegistry.builder()
                        .setRegisterConsumer(
                                (metric, name, group) ->
                                        metrics.put(group.getMetricIdentifier(name), metric))
                        .build();
        ExecutionConfig config = new ExecutionConfig();
        if (marketSession != null) {
            Configuration params = new Configuration();
            params.setString(MarketSession.JOB_PARAMETER, marketSession);
            config.setGlobalJobParameters(params);
        }
        MockEnvironment env =
                new MockEnvironmentBuilder()
                        .setExecutionConfig(config)
                        .setMetricGroup(
                                TaskManagerMetricGroup.createTaskManagerMetricGroup(
                                                registry, "host", ResourceID.generate())
                                        .addJob(new JobID(), "torghut-ta")
                                        .addTask(ExecutionAttemptID.randomId(), "status"))
                        .build();
        StatusFunction function = new StatusFunction(60_000, 120_000, 300_000);
        var harness =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        new KeyedProcessOperator<>(function), s -> "ta", Types.STRING, env);
        harness.open();
        return new Opened(harness, function, metrics);
    }

    @SuppressWarnings("unchecked")
    private static Gauge<Integer> gauge(Map<String, Metric> metrics) {
        return metrics.entrySet().stream()
                .filter(e -> e.getKey().endsWith(".ta." + StatusFunction.MARKET_SESSION_GAUGE))
                .map(e -> (Gauge<Integer>) e.getValue())
                .findFirst()
                .orElseThrow(() -> new AssertionError("no market session gauge in " + metrics));
    }

    private static boolean marketHours(StatusFunction f, String instant) throws Exception {
        long now = Instant.parse(instant).toEpochMilli();
        return MAPPER.readTree(f.render(now, Long.MIN_VALUE)).path("market_hours").asBoolean();
    }

    @Test
    void theGaugeReadsTheCalendarNow() throws Exception {
        Opened o = open(null);
        try {
            int expected = MarketSession.calendar().isOpen(System.currentTimeMillis()) ? 1 : 0;
            assertThat(gauge(o.metrics()).getValue()).isEqualTo(expected);
            // The heartbeat decides market hours by the same calendar: New York time, holidays.
            assertThat(marketHours(o.function(), "2026-03-09T13:45:00Z")).isTrue();
            assertThat(marketHours(o.function(), "2026-03-09T20:30:00Z")).isFalse();
            assertThat(marketHours(o.function(), "2026-11-26T15:00:00Z")).isFalse();
        } finally {
            o.harness().close();
        }
    }

    @Test
    void theJobParameterOverridesGaugeAndHeartbeatAlike() throws Exception {
        Opened open = open("open");
        try {
            assertThat(gauge(open.metrics()).getValue()).isEqualTo(1);
            assertThat(marketHours(open.function(), "2026-11-26T15:00:00Z")).isTrue();
        } finally {
            open.harness().close();
        }
        Opened closed = open("closed");
        try {
            assertThat(gauge(closed.metrics()).getValue()).isZero();
            assertThat(marketHours(closed.function(), "2026-11-25T15:00:00Z")).isFalse();
        } finally {
            closed.harness().close();
        }
    }
}
