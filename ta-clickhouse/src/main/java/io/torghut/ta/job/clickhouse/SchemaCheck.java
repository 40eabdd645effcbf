package io.torghut.ta.job.clickhouse;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compares an output table's definition with the table the server has ({@code system.tables},
 * {@code system.columns}) and decides what the sink can write: the {@link InsertPlan}, every
 * problem (naming table, column, found and expected type) and the migration statements that fix
 * them. Pure: the server's answers come in, nothing is sent.
 */
public final class SchemaCheck {
    private SchemaCheck() {}

    /** One table as the server reports it. */
    public record ServerTable(String engine, Map<String, String> columnTypes) {}

    /**
     * The outcome for one table.
     *
     * @param plan what the sink writes (null when it cannot write at all)
     * @param problems what is wrong or missing, each naming table and column
     * @param migrations statements that would fix the problems, in order
     * @param blocking whether the sink cannot write even outside strict mode (a missing table, a
     *     type it cannot write)
     */
    public record Result(
            InsertPlan plan, List<String> problems, List<String> migrations, boolean blocking) {}

    /**
     * Checks {@code table} in {@code database} against what the server reports ({@code null} when
     * the table does not exist).
     */
    public static Result check(
            String database,
            TaTable table,
            ServerTable server,
            ClickHouseDialect dialect,
            boolean requireReplicated) {
        String q = database + "." + table.name();
        List<String> problems = new ArrayList<>();
        List<String> migrations = new ArrayList<>();
        if (server == null) {
            problems.add("table " + q + " is missing");
            migrations.add(table.ddl(database, dialect));
            return new Result(null, problems, migrations, true);
        }
        boolean replicated = server.engine().startsWith("Replicated");
        if (!server.engine().contains("ReplacingMergeTree")) {
            problems.add(
                    q
                            + " engine is "
                            + server.engine()
                            + "; expected (Replicated)ReplacingMergeTree, so that a replay's rows"
                            + " replace the originals");
        } else if (requireReplicated && !replicated) {
            problems.add(
                    q
                            + " engine is "
                            + server.engine()
                            + "; TA_CLICKHOUSE_REQUIRE_REPLICATED_TABLES=true expects"
                            + " ReplicatedReplacingMergeTree");
        }
        boolean blocking = false;
        List<String> columns = new ArrayList<>();
        List<Integer> index = new ArrayList<>();
        List<ColumnEncoding> encodings = new ArrayList<>();
        for (int i = 0; i < table.columns().size(); i++) {
            TaTable.Column c = table.columns().get(i);
            String found = server.columnTypes().get(c.name());
            if (found == null) {
                problems.add(
                        q
                                + " lacks column "
                                + c.name()
                                + " (expected "
                                + c.type().sql(dialect)
                                + ")");
                migrations.add(table.addColumn(database, c.name(), dialect, replicated));
                continue;
            }
            try {
                encodings.add(ColumnEncoding.resolve(c.type(), found));
                columns.add(c.name());
                index.add(i);
            } catch (IllegalArgumentException e) {
                blocking = true;
                problems.add(q + " column " + c.name() + " " + e.getMessage());
                migrations.add(
                        "ALTER TABLE "
                                + q
                                + (replicated ? " ON CLUSTER " + TaTable.CLUSTER : "")
                                + " MODIFY COLUMN "
                                + c.name()
                                + " "
                                + c.type().sql(dialect)
                                + " -- rewrites the column in every part");
            }
        }
        InsertPlan plan =
                blocking
                        ? null
                        : new InsertPlan(
                                table,
                                List.copyOf(columns),
                                index.stream().mapToInt(Integer::intValue).toArray(),
                                encodings.toArray(new ColumnEncoding[0]));
        return new Result(plan, problems, migrations, blocking);
    }

    /** The column types of {@code system.columns} rows (name, type), in their order. */
    public static Map<String, String> columnTypes(List<List<String>> rows) {
        Map<String, String> out = new LinkedHashMap<>();
        for (List<String> r : rows) {
            out.put(r.get(0), r.get(1));
        }
        return out;
    }
}
