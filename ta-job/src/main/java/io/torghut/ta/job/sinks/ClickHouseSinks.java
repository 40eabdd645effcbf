package io.torghut.ta.job.sinks;

import io.torghut.ta.core.bars.Bar;
import io.torghut.ta.core.signals.SignalRow;
import io.torghut.ta.job.clickhouse.ClickHouseDialect;
import io.torghut.ta.job.clickhouse.RowStatementBuilder;
import io.torghut.ta.job.clickhouse.RowValues;
import io.torghut.ta.job.clickhouse.TaTables;
import io.torghut.ta.job.config.TaConfig;
import org.apache.flink.connector.jdbc.JdbcConnectionOptions;
import org.apache.flink.connector.jdbc.JdbcExecutionOptions;
import org.apache.flink.connector.jdbc.core.datastream.sink.JdbcSink;

/**
 * The ClickHouse sinks: {@code JdbcSink} at-least-once (wrapped so that a failed batch fails the
 * task over without taking the TaskManager down, see {@link FailoverSafeJdbcSink}) with the
 * configured batch size (honoured as given: no silent cap), flush interval and retries. Idempotence
 * comes from the tables: rows have a deterministic (symbol, event_ts, seq) key and
 * ReplacingMergeTree keeps one per key.
 */
public final class ClickHouseSinks {
    /** The legacy driver that works with every server version we meet (see dependencies.md). */
    public static final String DRIVER = "ru.yandex.clickhouse.ClickHouseDriver";

    private ClickHouseSinks() {}

    /** The execution options the sinks use for a configuration. */
    public static JdbcExecutionOptions executionOptions(TaConfig c) {
        return JdbcExecutionOptions.builder()
                .withBatchSize(c.clickhouseBatchSize)
                .withBatchIntervalMs(c.clickhouseFlushMs)
                .withMaxRetries(c.clickhouseMaxRetries)
                .build();
    }

    /** Connection options; the password never leaves this object. */
    public static JdbcConnectionOptions connection(TaConfig c) {
        var b =
                new JdbcConnectionOptions.JdbcConnectionOptionsBuilder()
                        .withUrl(c.clickhouseUrl)
                        .withDriverName(DRIVER)
                        .withConnectionCheckTimeoutSeconds(c.clickhouseConnTimeoutSeconds);
        if (c.clickhouseUsername != null) {
            b.withUsername(c.clickhouseUsername);
        }
        if (c.clickhousePassword() != null) {
            b.withPassword(c.clickhousePassword());
        }
        return b.build();
    }

    /**
     * The database named in a {@code jdbc:clickhouse://host:port/db?...} URL, default "default".
     */
    public static String database(String url) {
        String rest = url.substring("jdbc:clickhouse://".length());
        int slash = rest.indexOf('/');
        if (slash < 0) {
            return "default";
        }
        String db = rest.substring(slash + 1);
        int q = db.indexOf('?');
        db = q < 0 ? db : db.substring(0, q);
        return db.isEmpty() ? "default" : db;
    }

    /** The {@code ta_microbars} sink. */
    public static FailoverSafeJdbcSink<Bar> bars(TaConfig c, ClickHouseDialect dialect) {
        String db = database(c.clickhouseUrl);
        return new FailoverSafeJdbcSink<>(
                JdbcSink.<Bar>builder()
                        .withQueryStatement(
                                TaTables.MICROBARS.insert(db),
                                new RowStatementBuilder<>(
                                        TaTables.MICROBARS,
                                        dialect,
                                        in -> RowValues.bar(in.row(), in.ingestTs())))
                        .withExecutionOptions(executionOptions(c))
                        .buildAtLeastOnce(connection(c)));
    }

    /** The {@code ta_signals} sink. */
    public static FailoverSafeJdbcSink<SignalRow> signals(TaConfig c, ClickHouseDialect dialect) {
        String db = database(c.clickhouseUrl);
        return new FailoverSafeJdbcSink<>(
                JdbcSink.<SignalRow>builder()
                        .withQueryStatement(
                                TaTables.SIGNALS.insert(db),
                                new RowStatementBuilder<>(
                                        TaTables.SIGNALS,
                                        dialect,
                                        in -> RowValues.signal(in.row(), in.ingestTs())))
                        .withExecutionOptions(executionOptions(c))
                        .buildAtLeastOnce(connection(c)));
    }
}
