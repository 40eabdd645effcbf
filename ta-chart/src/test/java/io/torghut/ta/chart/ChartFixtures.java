package io.torghut.ta.chart;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.torghut.ta.job.clickhouse.TaTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Output rows to chart, made up but shaped like the job's: 1 s bars with gaps (seconds without
 * trades), a 1 s signal for each bar with every indicator absent during its warm-up, and one 1 min
 * signal per minute; written as the local run writes them (field names = ClickHouse columns).
 */
public final class ChartFixtures {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ChartFixtures() {}

    /** {@code seconds} seconds of {@code symbol} from {@code start}: bars and both lanes. */
    public static List<ChartRow> rows(String symbol, Instant start, int seconds, double base) {
        List<ChartRow> out = new ArrayList<>();
        long t0 = start.toEpochMilli();
        int n = 0;
        for (int i = 0; i < seconds; i++) {
            if (i % 17 == 5) {
                continue; // a second without trades: no bar, no signal
            }
            long ws = t0 + i * 1000L;
            double close = base + 2 * Math.sin(i / 9.0) + i * 0.01;
            double open = close - 0.3 * Math.cos(i / 4.0);
            Map<String, Double> bar = new LinkedHashMap<>();
            bar.put("o", open);
            bar.put("h", Math.max(open, close) + 0.15);
            bar.put("l", Math.min(open, close) - 0.12);
            bar.put("c", close);
            bar.put("v", 100.0 + (i * 37) % 400);
            bar.put("vwap", (open + close) / 2);
            bar.put("count", (double) (1 + i % 7));
            out.add(new ChartRow(OutputKind.BARS, symbol, "PT1S", ws, ws + 1000, ws + 5, bar));
            out.add(
                    new ChartRow(
                            OutputKind.SIGNALS,
                            symbol,
                            "PT1S",
                            ws,
                            ws + 1000,
                            ws + 6,
                            indicators(close, n)));
            n++;
        }
        for (long m = Math.floorDiv(t0, 60_000); m * 60_000 < t0 + seconds * 1000L; m++) {
            long ws = m * 60_000;
            out.add(
                    new ChartRow(
                            OutputKind.SIGNALS,
                            symbol,
                            "PT1M",
                            ws,
                            ws,
                            ws + 60_001,
                            indicators(base + m % 5, 40 + (int) (m % 3))));
        }
        return out;
    }

    /** Every signal column, each absent during its warm-up ({@code n} bars seen before). */
    static Map<String, Double> indicators(double close, int n) {
        Map<String, Double> v = new LinkedHashMap<>();
        for (String column : OutputKind.SIGNALS.valueColumns()) {
            v.put(column, null);
        }
        v.put("vwap_session", close - 0.4);
        v.put("imbalance_mid", close + 0.01);
        if (n >= 11) {
            v.put("ema12", close - 0.1 - n * 0.001);
        }
        if (n >= 25) {
            v.put("ema26", close - 0.2 - n * 0.001);
            v.put("macd", 0.1 + Math.sin(n / 5.0) * 0.3);
        }
        if (n >= 33) {
            v.put("macd_signal", 0.1 + Math.sin((n - 2) / 5.0) * 0.3);
            v.put("macd_hist", Math.sin(n / 5.0) * 0.3 - Math.sin((n - 2) / 5.0) * 0.3);
        }
        if (n >= 19) {
            v.put("boll_mid", close - 0.05);
            v.put("boll_upper", close + 1.1);
            v.put("boll_lower", close - 1.2);
        }
        if (n >= 14) {
            v.put("rsi14", 50 + 25 * Math.sin(n / 7.0));
        }
        if (n >= 100) {
            v.put("vwap_w5m", close - 0.3);
        }
        return v;
    }

    /** Writes {@code rows} as {@code bars-0.jsonl} and {@code signals-0.jsonl} in {@code dir}. */
    public static void writeJsonLines(Path dir, List<ChartRow> rows) {
        try {
            Files.createDirectories(dir);
            for (OutputKind kind : OutputKind.values()) {
                StringBuilder lines = new StringBuilder();
                for (ChartRow r : rows) {
                    if (r.kind() == kind) {
                        lines.append(JSON.writeValueAsString(json(r))).append('\n');
                    }
                }
                Files.writeString(
                        dir.resolve(kind.fileStem() + "-0.jsonl"), lines, StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A row as the job's JSON: every column of its table, in table order. */
    public static Map<String, Object> json(ChartRow r) {
        TaTable table = r.kind().table();
        long lane = r.windowSize().equals("PT1M") ? 60_000 : 1_000;
        Map<String, Object> o = new LinkedHashMap<>();
        for (TaTable.Column c : table.columns()) {
            Object v =
                    switch (c.name()) {
                        case "symbol" -> r.symbol();
                        case "event_ts" -> iso(r.eventTsMs());
                        case "ingest_ts" -> iso(r.ingestTsMs());
                        case "seq" -> r.windowStartMs() * 1000 + lane / 1000;
                        case "is_final" -> true;
                        case "source" -> "ta";
                        case "window_size", "window_step" -> r.windowSize();
                        case "window_start" -> iso(r.windowStartMs());
                        case "window_end" -> iso(r.windowStartMs() + lane);
                        case "version" -> 1;
                        case "microstructure_signal_v1" -> null;
                        case "count" ->
                                r.value("count") == null ? null : r.value("count").longValue();
                        default -> r.value(c.name());
                    };
            o.put(c.name(), v);
        }
        return o;
    }

    static String iso(long ms) {
        String s = Instant.ofEpochMilli(ms).toString();
        return s.endsWith("Z") && s.length() == 20 ? s.substring(0, 19) + ".000Z" : s;
    }
}
