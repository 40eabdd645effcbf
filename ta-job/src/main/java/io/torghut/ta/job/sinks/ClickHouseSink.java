package io.torghut.ta.job.sinks;

import io.torghut.ta.job.clickhouse.ClickHouseEndpoint;
import io.torghut.ta.job.clickhouse.HttpClickHouse;
import io.torghut.ta.job.clickhouse.HttpClickHouse.ClickHouseFailure;
import io.torghut.ta.job.clickhouse.InsertPlan;
import io.torghut.ta.job.clickhouse.RowBinaryBuffer;
import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;
import org.apache.flink.util.function.SerializableFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Flink sink that writes rows into one ClickHouse table through ClickHouse's official client, as
 * RowBinary with an explicit column list ({@code INSERT INTO t (c1, ...) FORMAT RowBinary}), each
 * value encoded for the column's real type ({@link InsertPlan}).
 *
 * <p>Rows are batched by count ({@code TA_CLICKHOUSE_BATCH_SIZE}), bytes ({@code
 * TA_CLICKHOUSE_BATCH_BYTES}) and age ({@code TA_CLICKHOUSE_FLUSH_MS}), and every batch is written
 * before a checkpoint completes: Flink flushes a writer before it passes the barrier on, so nothing
 * is acknowledged to Kafka (offsets are committed on checkpoints) that is not stored in ClickHouse.
 * A failed insert is tried again {@code TA_CLICKHOUSE_MAX_RETRIES} times with doubling pauses;
 * after that the task fails and the restart strategy restores the job from its last checkpoint,
 * which writes the batch again. Nothing is dropped: rows are at-least-once, and the tables'
 * ReplacingMergeTree keys make a repeat replace the row.
 *
 * <p>Metrics (group {@code ta.clickhouse}): {@code rows_written}, {@code batches_written}, {@code
 * bytes_written}, {@code retries}, {@code failures}, {@code insert_latency_ms}, {@code
 * last_success_age_ms} and {@code pending_rows}.
 */
public final class ClickHouseSink<T> implements Sink<T> {
    private static final long serialVersionUID = 1L;
    private static final long FIRST_RETRY_PAUSE_MS = 200;
    private static final long MAX_RETRY_PAUSE_MS = 10_000;

    private final ClickHouseEndpoint endpoint;
    private final String serverVersion;
    private final String user;
    private final String password;
    private final InsertPlan plan;
    private final SerializableFunction<T, Object[]> values;
    private final Batching batching;

    /**
     * How rows are grouped into inserts and how failures are handled.
     *
     * @param rows rows per insert at most
     * @param bytes bytes per insert at most (the row that crosses it is the last)
     * @param maxAgeMs the oldest row waits at most this long (0: every row is sent at once)
     * @param maxRetries tries after the first before the task fails
     * @param timeout how long one request may take
     */
    public record Batching(int rows, int bytes, long maxAgeMs, int maxRetries, Duration timeout)
            implements java.io.Serializable {
        /** Validates the values. */
        public Batching {
            if (rows < 1 || bytes < 1024 || maxAgeMs < 0 || maxRetries < 0) {
                throw new IllegalArgumentException(
                        "batching needs rows >= 1, bytes >= 1024, maxAgeMs >= 0 and maxRetries >="
                                + " 0, got "
                                + rows
                                + ", "
                                + bytes
                                + ", "
                                + maxAgeMs
                                + ", "
                                + maxRetries);
            }
        }
    }

    /** A sink of {@code plan}'s table; {@code values} gives a row's values in RowValues order. */
    public ClickHouseSink(
            ClickHouseEndpoint endpoint,
            String serverVersion,
            String user,
            String password,
            InsertPlan plan,
            Batching batching,
            SerializableFunction<T, Object[]> values) {
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.serverVersion = serverVersion;
        this.user = user;
        this.password = password;
        this.plan = Objects.requireNonNull(plan, "plan");
        this.batching = Objects.requireNonNull(batching, "batching");
        this.values = Objects.requireNonNull(values, "values");
    }

    /** The plan it writes by. */
    public InsertPlan plan() {
        return plan;
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) {
        HttpClickHouse client =
                HttpClickHouse.connect(endpoint, user, password, batching.timeout(), serverVersion);
        return new Writer<>(
                client,
                plan,
                batching,
                values,
                context.getProcessingTimeService(),
                context.metricGroup().addGroup("ta").addGroup("clickhouse"));
    }

    /** Batches rows and sends them; see the class comment. */
    static final class Writer<T> implements SinkWriter<T> {
        private static final Logger LOG = LoggerFactory.getLogger(ClickHouseSink.class);

        private final HttpClickHouse client;
        private final InsertPlan plan;
        private final Batching batching;
        private final SerializableFunction<T, Object[]> values;
        private final ProcessingTimeService time;
        private final RowBinaryBuffer buffer;
        private final Counter rowsWritten;
        private final Counter batchesWritten;
        private final Counter bytesWritten;
        private final Counter retries;
        private final Counter failures;
        private final Histogram latency;
        private int rows;
        private long firstRowMs;
        private volatile long lastSuccessMs;

        Writer(
                HttpClickHouse client,
                InsertPlan plan,
                Batching batching,
                SerializableFunction<T, Object[]> values,
                ProcessingTimeService time,
                MetricGroup metrics) {
            this.client = client;
            this.plan = plan;
            this.batching = batching;
            this.values = values;
            this.time = time;
            this.buffer = new RowBinaryBuffer(Math.min(batching.bytes(), 1 << 20));
            this.rowsWritten = metrics.counter("rows_written");
            this.batchesWritten = metrics.counter("batches_written");
            this.bytesWritten = metrics.counter("bytes_written");
            this.retries = metrics.counter("retries");
            this.failures = metrics.counter("failures");
            this.latency =
                    metrics.histogram("insert_latency_ms", new DescriptiveStatisticsHistogram(500));
            this.lastSuccessMs = System.currentTimeMillis();
            metrics.gauge("last_success_age_ms", () -> System.currentTimeMillis() - lastSuccessMs);
            metrics.gauge("pending_rows", () -> rows);
            if (batching.maxAgeMs() > 0) {
                schedule();
            }
        }

        private void schedule() {
            time.registerTimer(
                    time.getCurrentProcessingTime() + batching.maxAgeMs(), this::onTimer);
        }

        private void onTimer(long now) throws IOException, InterruptedException {
            if (rows > 0 && now - firstRowMs >= batching.maxAgeMs()) {
                send();
            }
            schedule();
        }

        @Override
        public void write(T element, Context context) throws IOException, InterruptedException {
            if (rows == 0) {
                firstRowMs = time.getCurrentProcessingTime();
            }
            plan.write(values.apply(element), buffer);
            rows++;
            if (rows >= batching.rows()
                    || buffer.size() >= batching.bytes()
                    || batching.maxAgeMs() == 0) {
                send();
            }
        }

        @Override
        public void flush(boolean endOfInput) throws IOException, InterruptedException {
            if (rows > 0) {
                send();
            }
        }

        /** Sends the batch, trying again as configured; fails the task when that runs out. */
        private void send() throws IOException, InterruptedException {
            long pause = FIRST_RETRY_PAUSE_MS;
            for (int attempt = 0; ; attempt++) {
                long started = System.nanoTime();
                try {
                    client.insertRowBinary(
                            plan.table().name(), plan.columns(), buffer.bytes(), buffer.size());
                } catch (ClickHouseFailure e) {
                    if (attempt >= batching.maxRetries()) {
                        failures.inc();
                        throw new IOException(
                                "ClickHouse insert of "
                                        + rows
                                        + " rows failed after "
                                        + (attempt + 1)
                                        + " tries (TA_CLICKHOUSE_MAX_RETRIES="
                                        + batching.maxRetries()
                                        + "); the job restarts from its last checkpoint and"
                                        + " writes them again: "
                                        + e.getMessage(),
                                e);
                    }
                    retries.inc();
                    LOG.warn(
                            "ClickHouse insert of {} rows failed (try {} of {}), again in {} ms:"
                                    + " {}",
                            rows,
                            attempt + 1,
                            batching.maxRetries() + 1,
                            pause,
                            e.getMessage());
                    TimeUnit.MILLISECONDS.sleep(pause);
                    pause = Math.min(MAX_RETRY_PAUSE_MS, pause * 2);
                    continue;
                }
                latency.update((System.nanoTime() - started) / 1_000_000);
                rowsWritten.inc(rows);
                batchesWritten.inc();
                bytesWritten.inc(buffer.size());
                lastSuccessMs = System.currentTimeMillis();
                buffer.clear();
                rows = 0;
                return;
            }
        }

        @Override
        public void close() {
            // Rows still pending here after a failure were never covered by a checkpoint: the
            // restore writes them again. Throwing from close() would take the TaskManager down.
            client.close();
        }
    }
}
