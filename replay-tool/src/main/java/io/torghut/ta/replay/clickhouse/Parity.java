package io.torghut.ta.replay.clickhouse;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compares the fingerprints of the rows that existed before a replay (the baseline) with those of
 * the replayed rows, minute by minute.
 */
public final class Parity {
    private Parity() {}

    /** Aggregates of one (table, symbol, window size, minute). */
    public record Fingerprint(
            String table,
            String symbol,
            String windowSize,
            String minute,
            long rowCount,
            Map<String, Double> sums) {
        String key() {
            return table + " " + symbol + " " + windowSize + " " + minute;
        }
    }

    /** Differences, at most {@code limit} of them listed, plus the total. */
    public record Result(boolean matches, int differences, List<String> examples) {}

    /** Sums match when their relative difference is at most {@code relTolerance}. */
    public static Result compare(
            List<Fingerprint> baseline,
            List<Fingerprint> replayed,
            double relTolerance,
            int limit) {
        Map<String, Fingerprint> b = index(baseline);
        Map<String, Fingerprint> r = index(replayed);
        List<String> diffs = new ArrayList<>();
        for (var e : b.entrySet()) {
            Fingerprint x = e.getValue();
            Fingerprint y = r.get(e.getKey());
            if (y == null) {
                diffs.add("missing in replay: " + e.getKey() + " (" + x.rowCount() + " rows)");
                continue;
            }
            if (x.rowCount() != y.rowCount()) {
                diffs.add(
                        "row count differs: "
                                + e.getKey()
                                + " "
                                + x.rowCount()
                                + " -> "
                                + y.rowCount());
            }
            for (var s : x.sums().entrySet()) {
                double before = s.getValue();
                double after = y.sums().getOrDefault(s.getKey(), Double.NaN);
                double scale = Math.max(1.0, Math.max(Math.abs(before), Math.abs(after)));
                if (!(Math.abs(before - after) <= relTolerance * scale)) {
                    diffs.add(
                            "sum("
                                    + s.getKey()
                                    + ") differs: "
                                    + e.getKey()
                                    + " "
                                    + before
                                    + " -> "
                                    + after);
                }
            }
        }
        for (String k : r.keySet()) {
            if (!b.containsKey(k)) {
                diffs.add("extra in replay: " + k);
            }
        }
        return new Result(
                diffs.isEmpty(),
                diffs.size(),
                List.copyOf(diffs.subList(0, Math.min(limit, diffs.size()))));
    }

    private static Map<String, Fingerprint> index(List<Fingerprint> fps) {
        Map<String, Fingerprint> m = new LinkedHashMap<>();
        for (Fingerprint f : fps) {
            m.put(f.key(), f);
        }
        return m;
    }
}
