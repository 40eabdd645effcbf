package io.torghut.ta.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The rule files as shipped: rendered from the template with the production values (so nobody edits
 * a generated file by hand), every alert complete (severity, for, a summary that says what to do, a
 * runbook link to an existing section), the documents pointing at the alerts by name, and the live
 * test's rules differing from the shipped ones in the overlaid values only.
 */
class RuleFilesTest {
    @Test
    void theShippedFilesAreWhatTheTemplateRenders() throws Exception {
        for (Map.Entry<String, String> e :
                RulesRenderer.shippedFiles(MonitoringFiles.dir()).entrySet()) {
            assertThat(MonitoringFiles.read(MonitoringFiles.dir().resolve(e.getKey())))
                    .as("%s is stale: run monitoring/render-rules.sh", e.getKey())
                    .isEqualTo(e.getValue());
        }
    }

    @Test
    void thePrometheusRuleCarriesTheSameGroupsAsThePlainRulesFile() {
        JsonNode rule =
                MonitoringFiles.yaml(
                        MonitoringFiles.read(
                                MonitoringFiles.dir().resolve(RulesRenderer.PROMETHEUS_RULE)));
        assertThat(rule.path("kind").asText()).isEqualTo("PrometheusRule");
        assertThat(rule.path("apiVersion").asText()).isEqualTo("monitoring.coreos.com/v1");
        assertThat(rule.path("metadata").path("namespace").asText()).isEqualTo("torghut");
        assertThat(rule.path("spec").path("groups"))
                .isEqualTo(MonitoringFiles.rules().path("groups"));
    }

    @Test
    void aPlaceholderWithoutValueOrAValueWithoutPlaceholderIsRefused() {
        assertThatThrownBy(() -> RulesRenderer.render("a: ${x}\nb: ${y}\n", Map.of("x", "1")))
                .hasMessage(
                        "template placeholders without a value: [y]; values no placeholder uses:"
                                + " []");
        assertThatThrownBy(() -> RulesRenderer.render("a: ${x}\n", Map.of("x", "1", "stale", "2")))
                .hasMessage(
                        "template placeholders without a value: []; values no placeholder uses:"
                                + " [stale]");
        assertThat(RulesRenderer.render("a: ${x} ${x}\n", Map.of("x", "$1")))
                .isEqualTo("a: $1 $1\n");
    }

    @Test
    void everyAlertHasSeverityForSummaryAndARunbookSectionThatExists() {
        String runbook =
                MonitoringFiles.read(MonitoringFiles.repository().resolve("docs/monitoring.md"));
        List<String> problems = new ArrayList<>();
        Map<String, JsonNode> alerts = MonitoringFiles.alerts(MonitoringFiles.rules());
        assertThat(alerts).hasSizeGreaterThanOrEqualTo(17);
        alerts.forEach(
                (name, rule) -> {
                    String severity = rule.path("labels").path("severity").asText();
                    if (!severity.equals("critical") && !severity.equals("warning")) {
                        problems.add(name + ": severity '" + severity + "'");
                    }
                    if (!rule.path("for").asText().matches("\\d+[smh]")) {
                        problems.add(name + ": for '" + rule.path("for").asText() + "'");
                    }
                    String summary = rule.path("annotations").path("summary").asText();
                    // What to do first: every summary names the action after a semicolon.
                    if (!summary.contains("; ")) {
                        problems.add(name + ": the summary says no first step: " + summary);
                    }
                    String url = rule.path("annotations").path("runbook_url").asText();
                    if (!url.equals("docs/monitoring.md#" + name.toLowerCase())) {
                        problems.add(name + ": runbook_url " + url);
                    }
                    if (!Pattern.compile("(?m)^### " + name + "$").matcher(runbook).find()) {
                        problems.add(
                                name + ": no section '### " + name + "' in docs/monitoring.md");
                    }
                });
        assertThat(problems).isEmpty();
    }

    @Test
    void theJobDocumentAndTheReplayRunbookPointAtTheAlertsByName() {
        String job = MonitoringFiles.read(MonitoringFiles.repository().resolve("docs/job.md"));
        for (String alert : MonitoringFiles.alerts(MonitoringFiles.rules()).keySet()) {
            assertThat(job).as("docs/job.md names %s", alert).contains("`" + alert + "`");
        }
        // The prose rules with names no reporter exports are gone.
        assertThat(job).doesNotContain("flink_jobmanager_job_uptime` absent");
        String replay =
                MonitoringFiles.read(
                        MonitoringFiles.repository().resolve("docs/runbook-replay.md"));
        for (String alert :
                List.of(
                        "TaSignalsStale",
                        "TaJobNotRunning",
                        "TaJobRestartLoop",
                        "TaCheckpointsStalled",
                        "TaInputConsumerLagGrowing",
                        "TaClickHouseInsertsStale")) {
            assertThat(replay).as("docs/runbook-replay.md names %s", alert).contains(alert);
        }
    }

    @Test
    void theLiveTestRulesAreTheShippedRulesWithTheOverlaidValuesOnly() {
        String shipped =
                MonitoringFiles.read(MonitoringFiles.dir().resolve(RulesRenderer.RULES_FILE));
        String live = MonitoringFiles.liveTestRules();
        JsonNode shippedRules = MonitoringFiles.rules();
        JsonNode liveRules = MonitoringFiles.yaml(live);
        assertThat(MonitoringFiles.alerts(liveRules).keySet())
                .containsExactlyElementsOf(MonitoringFiles.alerts(shippedRules).keySet());
        // Outside the freshness alerts, the two files are the same rule for rule.
        MonitoringFiles.alerts(shippedRules)
                .forEach(
                        (name, rule) -> {
                            if (!name.startsWith("TaSignals")) {
                                assertThat(MonitoringFiles.alerts(liveRules).get(name))
                                        .as(name)
                                        .isEqualTo(rule);
                            }
                        });
        JsonNode stale = MonitoringFiles.alerts(liveRules).get("TaSignalsStale");
        assertThat(stale.path("for").asText()).isEqualTo("10s");
        assertThat(stale.path("expr").asText())
                .isEqualTo(
                        MonitoringFiles.alerts(shippedRules)
                                .get("TaSignalsStale")
                                .path("expr")
                                .asText()
                                .replace("> 120000", "> 8000"));
        assertThat(shipped).isNotEqualTo(live);
    }
}
