package io.torghut.ta.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * promtool on the shipped rules: {@code check rules} on the plain file, on the PrometheusRule's
 * groups and on the live test's variant; {@code test rules} on {@code rules/tests/}; and the unit
 * tests' coverage: every alert of the rules file has, in one test, an evaluation where it does not
 * fire yet, one where it fires and a later one where it has resolved, and every recording rule is
 * checked by an expression test.
 */
class PromtoolRulesTest {
    private static final Pattern DURATION = Pattern.compile("(\\d+)([hms])");

    private static Path promtool() {
        return Tools.require("promtool", "prometheus");
    }

    private static void check(Path rulesFile) {
        Tools.Result r =
                Tools.run(
                        MonitoringFiles.dir(),
                        60,
                        List.of(promtool().toString(), "check", "rules", rulesFile.toString()));
        assertThat(r.exitCode()).as("promtool check rules %s:%n%s", rulesFile, r.output()).isZero();
        assertThat(r.output()).contains("SUCCESS");
    }

    @Test
    void promtoolAcceptsThePlainFileThePrometheusRuleAndTheLiveVariant(@TempDir Path tmp)
            throws Exception {
        check(MonitoringFiles.dir().resolve(RulesRenderer.RULES_FILE));
        JsonNode rule =
                MonitoringFiles.yaml(
                        MonitoringFiles.read(
                                MonitoringFiles.dir().resolve(RulesRenderer.PROMETHEUS_RULE)));
        Path spec = tmp.resolve("prometheusrule-spec.yaml");
        MonitoringFiles.YAML.writeValue(spec.toFile(), rule.path("spec"));
        check(spec);
        Path live = tmp.resolve("live.rules.yaml");
        Files.writeString(live, MonitoringFiles.liveTestRules(), StandardCharsets.UTF_8);
        check(live);
    }

    @Test
    void theUnitTestsPass() throws Exception {
        List<String> command = new ArrayList<>(List.of(promtool().toString(), "test", "rules"));
        for (Path t : testFiles()) {
            command.add(t.toString());
        }
        Tools.Result r = Tools.run(MonitoringFiles.dir(), 120, command);
        assertThat(r.exitCode()).as("promtool test rules:%n%s", r.output()).isZero();
        assertThat(r.output()).contains("SUCCESS").doesNotContain("FAILED");
    }

    @Test
    void everyAlertFiresDoesNotFireAndResolvesInTheUnitTests() throws Exception {
        // Per alert, per test: the evaluation times and whether the alert fired then.
        Map<String, List<String>> coverage = new TreeMap<>();
        List<String> recordsChecked = new ArrayList<>();
        for (Path file : testFiles()) {
            JsonNode tests = MonitoringFiles.yaml(MonitoringFiles.read(file));
            for (JsonNode test : tests.path("tests")) {
                Map<String, TreeMap<Long, Boolean>> evals = new TreeMap<>();
                for (JsonNode e : test.path("alert_rule_test")) {
                    evals.computeIfAbsent(e.path("alertname").asText(), k -> new TreeMap<>())
                            .put(
                                    seconds(e.path("eval_time").asText()),
                                    !e.path("exp_alerts").isEmpty());
                }
                evals.forEach(
                        (alert, byTime) ->
                                coverage.computeIfAbsent(alert, k -> new ArrayList<>())
                                        .add(shape(byTime)));
                for (JsonNode e : test.path("promql_expr_test")) {
                    recordsChecked.add(e.path("expr").asText());
                }
            }
        }
        List<String> missing = new ArrayList<>();
        for (String alert : MonitoringFiles.alerts(MonitoringFiles.rules()).keySet()) {
            List<String> shapes = coverage.getOrDefault(alert, List.of());
            if (shapes.stream().noneMatch(s -> s.matches("0+1+0+"))) {
                missing.add(alert + " (tests: " + shapes + ")");
            }
        }
        assertThat(missing)
                .as("alerts without a test that evaluates not firing, firing, then resolved")
                .isEmpty();
        for (String record : MonitoringFiles.records(MonitoringFiles.rules()).keySet()) {
            assertThat(recordsChecked)
                    .as("an expression test of %s", record)
                    .anyMatch(e -> e.contains(record));
        }
    }

    /** The evaluations in time order as 0 (not firing) and 1 (firing). */
    private static String shape(TreeMap<Long, Boolean> byTime) {
        StringBuilder s = new StringBuilder();
        byTime.values().forEach(f -> s.append(f ? '1' : '0'));
        return s.toString();
    }

    static long seconds(String duration) {
        Matcher m = DURATION.matcher(duration);
        long total = 0;
        int end = 0;
        while (m.find()) {
            long n = Long.parseLong(m.group(1));
            total +=
                    switch (m.group(2)) {
                        case "h" -> n * 3600;
                        case "m" -> n * 60;
                        default -> n;
                    };
            end = m.end();
        }
        if (end != duration.length()) {
            throw new IllegalArgumentException("not a duration: " + duration);
        }
        return total;
    }

    static List<Path> testFiles() throws Exception {
        try (Stream<Path> files = Files.list(MonitoringFiles.dir().resolve("rules/tests"))) {
            List<Path> out =
                    files.filter(p -> p.getFileName().toString().endsWith(".test.yaml"))
                            .sorted()
                            .toList();
            assertThat(out).isNotEmpty();
            return out;
        }
    }
}
