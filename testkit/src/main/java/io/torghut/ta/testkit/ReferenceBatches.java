package io.torghut.ta.testkit;

import io.torghut.ta.job.clickhouse.InsertPlan;
import io.torghut.ta.job.clickhouse.RowBinaryBuffer;
import io.torghut.ta.job.clickhouse.RowValues;
import io.torghut.ta.job.clickhouse.SchemaInitializer;
import io.torghut.ta.job.config.TaConfig;
import io.torghut.ta.local.TapeGenerator;
import java.util.List;

/**
 * A tape's reference rows as the sink would send them: one RowBinary batch per table, encoded by
 * the plans the job's start-up check made for the server at hand. For tests that put a replay's
 * rows into ClickHouse without running the job.
 */
public final class ReferenceBatches {
    private ReferenceBatches() {}

    /**
     * One table's batch.
     *
     * @param table the table's unqualified name
     * @param columns the column list of its INSERT
     * @param bytes the RowBinary rows
     * @param rows how many rows they are
     */
    public record Batch(String table, List<String> columns, byte[] bytes, int rows) {}

    /** The micro-bars and then the signals of {@code tape}, written at {@code ingestTs}. */
    public static List<Batch> of(
            SchemaInitializer.Plans plans,
            TapeGenerator.Tape tape,
            TaConfig config,
            long ingestTs) {
        return List.of(
                batch(
                        plans.bars(),
                        Reference.bars(tape).values().stream()
                                .map(b -> RowValues.bar(b, ingestTs))
                                .toList()),
                batch(
                        plans.signals(),
                        Reference.signals(tape, config).values().stream()
                                .map(s -> RowValues.signal(s, ingestTs))
                                .toList()));
    }

    private static Batch batch(InsertPlan plan, List<Object[]> rows) {
        RowBinaryBuffer buffer = new RowBinaryBuffer(1 << 16);
        for (Object[] row : rows) {
            plan.write(row, buffer);
        }
        return new Batch(plan.table().name(), plan.columns(), buffer.toByteArray(), rows.size());
    }
}
