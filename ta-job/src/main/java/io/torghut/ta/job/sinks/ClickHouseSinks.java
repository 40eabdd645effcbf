package io.torghut.ta.job.sinks;

import io.torghut.ta.core.bars.Bar;
import io.torghut.ta.core.signals.SignalRow;
import io.torghut.ta.job.clickhouse.RowValues;
import io.torghut.ta.job.clickhouse.SchemaInitializer;
import io.torghut.ta.job.config.TaConfig;
import java.time.Duration;

/**
 * The two ClickHouse sinks of the job ({@link ClickHouseSink}), configured by the {@code
 * TA_CLICKHOUSE_*} settings and the {@link SchemaInitializer.Targets} the start-up check found.
 * Idempotence comes from the tables: rows have a deterministic (symbol, event_ts, seq) key and
 * ReplacingMergeTree keeps one per key.
 */
public final class ClickHouseSinks {
    private ClickHouseSinks() {}

    /** How the sinks batch and retry for a configuration. */
    public static ClickHouseSink.Batching batching(TaConfig c) {
        return new ClickHouseSink.Batching(
                c.clickhouseBatchSize,
                c.clickhouseBatchBytes,
                c.clickhouseFlushMs,
                c.clickhouseMaxRetries,
                Duration.ofSeconds(c.clickhouseConnTimeoutSeconds));
    }

    /** The {@code ta_microbars} sink. */
    public static ClickHouseSink<Bar> bars(TaConfig c, SchemaInitializer.Targets t) {
        return new ClickHouseSink<>(
                t.endpoint(),
                t.serverVersion(),
                c.clickhouseUsername,
                c.clickhousePassword(),
                t.bars(),
                batching(c),
                b -> RowValues.bar(b, System.currentTimeMillis()));
    }

    /** The {@code ta_signals} sink. */
    public static ClickHouseSink<SignalRow> signals(TaConfig c, SchemaInitializer.Targets t) {
        return new ClickHouseSink<>(
                t.endpoint(),
                t.serverVersion(),
                c.clickhouseUsername,
                c.clickhousePassword(),
                t.signals(),
                batching(c),
                s -> RowValues.signal(s, System.currentTimeMillis()));
    }
}
