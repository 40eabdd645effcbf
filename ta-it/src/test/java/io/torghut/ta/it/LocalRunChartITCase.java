package io.torghut.ta.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.torghut.ta.chart.BrowserProbe;
import io.torghut.ta.chart.PageScript;
import io.torghut.ta.local.LocalRunCommand;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code ./run-local.sh} as a person runs it, then its chart in headless Chromium: the run writes
 * {@code chart.html} beside its outputs and prints its path; per symbol the chart has one candle
 * per 1 s bar the run wrote and the run's own indicator values. The screenshot of this chart is
 * written to {@code target/charts-local-run.png} (the one in {@code docs/} is a copy of it).
 */
class LocalRunChartITCase {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> SYMBOLS = List.of("AAPL", "AMZN", "MSFT", "NVDA", "TSLA");

    @Test
    void theRunsChartHasEveryBarAndIndicatorItWrote(@TempDir Path dir) throws Exception {
        StringWriter out = new StringWriter();
        int exit =
                new CommandLine(new LocalRunCommand())
                        .setCaseInsensitiveEnumValuesAllowed(true)
                        .setOut(new PrintWriter(out))
                        .execute("--output-dir", dir.toString(), "--parallelism", "2");
        assertThat(exit).isZero();
        Path chart = dir.resolve("chart.html");
        assertThat(out.toString()).contains("  chart: " + chart);
        assertThat(chart).isRegularFile();

        PageScript script = PageScript.open(chart);
        for (String symbol : SYMBOLS) {
            script.select("#symbol", symbol).read(symbol);
        }
        script.select("#symbol", "AAPL").select("#lane", "1m").read("AAPL-1m");
        script.select("#lane", "1s").hover(0.62, 0.35);
        Path png = Path.of("target", "charts-local-run.png").toAbsolutePath();
        script.screenshot(png);
        JsonNode page = BrowserProbe.run(dir.resolve("probe"), List.of(script)).get(0);
        assertThat(page.get("requests")).isEmpty();
        assertThat(page.get("errors")).isEmpty();

        Map<String, List<JsonNode>> bars = rowsBySymbol(dir, "bars");
        Map<String, List<JsonNode>> signals = rowsBySymbol(dir, "signals");
        for (String symbol : SYMBOLS) {
            JsonNode read = page.get("reads").get(symbol);
            assertThat(read.get("state").asText()).isEqualTo("chart");
            assertThat(read.get("candles"))
                    .as(symbol + " candles")
                    .hasSize(bars.get(symbol).size());
            assertThat(read.get("candles").get(0).get(4).asDouble())
                    .isEqualTo(bars.get(symbol).get(0).get("c").asDouble());
            for (String column :
                    List.of(
                            "ema12",
                            "ema26",
                            "boll_upper",
                            "vwap_session",
                            "vwap_w5m",
                            "macd_hist",
                            "rsi14")) {
                assertThat(values(read.get("series").get(column).get("data")))
                        .as(symbol + " " + column)
                        .isNotEmpty()
                        .isEqualTo(expected(signals.get(symbol), "PT1S", column));
            }
        }
        JsonNode minute = page.get("reads").get("AAPL-1m");
        assertThat(values(minute.get("series").get("vwap_session").get("data")))
                .isNotEmpty()
                .isEqualTo(expected(signals.get("AAPL"), "PT1M", "vwap_session"));
        assertThat(png).isRegularFile();
    }

    /** The run's rows of a table by symbol, in window start order, read as plain JSON. */
    private static Map<String, List<JsonNode>> rowsBySymbol(Path dir, String stem)
            throws IOException {
        Map<String, List<JsonNode>> out = new TreeMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f :
                    files.filter(p -> p.getFileName().toString().startsWith(stem + "-")).toList()) {
                for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                    JsonNode n = JSON.readTree(line);
                    out.computeIfAbsent(n.get("symbol").asText(), s -> new ArrayList<>()).add(n);
                }
            }
        }
        out.values()
                .forEach(
                        l ->
                                l.sort(
                                        (a, b) ->
                                                a.get("window_start")
                                                        .asText()
                                                        .compareTo(
                                                                b.get("window_start").asText())));
        return out;
    }

    /**
     * The values of {@code column} in {@code windowSize}'s rows, one per window start: an updated 1
     * min bar makes the job write its minute again, and the newest {@code ingest_ts} is the row (as
     * in ClickHouse).
     */
    private static List<List<Double>> expected(
            List<JsonNode> rows, String windowSize, String column) {
        Map<String, JsonNode> newest = new TreeMap<>();
        for (JsonNode r : rows) {
            if (r.get("window_size").asText().equals(windowSize)) {
                newest.merge(
                        r.get("window_start").asText(),
                        r,
                        (a, b) ->
                                b.get("ingest_ts").asText().compareTo(a.get("ingest_ts").asText())
                                                >= 0
                                        ? b
                                        : a);
            }
        }
        List<List<Double>> out = new ArrayList<>();
        for (JsonNode r : newest.values()) {
            if (!r.get(column).isNull()) {
                double t = java.time.Instant.parse(r.get("window_start").asText()).getEpochSecond();
                out.add(List.of(t, r.get(column).asDouble()));
            }
        }
        return out;
    }

    private static List<List<Double>> values(JsonNode data) {
        List<List<Double>> out = new ArrayList<>();
        data.forEach(p -> out.add(List.of(p.get(0).asDouble(), p.get(1).asDouble())));
        return out;
    }
}
