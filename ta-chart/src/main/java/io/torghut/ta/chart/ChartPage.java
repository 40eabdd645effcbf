package io.torghut.ta.chart;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes a chart page: one HTML file that opens offline, with the charting library (TradingView's
 * lightweight-charts, fetched from npm by the build), the page's script and its data inlined.
 *
 * <p>Three states, each with a message a person cannot misread: {@code chart} (rows to draw; a
 * symbol or lane without rows says so in place of its chart), {@code empty} (no row at all) and
 * {@code error} (the rows could not be read, with the source's own reason).
 */
public final class ChartPage {
    /** The library file inside this module's resources, put there by the build. */
    static final String LIBRARY = "lightweight-charts.standalone.production.js";

    private static final ObjectMapper JSON = new ObjectMapper();

    private ChartPage() {}

    /** The page states. */
    public enum State {
        /** Rows are drawn. */
        CHART,
        /** There is no row to draw; the page says which symbols and range. */
        EMPTY,
        /** The rows could not be read; the page says from where and why. */
        ERROR;

        String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The page of {@code model}: a chart, or the empty state when it has no row. */
    public static String of(ChartModel model) {
        Map<String, Object> data = header(model.title(), model.source(), model.generatedAt());
        data.put("range", model.range().describe());
        if (!model.hasRows()) {
            data.put("state", State.EMPTY.id());
            data.put("message", noDataMessage(model));
            return html(model.title(), data);
        }
        data.put("state", State.CHART.id());
        data.put("initialLane", model.initialLane().id());
        data.put("lanes", lanes());
        data.put("seriesDefs", seriesDefs());
        data.put("toggles", toggles());
        List<Object> symbols = new ArrayList<>();
        for (ChartModel.SymbolView s : model.symbols()) {
            symbols.add(symbol(s, model));
        }
        data.put("symbols", symbols);
        if (model.parity() != null) {
            data.put("parity", parity(model.parity()));
        }
        return html(model.title(), data);
    }

    /** The error page: the rows of {@code source} could not be read, for {@code reason}. */
    public static String error(String title, String source, String reason, Instant generatedAt) {
        Map<String, Object> data = header(title, source, generatedAt);
        data.put("state", State.ERROR.id());
        data.put("message", "Cannot read the rows: " + reason);
        return html(title, data);
    }

    /** E.g. {@code No data: <source> has no bars or signals of ZZZZ in [from, to).} */
    static String noDataMessage(ChartModel model) {
        List<String> missing = model.symbolsWithoutRows();
        return "No data: "
                + model.source()
                + " has no bars or signals"
                + (missing.isEmpty() ? "" : " of " + String.join(", ", missing))
                + " in "
                + model.range().describe()
                + ".";
    }

    private static Map<String, Object> header(String title, String source, Instant generatedAt) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("title", title);
        data.put("source", source);
        data.put("generatedAt", generatedAt.toString());
        data.put("library", "TradingView Lightweight Charts " + libraryVersion());
        return data;
    }

    private static Map<String, Object> symbol(ChartModel.SymbolView s, ChartModel model) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("symbol", s.symbol());
        out.put("hasRows", s.hasRows());
        out.put(
                "noData",
                s.hasRows()
                        ? null
                        : "No data for "
                                + s.symbol()
                                + ": "
                                + model.source()
                                + " has no bars or signals of it in "
                                + model.range().describe()
                                + ".");
        FreshnessLag lag = s.lag();
        Map<String, Object> lagOut = new LinkedHashMap<>();
        lagOut.put(
                "newestEventTs",
                lag.newestEventTs() == null ? null : lag.newestEventTs().toString());
        lagOut.put("lagMs", lag.lag() == null ? null : lag.lag().toMillis());
        lagOut.put("text", lag.lagText());
        lagOut.put("targetMs", lag.target().toMillis());
        lagOut.put("targetText", FreshnessLag.text(lag.target()));
        lagOut.put("onTarget", lag.onTarget());
        out.put("lag", lagOut);
        Map<String, Object> lanes = new LinkedHashMap<>();
        for (Lane lane : Lane.values()) {
            lanes.put(lane.id(), lane(s.symbol(), s.lanes().get(lane), model));
        }
        out.put("lanes", lanes);
        return out;
    }

    private static Map<String, Object> lane(
            String symbol, ChartModel.LaneView view, ChartModel model) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put(
                "noData",
                view.isEmpty()
                        ? "No rows of the "
                                + view.lane().label()
                                + " lane for "
                                + symbol
                                + " in "
                                + model.range().describe()
                                + "."
                        : null);
        List<double[]> candles = new ArrayList<>();
        for (ChartModel.Candle c : view.candles()) {
            candles.add(
                    new double[] {c.time(), c.open(), c.high(), c.low(), c.close(), c.volume()});
        }
        out.put("candles", candles);
        Map<String, Object> series = new LinkedHashMap<>();
        for (ChartSeries s : ChartSeries.values()) {
            series.put(s.column(), points(view.series().get(s)));
        }
        out.put("series", series);
        Map<String, Object> live = new LinkedHashMap<>();
        view.live().forEach((column, points) -> live.put(column, points(points)));
        out.put("live", live);
        List<Object> markers = new ArrayList<>();
        for (ChartModel.Marker m : view.markers()) {
            markers.add(Map.of("time", m.time(), "text", m.text()));
        }
        out.put("markers", markers);
        return out;
    }

    private static List<double[]> points(List<ChartModel.Point> points) {
        List<double[]> out = new ArrayList<>(points.size());
        for (ChartModel.Point p : points) {
            out.add(new double[] {p.time(), p.value()});
        }
        return out;
    }

    private static Map<String, Object> parity(ChartModel.ParityView parity) {
        Map<String, Object> out = new LinkedHashMap<>();
        ParityComparison.Result r = parity.result();
        out.put("liveSource", parity.liveSource());
        out.put("compared", r.compared());
        out.put("differing", r.differences().size());
        Map<ParityComparison.Kind, Integer> byKind = new LinkedHashMap<>();
        for (ParityComparison.Kind k : ParityComparison.Kind.values()) {
            byKind.put(k, 0);
        }
        List<Object> rows = new ArrayList<>();
        for (ParityComparison.Difference d : r.differences()) {
            byKind.merge(d.kind(), 1, Integer::sum);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("time", Instant.ofEpochMilli(d.identity().windowStartMs()).toString());
            row.put(
                    "lane",
                    Lane.ofWindowSize(d.identity().windowSize())
                            .map(Lane::label)
                            .orElse(d.identity().windowSize()));
            row.put("table", d.identity().kind().table().name());
            row.put("kind", d.kind().name().toLowerCase(Locale.ROOT).replace('_', ' '));
            row.put("what", d.describe());
            rows.add(row);
        }
        out.put("missing", byKind.get(ParityComparison.Kind.MISSING_IN_REPLAY));
        out.put("extra", byKind.get(ParityComparison.Kind.EXTRA_IN_REPLAY));
        out.put("valuesDiffer", byKind.get(ParityComparison.Kind.VALUES_DIFFER));
        out.put("differences", rows);
        return out;
    }

    private static List<Object> lanes() {
        List<Object> out = new ArrayList<>();
        for (Lane lane : Lane.values()) {
            out.add(Map.of("id", lane.id(), "label", lane.label()));
        }
        return out;
    }

    private static List<Object> seriesDefs() {
        List<Object> out = new ArrayList<>();
        for (ChartSeries s : ChartSeries.values()) {
            Map<String, Object> def = new LinkedHashMap<>();
            def.put("id", s.column());
            def.put("label", s.label());
            def.put("pane", s.pane().ordinal());
            def.put("style", s.style().name().toLowerCase(Locale.ROOT));
            def.put("color", s.color());
            def.put("toggle", s.toggle() == null ? null : s.toggle().id());
            out.add(def);
        }
        return out;
    }

    private static List<Object> toggles() {
        List<Object> out = new ArrayList<>();
        for (ChartSeries.Toggle t : ChartSeries.Toggle.values()) {
            out.add(Map.of("id", t.id(), "label", t.label()));
        }
        return out;
    }

    private static String html(String title, Map<String, Object> data) {
        String json;
        try {
            // '<' escaped: the data sits in a <script> element, which "</script" would end.
            json = JSON.writeValueAsString(data).replace("<", "\\u003c");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the chart data", e);
        }
        String library = resource(LIBRARY);
        String app = resource("chart-page.js");
        for (String script : List.of(library, app)) {
            if (script.toLowerCase(Locale.ROOT).contains("</script")) {
                throw new IllegalStateException("a script to inline contains </script");
            }
        }
        // Plain replace, not a regex: the scripts are full of '$' and '\'.
        return resource("chart-page.html")
                .replace("__TA_TITLE__", escapeHtml(title))
                .replace("__TA_DATA__", json)
                .replace("/*__TA_LIBRARY__*/", library)
                .replace("/*__TA_APP__*/", app);
    }

    /** The inlined library's version, from its licence header. */
    static String libraryVersion() {
        String head = resource(LIBRARY);
        int at = head.indexOf(" v");
        int end = at < 0 ? -1 : head.indexOf('\n', at);
        return at < 0 || end < 0 ? "(unknown version)" : head.substring(at + 1, end).trim();
    }

    private static final Map<String, String> RESOURCES =
            new java.util.concurrent.ConcurrentHashMap<>();

    private static String resource(String name) {
        return RESOURCES.computeIfAbsent(
                name,
                n -> {
                    try (InputStream in = ChartPage.class.getResourceAsStream(n)) {
                        if (in == null) {
                            throw new IllegalStateException(
                                    "resource "
                                            + n
                                            + " is missing: ta-chart's build fetches the library"
                                            + " from npm (mvn -pl ta-chart package)");
                        }
                        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
    }

    static String escapeHtml(String s) {
        return s.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;");
    }
}
