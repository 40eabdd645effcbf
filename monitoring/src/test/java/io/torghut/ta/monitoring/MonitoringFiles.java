package io.torghut.ta.monitoring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The shipped monitoring files as the tests read them: the monitoring folder (this module's base
 * directory), the rules file parsed, its alerts and recording rules, the dashboard's panel queries,
 * and the rules rendered with the live test's overlay.
 */
final class MonitoringFiles {
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    static final ObjectMapper JSON = new ObjectMapper();

    /** The test overlay of shorter thresholds for the live Prometheus test. */
    static final String LIVE_OVERLAY = "/io/torghut/ta/monitoring/live-test.properties";

    private MonitoringFiles() {}

    /** The monitoring folder: Surefire runs in the module's base directory. */
    static Path dir() {
        Path base = Path.of(System.getProperty("basedir", "")).toAbsolutePath();
        if (!Files.isRegularFile(base.resolve(RulesRenderer.TEMPLATE))) {
            throw new IllegalStateException("not the monitoring folder: " + base);
        }
        return base;
    }

    /** The repository's root. */
    static Path repository() {
        return dir().getParent();
    }

    static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode yaml(String text) {
        try {
            return YAML.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The shipped plain rules file, parsed. */
    static JsonNode rules() {
        return yaml(read(dir().resolve(RulesRenderer.RULES_FILE)));
    }

    /** Every rule of a parsed rules file (alerts and records), in file order. */
    static List<JsonNode> allRules(JsonNode rulesFile) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode group : rulesFile.path("groups")) {
            group.path("rules").forEach(out::add);
        }
        return out;
    }

    /** The alerts of a parsed rules file by name. */
    static Map<String, JsonNode> alerts(JsonNode rulesFile) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        for (JsonNode r : allRules(rulesFile)) {
            if (r.has("alert")) {
                out.put(r.path("alert").asText(), r);
            }
        }
        return out;
    }

    /** The recording rules of a parsed rules file by recorded name. */
    static Map<String, JsonNode> records(JsonNode rulesFile) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        for (JsonNode r : allRules(rulesFile)) {
            if (r.has("record")) {
                out.put(r.path("record").asText(), r);
            }
        }
        return out;
    }

    /** The dashboard, parsed. */
    static JsonNode dashboard() {
        try {
            return JSON.readTree(read(dir().resolve("dashboards/torghut-ta.json")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One query of a dashboard panel. */
    record PanelQuery(String panel, String refId, String expr) {}

    /** Every query of every dashboard panel. */
    static List<PanelQuery> panelQueries() {
        List<PanelQuery> out = new ArrayList<>();
        for (JsonNode panel : dashboard().path("panels")) {
            for (JsonNode t : panel.path("targets")) {
                out.add(
                        new PanelQuery(
                                panel.path("title").asText(),
                                t.path("refId").asText(),
                                t.path("expr").asText()));
            }
        }
        return out;
    }

    /** The rules rendered from the template with the production values and the live overlay. */
    static String liveTestRules() {
        String overlay;
        try (var in = MonitoringFiles.class.getResourceAsStream(LIVE_OVERLAY)) {
            overlay = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> values =
                RulesRenderer.values(
                        List.of(read(dir().resolve(RulesRenderer.PRODUCTION_VALUES)), overlay));
        return RulesRenderer.rulesFile(
                RulesRenderer.render(read(dir().resolve(RulesRenderer.TEMPLATE)), values));
    }
}
