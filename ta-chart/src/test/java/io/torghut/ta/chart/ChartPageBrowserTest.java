package io.torghut.ta.chart;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Chart pages in a real browser (headless Chromium through Playwright): what the charting library
 * holds is what the rows say, the switches hide and show, the lanes and symbols switch, the
 * crosshair reads out the row under it, and the empty, error and parity pages say what they must.
 * One browser opens every page; each test asserts on its part of the report.
 */
class ChartPageBrowserTest {
    private static final Instant START = Instant.parse("2026-03-03T14:30:00Z");
    private static final Clock CLOCK = Clock.fixed(START.plusSeconds(180), ZoneOffset.UTC);
    private static final String SECRET = "pw-Zr71-never-shown";

    static final List<ChartRow> AAPL = ChartFixtures.rows("AAPL", START, 150, 100);
    static final List<ChartRow> MSFT = ChartFixtures.rows("MSFT", START, 40, 300);

    @TempDir static Path dir;
    static Map<String, ChartOutcome> outcomes = new LinkedHashMap<>();
    static Map<String, JsonNode> pages = new LinkedHashMap<>();
    static int unreachablePort;
    static ParityComparison.Result parityResult;

    @BeforeAll
    static void openEveryPageInChromium() throws Exception {
        Path rows = dir.resolve("run-output");
        List<ChartRow> all = new ArrayList<>(AAPL);
        all.addAll(MSFT);
        ChartFixtures.writeJsonLines(rows, all);
        JsonLinesRowsSource files = new JsonLinesRowsSource(rows);
        List<PageScript> scripts = new ArrayList<>();

        outcomes.put(
                "main", Charts.write(files, ChartQuery.all(), dir.resolve("main.html"), CLOCK));
        scripts.add(
                PageScript.open(dir.resolve("main.html"))
                        .read("initial")
                        .click("#toggle-ema12")
                        .read("ema12Off")
                        .click("#toggle-ema12")
                        .read("ema12On")
                        .click("#toggle-bollinger")
                        .read("bollingerOff")
                        .hover(0.5, 0.3)
                        .read("hover")
                        .select("#lane", "1m")
                        .read("minute")
                        .select("#symbol", "MSFT")
                        .read("msftMinute")
                        .select("#lane", "1s")
                        .read("msft")
                        .screenshot(dir.resolve("main.png")));

        outcomes.put(
                "mixed",
                Charts.write(
                        files,
                        ChartQuery.all().withSymbols(List.of("AAPL", "ZZZZ")),
                        dir.resolve("mixed.html"),
                        CLOCK));
        scripts.add(
                PageScript.open(dir.resolve("mixed.html"))
                        .read("initial")
                        .select("#symbol", "ZZZZ")
                        .read("zzzz"));

        outcomes.put(
                "empty",
                Charts.write(
                        files,
                        ChartQuery.all()
                                .withRange(
                                        new TimeRange(
                                                Instant.parse("2025-01-02T00:00:00Z"),
                                                Instant.parse("2025-01-03T00:00:00Z"))),
                        dir.resolve("empty.html"),
                        CLOCK));
        scripts.add(PageScript.open(dir.resolve("empty.html")).read("initial"));

        try (ServerSocket s = new ServerSocket(0)) {
            unreachablePort = s.getLocalPort();
        }
        try (ClickHouseRowsSource ch =
                ClickHouseRowsSource.fromEnvironment(
                        Map.of(
                                "TA_CLICKHOUSE_URL",
                                "jdbc:clickhouse://127.0.0.1:" + unreachablePort + "/torghut",
                                "TA_CLICKHOUSE_PASSWORD",
                                SECRET))) {
            outcomes.put(
                    "error",
                    Charts.write(
                            ch,
                            ChartQuery.all().withSymbols(List.of("AAPL")),
                            dir.resolve("error.html"),
                            CLOCK));
        }
        scripts.add(PageScript.open(dir.resolve("error.html")).read("initial"));

        List<ChartRow> replayed = replayOf(AAPL);
        parityResult = ParityComparison.compare(AAPL, replayed);
        ChartQuery aapl = ChartQuery.all().withSymbols(List.of("AAPL"));
        outcomes.put(
                "parity",
                Charts.writeParity(
                        rowsSource("live rows", AAPL),
                        rowsSource("replayed rows", replayed),
                        aapl,
                        dir.resolve("parity.html"),
                        CLOCK));
        scripts.add(
                PageScript.open(dir.resolve("parity.html"))
                        .read("initial")
                        .screenshot(Path.of("target", "charts-parity.png"))
                        .click("#toggle-live")
                        .read("liveOff")
                        .select("#lane", "1m")
                        .read("minute"));
        outcomes.put(
                "parityMatch",
                Charts.writeParity(
                        rowsSource("live rows", AAPL),
                        rowsSource("replayed rows", AAPL),
                        aapl,
                        dir.resolve("parity-match.html"),
                        CLOCK));
        scripts.add(PageScript.open(dir.resolve("parity-match.html")).read("initial"));

        List<JsonNode> report = BrowserProbe.run(dir.resolve("probe"), scripts);
        String[] names = {"main", "mixed", "empty", "error", "parity", "parityMatch"};
        for (int i = 0; i < names.length; i++) {
            pages.put(names[i], report.get(i));
        }
    }

    /** The replay of {@code live} with one of each difference a replay can have. */
    static List<ChartRow> replayOf(List<ChartRow> live) {
        List<ChartRow> out = new ArrayList<>();
        for (ChartRow r : live) {
            out.add(r);
        }
        // A bar with another close, a signal with another EMA 12, a bar the replay lacks, a 1 min
        // signal only the replay has.
        out.set(80, with(out.get(80), "c", out.get(80).value("c") + 0.5));
        out.set(101, with(out.get(101), "ema12", out.get(101).value("ema12") + 0.25));
        out.remove(120);
        ChartRow minute =
                live.stream().filter(r -> r.windowSize().equals("PT1M")).findFirst().orElseThrow();
        out.add(
                new ChartRow(
                        OutputKind.SIGNALS,
                        "AAPL",
                        "PT1M",
                        minute.windowStartMs() + 180_000,
                        minute.windowStartMs() + 180_000,
                        0,
                        minute.values()));
        return out;
    }

    static ChartRow with(ChartRow r, String column, double value) {
        Map<String, Double> v = new LinkedHashMap<>(r.values());
        v.put(column, value);
        return new ChartRow(
                r.kind(),
                r.symbol(),
                r.windowSize(),
                r.windowStartMs(),
                r.eventTsMs(),
                r.ingestTsMs() + 1,
                v);
    }

    static RowsSource rowsSource(String name, List<ChartRow> rows) {
        return new RowsSource() {
            @Override
            public SourceRows read(ChartQuery query) {
                Map<String, Long> newest = new LinkedHashMap<>();
                rows.forEach(r -> newest.merge(r.symbol(), r.eventTsMs(), Math::max));
                return new SourceRows(rows, newest);
            }

            @Override
            public String describe() {
                return name;
            }
        };
    }

    static JsonNode read(String page, String name) {
        JsonNode p = pages.get(page);
        assertThat(p.get("requests")).as("requests of " + page).isEmpty();
        assertThat(p.get("errors")).as("script errors of " + page).isEmpty();
        return p.get("reads").get(name);
    }

    static List<List<Double>> numbers(JsonNode array) {
        List<List<Double>> out = new ArrayList<>();
        for (JsonNode row : array) {
            List<Double> r = new ArrayList<>();
            row.forEach(n -> r.add(n.asDouble()));
            out.add(r);
        }
        return out;
    }

    static List<ChartRow> bars(List<ChartRow> rows) {
        return rows.stream().filter(r -> r.kind() == OutputKind.BARS).toList();
    }

    static List<ChartRow> signals(List<ChartRow> rows, String windowSize) {
        return rows.stream()
                .filter(r -> r.kind() == OutputKind.SIGNALS && r.windowSize().equals(windowSize))
                .toList();
    }

    static List<List<Double>> expectedPoints(List<ChartRow> rows, String column) {
        return rows.stream()
                .filter(r -> r.value(column) != null)
                .map(r -> List.of((double) (r.windowStartMs() / 1000), r.value(column)))
                .collect(Collectors.toList());
    }

    @Test
    void thePageLoadsNothingAndDrawsOneCandlePerBarWithItsVolume() {
        JsonNode initial = read("main", "initial");
        assertThat(outcomes.get("main").exitCode()).isZero();
        assertThat(initial.get("state").asText()).isEqualTo("chart");
        assertThat(initial.get("chartVisible").asBoolean()).isTrue();
        assertThat(initial.get("canvases").asInt()).isPositive();
        assertThat(initial.get("panes").asInt()).isEqualTo(3);
        assertThat(initial.get("symbol").asText()).isEqualTo("AAPL");
        assertThat(initial.get("lane").asText()).isEqualTo("1s");
        assertThat(initial.get("message").get("visible").asBoolean()).isFalse();
        assertThat(initial.get("footer").asText())
                .contains(
                        "TradingView Lightweight Charts v"
                                + System.getProperty("ta.chart.library.version"));

        List<ChartRow> bars = bars(AAPL);
        assertThat(initial.get("candles")).hasSize(bars.size());
        List<List<Double>> expected = new ArrayList<>();
        List<List<Double>> volume = new ArrayList<>();
        for (ChartRow b : bars) {
            double t = b.windowStartMs() / 1000;
            expected.add(List.of(t, b.value("o"), b.value("h"), b.value("l"), b.value("c")));
            volume.add(List.of(t, b.value("v")));
        }
        assertThat(numbers(initial.get("candles"))).isEqualTo(expected);
        assertThat(numbers(initial.get("volume"))).isEqualTo(volume);
    }

    @Test
    void everyOverlayAndPaneSeriesHoldsTheValuesOfTheRowsInItsPane() {
        JsonNode series = read("main", "initial").get("series");
        List<ChartRow> signals = signals(AAPL, "PT1S");
        for (ChartSeries s : ChartSeries.values()) {
            JsonNode got = series.get(s.column());
            assertThat(got.get("visible").asBoolean()).as(s.column()).isTrue();
            assertThat(got.get("pane").asInt()).as(s.column()).isEqualTo(s.pane().ordinal());
            assertThat(numbers(got.get("data")))
                    .as(s.column())
                    .isNotEmpty()
                    .isEqualTo(expectedPoints(signals, s.column()));
        }
        assertThat(read("main", "initial").get("rsiGuides"))
                .extracting(JsonNode::asDouble)
                .containsExactly(70.0, 30.0);
    }

    @Test
    void theSwitchesHideAndShowTheirOverlaysOnly() {
        JsonNode off = read("main", "ema12Off").get("series");
        assertThat(off.get("ema12").get("visible").asBoolean()).isFalse();
        assertThat(read("main", "ema12Off").get("toggles").get("toggle-ema12").asBoolean())
                .isFalse();
        for (String other :
                List.of("ema26", "boll_mid", "vwap_session", "vwap_w5m", "macd", "rsi14")) {
            assertThat(off.get(other).get("visible").asBoolean()).as(other).isTrue();
        }
        assertThat(read("main", "ema12On").get("series").get("ema12").get("visible").asBoolean())
                .isTrue();
        JsonNode boll = read("main", "bollingerOff").get("series");
        for (String band : List.of("boll_upper", "boll_mid", "boll_lower")) {
            assertThat(boll.get(band).get("visible").asBoolean()).as(band).isFalse();
        }
        assertThat(boll.get("ema12").get("visible").asBoolean()).isTrue();
        // Hidden is not emptied: the values are still there to show again.
        assertThat(boll.get("boll_mid").get("data")).isNotEmpty();
    }

    @Test
    void theCrosshairReadsOutEveryValueOfTheRowUnderIt() {
        JsonNode hover = read("main", "hover").get("readout");
        JsonNode initial = read("main", "initial").get("readout");
        long last = bars(AAPL).get(bars(AAPL).size() - 1).windowStartMs() / 1000;
        assertThat(initial.get("time").asLong()).isEqualTo(last);
        long time = hover.get("time").asLong();
        assertThat(time).as("the crosshair moved off the last candle").isNotEqualTo(last);
        ChartRow bar =
                bars(AAPL).stream()
                        .filter(b -> b.windowStartMs() / 1000 == time)
                        .findFirst()
                        .orElseThrow(() -> new AssertionError("no bar at the crosshair " + time));
        ChartRow signal =
                signals(AAPL, "PT1S").stream()
                        .filter(s -> s.windowStartMs() == bar.windowStartMs())
                        .findFirst()
                        .orElseThrow();
        JsonNode values = hover.get("values");
        for (String c : List.of("o", "h", "l", "c", "v")) {
            assertThat(values.get(c).asDouble()).as(c).isEqualTo(bar.value(c));
        }
        for (ChartSeries s : ChartSeries.values()) {
            Double expected = signal.value(s.column());
            if (expected == null) {
                assertThat(values.get(s.column()).isNull()).as(s.column()).isTrue();
            } else {
                assertThat(values.get(s.column()).asDouble()).as(s.column()).isEqualTo(expected);
            }
        }
        assertThat(hover.get("text").asText()).contains("EMA 12", "RSI 14", "MACD histogram");
    }

    @Test
    void theLanesAndSymbolsSwitchToTheirOwnRows() {
        JsonNode minute = read("main", "minute");
        assertThat(minute.get("lane").asText()).isEqualTo("1m");
        long minutes = bars(AAPL).stream().map(b -> b.windowStartMs() / 60_000).distinct().count();
        assertThat(minute.get("candles")).hasSize((int) minutes);
        assertThat(numbers(minute.get("series").get("ema12").get("data")))
                .isNotEmpty()
                .isEqualTo(expectedPoints(signals(AAPL, "PT1M"), "ema12"));
        assertThat(numbers(minute.get("series").get("rsi14").get("data")))
                .isEqualTo(expectedPoints(signals(AAPL, "PT1M"), "rsi14"));

        JsonNode msft = read("main", "msft");
        assertThat(msft.get("symbol").asText()).isEqualTo("MSFT");
        assertThat(msft.get("candles")).hasSize(bars(MSFT).size());
        assertThat(numbers(msft.get("series").get("vwap_session").get("data")))
                .isEqualTo(expectedPoints(signals(MSFT, "PT1S"), "vwap_session"));
    }

    @Test
    void theLagIsShownAgainstItsTargetPerSymbol() {
        JsonNode aapl = read("main", "initial").get("lag");
        // Written 30 s after AAPL's newest event time, 141 s after MSFT's (14:30:39).
        assertThat(aapl.get("kind").asText()).isEqualTo("ok");
        assertThat(aapl.get("text").asText())
                .contains(
                        "Freshness lag 30 s", "2026-03-03T14:32:30Z", "target 2 min", "on target");
        JsonNode msft = read("main", "msft").get("lag");
        assertThat(msft.get("kind").asText()).isEqualTo("over");
        assertThat(msft.get("text").asText()).contains("2 min 21 s", "OVER TARGET");
    }

    @Test
    void aSymbolWithoutRowsSaysSoAndTheCommandExitsNonZero() {
        assertThat(outcomes.get("mixed").exitCode()).isEqualTo(ChartOutcome.NO_DATA);
        assertThat(outcomes.get("mixed").symbolsWithoutRows()).containsExactly("ZZZZ");
        JsonNode initial = read("mixed", "initial");
        assertThat(initial.get("symbolOptions"))
                .extracting(JsonNode::asText)
                .containsExactly("AAPL", "ZZZZ (no data)");
        JsonNode zzzz = read("mixed", "zzzz");
        assertThat(zzzz.get("chartVisible").asBoolean()).isFalse();
        assertThat(zzzz.get("message").get("visible").asBoolean()).isTrue();
        assertThat(zzzz.get("message").get("kind").asText()).isEqualTo("empty");
        assertThat(zzzz.get("message").get("text").asText())
                .startsWith("No dataNo data for ZZZZ: JSONL files ")
                .endsWith("has no bars or signals of it in all times.");
        assertThat(zzzz.get("candles")).isEmpty();

        assertThat(outcomes.get("empty").exitCode()).isEqualTo(ChartOutcome.NO_DATA);
        JsonNode empty = read("empty", "initial");
        assertThat(empty.get("state").asText()).isEqualTo("empty");
        assertThat(empty.get("chartVisible").asBoolean()).isFalse();
        assertThat(empty.get("message").get("text").asText())
                .contains(
                        "No data",
                        "has no bars or signals in [2025-01-02T00:00:00Z, 2025-01-03T00:00:00Z)");
    }

    @Test
    void anUnreachableClickHouseShowsAnErrorNamingTheEndpointAndNeverThePassword()
            throws Exception {
        assertThat(outcomes.get("error").exitCode()).isEqualTo(ChartOutcome.SOURCE_FAILED);
        assertThat(outcomes.get("error").message())
                .contains("127.0.0.1:" + unreachablePort)
                .doesNotContain(SECRET);
        JsonNode error = read("error", "initial");
        assertThat(error.get("state").asText()).isEqualTo("error");
        assertThat(error.get("chartVisible").asBoolean()).isFalse();
        assertThat(error.get("message").get("visible").asBoolean()).isTrue();
        assertThat(error.get("message").get("kind").asText()).isEqualTo("error");
        assertThat(error.get("message").get("text").asText())
                .startsWith(
                        "ErrorCannot read the rows: cannot read the output tables from ClickHouse"
                                + " http://127.0.0.1:"
                                + unreachablePort
                                + " (database torghut) as torghut: ")
                .doesNotContain(SECRET);
        assertThat(Files.readString(dir.resolve("error.html"), StandardCharsets.UTF_8))
                .doesNotContain(SECRET);
    }

    @Test
    void theParityChartMarksEveryIdentityThatDiffersAndDrawsTheLiveRowsBeside() {
        assertThat(parityResult.differences()).hasSize(4);
        ChartOutcome outcome = outcomes.get("parity");
        assertThat(outcome.exitCode()).isZero();
        assertThat(outcome.differing()).isEqualTo(4);
        JsonNode initial = read("parity", "initial");
        List<Long> oneSecondTimes =
                parityResult.differences().stream()
                        .filter(d -> d.identity().windowSize().equals("PT1S"))
                        .map(d -> d.identity().windowStartMs() / 1000)
                        .distinct()
                        .sorted()
                        .toList();
        assertThat(initial.get("markers"))
                .extracting(m -> m.get(0).asLong())
                .containsExactlyElementsOf(oneSecondTimes);
        assertThat(initial.get("markers"))
                .extracting(m -> m.get(1).asText())
                .containsExactly("bar ≠ c", "signal ≠ ema12", "bar missing");
        // The bar the replay lacks is drawn from the live rows, so its marker has a candle.
        assertThat(initial.get("candles")).hasSize(bars(AAPL).size());
        assertThat(numbers(initial.get("live").get("c").get("data")))
                .isEqualTo(expectedPoints(bars(AAPL), "c"));
        assertThat(numbers(initial.get("live").get("ema12").get("data")))
                .isEqualTo(expectedPoints(signals(AAPL, "PT1S"), "ema12"));
        assertThat(initial.get("parity").get("visible").asBoolean()).isTrue();
        assertThat(initial.get("parity").get("summary").asText())
                .isEqualTo(
                        "4 of "
                                + parityResult.compared()
                                + " identities differ (1 missing in"
                                + " replay, 1 extra in replay, 2 with other values); each is marked ▼ on"
                                + " the candles.");
        assertThat(initial.get("parity").get("rows")).hasSize(4);
        assertThat(initial.get("parity").get("rows").get(0).get(4).asText()).startsWith("c ");

        JsonNode liveOff = read("parity", "liveOff");
        liveOff.get("live").forEach(s -> assertThat(s.get("visible").asBoolean()).isFalse());
        assertThat(liveOff.get("series").get("ema12").get("visible").asBoolean()).isTrue();

        JsonNode minute = read("parity", "minute");
        assertThat(minute.get("markers"))
                .extracting(m -> m.get(1).asText())
                .containsExactly("signal extra");
        // At its own minute, 14:33, which has no candle.
        long extraMinute = START.getEpochSecond() + 180;
        assertThat(minute.get("markers").get(0).get(0).asLong()).isEqualTo(extraMinute);
        assertThat(minute.get("candles")).noneMatch(c -> c.get(0).asLong() == extraMinute);

        JsonNode match = read("parityMatch", "initial");
        assertThat(outcomes.get("parityMatch").differing()).isZero();
        assertThat(match.get("markers")).isEmpty();
        assertThat(match.get("parity").get("summary").asText())
                .isEqualTo(
                        "Replayed rows match the live rows: "
                                + AAPL.size()
                                + " identities compared.");
    }
}
