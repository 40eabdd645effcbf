package io.torghut.ta.chart;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Live rows against replayed rows, identity by identity: which identities the replay misses, which
 * it adds, and which it wrote with other values (every value column compared, {@code ingest_ts}
 * not: a replay rewrites it by design).
 */
public final class ParityComparison {
    /** Values closer than this, relative to their size (at least 1), are equal. */
    public static final double DEFAULT_TOLERANCE = 1e-9;

    private ParityComparison() {}

    /** How an identity differs. */
    public enum Kind {
        /** Both have it, with other values. */
        VALUES_DIFFER,
        /** Only the live rows have it. */
        MISSING_IN_REPLAY,
        /** Only the replayed rows have it. */
        EXTRA_IN_REPLAY
    }

    /**
     * One value that differs.
     *
     * @param column the column
     * @param live its live value (null: absent)
     * @param replayed its replayed value (null: absent)
     */
    public record ColumnDifference(String column, Double live, Double replayed) {}

    /**
     * One identity that differs.
     *
     * @param identity the row identity
     * @param kind how it differs
     * @param columns the values that differ (empty unless {@link Kind#VALUES_DIFFER})
     */
    public record Difference(
            ChartRow.Identity identity, Kind kind, List<ColumnDifference> columns) {
        /** Copies the columns. */
        public Difference {
            columns = List.copyOf(columns);
        }

        /** E.g. {@code missing in replay}, {@code c 100.0 → 100.5, ema12 null → 99.1}. */
        public String describe() {
            return switch (kind) {
                case MISSING_IN_REPLAY -> "missing in replay";
                case EXTRA_IN_REPLAY -> "extra in replay";
                case VALUES_DIFFER -> {
                    List<String> parts = new ArrayList<>();
                    for (ColumnDifference c : columns) {
                        parts.add(c.column() + " " + c.live() + " → " + c.replayed());
                    }
                    yield String.join(", ", parts);
                }
            };
        }
    }

    /**
     * The comparison's result.
     *
     * @param compared identities seen on either side
     * @param differences the identities that differ, in time order
     */
    public record Result(int compared, List<Difference> differences) {
        /** Copies the differences. */
        public Result {
            differences = List.copyOf(differences);
        }

        /** Whether every identity matches. */
        public boolean matches() {
            return differences.isEmpty();
        }
    }

    /** Compares with {@link #DEFAULT_TOLERANCE}. */
    public static Result compare(List<ChartRow> live, List<ChartRow> replayed) {
        return compare(live, replayed, DEFAULT_TOLERANCE);
    }

    /** Compares; values within {@code relTolerance} of each other (relative, scale ≥ 1) match. */
    public static Result compare(
            List<ChartRow> live, List<ChartRow> replayed, double relTolerance) {
        Map<ChartRow.Identity, ChartRow> a = index(live);
        Map<ChartRow.Identity, ChartRow> b = index(replayed);
        TreeSet<ChartRow.Identity> all = new TreeSet<>(a.keySet());
        all.addAll(b.keySet());
        List<Difference> out = new ArrayList<>();
        for (ChartRow.Identity id : all) {
            ChartRow x = a.get(id);
            ChartRow y = b.get(id);
            if (y == null) {
                out.add(new Difference(id, Kind.MISSING_IN_REPLAY, List.of()));
            } else if (x == null) {
                out.add(new Difference(id, Kind.EXTRA_IN_REPLAY, List.of()));
            } else {
                List<ColumnDifference> columns = new ArrayList<>();
                for (String column : id.kind().valueColumns()) {
                    Double u = x.value(column);
                    Double v = y.value(column);
                    if (!same(u, v, relTolerance)) {
                        columns.add(new ColumnDifference(column, u, v));
                    }
                }
                if (!columns.isEmpty()) {
                    out.add(new Difference(id, Kind.VALUES_DIFFER, columns));
                }
            }
        }
        return new Result(all.size(), out);
    }

    static boolean same(Double u, Double v, double relTolerance) {
        if (u == null || v == null) {
            return u == v;
        }
        if (u.isNaN() || v.isNaN() || u.isInfinite() || v.isInfinite()) {
            return u.equals(v);
        }
        double scale = Math.max(1.0, Math.max(Math.abs(u), Math.abs(v)));
        return Math.abs(u - v) <= relTolerance * scale;
    }

    private static Map<ChartRow.Identity, ChartRow> index(List<ChartRow> rows) {
        Map<ChartRow.Identity, ChartRow> m = new HashMap<>();
        for (ChartRow r : rows) {
            m.merge(r.identity(), r, Newest::of);
        }
        return m;
    }
}
