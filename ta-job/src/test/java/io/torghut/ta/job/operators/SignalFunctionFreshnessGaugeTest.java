package io.torghut.ta.job.operators;

import static org.assertj.core.api.Assertions.assertThat;

import io.torghut.ta.core.bars.Bar;
import io.torghut.ta.core.signals.SignalEngineConfig;
import io.torghut.ta.job.model.QuoteEvent;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.apache.flink.util.InstantiationUtil;
import org.junit.jupiter.api.Test;

/**
 * What the 1 s lane's {@code ta.signal_freshness_lag_ms} reads on a subtask that has emitted no
 * signal: -1, also after the function was serialised and deserialised as Flink ships it to a task
 * (its transient fields then start at 0, which read as a lag of the whole epoch).
 */
class SignalFunctionFreshnessGaugeTest {
    @Test
    void aShippedFunctionWithNoSignalYetReadsMinusOne() throws Exception {
        SignalFunction shipped =
                InstantiationUtil.clone(
                        SignalFunction.secondLane(SignalEngineConfig.microBars()),
                        getClass().getClassLoader());
        try (var harness =
                new KeyedTwoInputStreamOperatorTestHarness<>(
                        new KeyedCoProcessOperator<>(shipped),
                        Bar::symbol,
                        (QuoteEvent q) -> q.symbol,
                        Types.STRING)) {
            harness.open();
            assertThat(shipped.freshnessLagMs()).isEqualTo(-1L);
        }
    }
}
