package io.torghut.ta.replay.clickhouse;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Interprets freshness rows: lag of each (table, symbol) to the server's now, and write rate. */
public final class Freshness {
    private Freshness() {}

    /** One row of {@link VerifyQueries#freshness}. */
    public record Row(
            String table, String symbol, Instant maxEventTs, long recentRows, Instant serverNow) {}

    /** One verdict line per row, and whether all passed. */
    public record Report(boolean passed, List<String> lines) {}

    /**
     * A row passes when its lag is at most {@code maxLag} and it wrote rows in the recent window. A
     * table or symbol with no rows at all fails.
     */
    public static Report evaluate(
            List<Row> rows,
            List<String> tables,
            List<String> expectedSymbols,
            Duration maxLag,
            int recentMinutes) {
        List<String> lines = new ArrayList<>();
        boolean passed = true;
        for (String table : tables) {
            List<Row> forTable = rows.stream().filter(r -> r.table().equals(table)).toList();
            if (forTable.isEmpty()) {
                lines.add("FAIL " + table + ": no rows");
                passed = false;
            }
            for (String sym : expectedSymbols) {
                if (forTable.stream().noneMatch(r -> r.symbol().equals(sym))) {
                    lines.add("FAIL " + table + " " + sym + ": no rows");
                    passed = false;
                }
            }
            for (Row r : forTable) {
                Duration lag = Duration.between(r.maxEventTs(), r.serverNow());
                double perMinute = (double) r.recentRows() / recentMinutes;
                boolean ok = lag.compareTo(maxLag) <= 0 && r.recentRows() > 0;
                passed &= ok;
                lines.add(
                        String.format(
                                "%s %s %s: max(event_ts)=%s lag=%ds rows/min=%.1f",
                                ok ? "ok  " : "FAIL",
                                table,
                                r.symbol(),
                                r.maxEventTs(),
                                lag.toSeconds(),
                                perMinute));
            }
        }
        return new Report(passed, lines);
    }
}
