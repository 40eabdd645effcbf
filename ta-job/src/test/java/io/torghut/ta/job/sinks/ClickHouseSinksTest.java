package io.torghut.ta.job.sinks;

import static org.assertj.core.api.Assertions.assertThat;

import io.torghut.ta.job.config.TaConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Tests for {@link ClickHouseSinks}: the batching the TA_CLICKHOUSE_* settings give. */
class ClickHouseSinksTest {
    @Test
    void configuredBatchSizeIsHonouredWithoutACap() {
        for (String size : new String[] {"1", "25", "1000", "50000"}) {
            TaConfig c =
                    TaConfig.fromEnv(
                            Map.of(
                                    "TA_KAFKA_SECURITY",
                                    "PLAINTEXT",
                                    "TA_CLICKHOUSE_BATCH_SIZE",
                                    size,
                                    "TA_CLICKHOUSE_FLUSH_MS",
                                    "5000",
                                    "TA_CLICKHOUSE_MAX_RETRIES",
                                    "2"));
            var batching = ClickHouseSinks.batching(c);
            assertThat(batching.rows()).isEqualTo(Integer.parseInt(size));
            assertThat(batching.maxAgeMs()).isEqualTo(5000);
            assertThat(batching.maxRetries()).isEqualTo(2);
            assertThat(batching.bytes()).isEqualTo(16 << 20);
        }
    }
}
