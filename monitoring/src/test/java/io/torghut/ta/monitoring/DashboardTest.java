package io.torghut.ta.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The dashboard's JSON on its own: every panel reads the dashboard's Prometheus data source, has
 * queries, a unique id and a description; every label a legend shows is one its query keeps; and
 * the panels cover what the issue asks for (freshness, throughput per input, watermark and consumer
 * lag, late and refused records, checkpoint age, size and duration, restarts, sink latency and
 * retries). That every query returns data from the running job is JobMetricsPrometheusITCase's.
 */
class DashboardTest {
    @Test
    void everyPanelReadsTheDataSourceVariableAndHasQueries() {
        JsonNode d = MonitoringFiles.dashboard();
        assertThat(d.path("uid").asText()).isEqualTo("torghut-ta");
        assertThat(d.path("templating").path("list").get(0).path("name").asText())
                .isEqualTo("datasource");
        Set<Integer> ids = new HashSet<>();
        List<String> problems = new ArrayList<>();
        for (JsonNode panel : d.path("panels")) {
            if (!ids.add(panel.path("id").asInt())) {
                problems.add("duplicate id " + panel.path("id"));
            }
            if (panel.path("type").asText().equals("row")) {
                continue;
            }
            String title = panel.path("title").asText();
            if (!panel.path("datasource").path("uid").asText().equals("${datasource}")) {
                problems.add(title + ": datasource " + panel.path("datasource"));
            }
            if (panel.path("description").asText().isBlank()) {
                problems.add(title + ": no description");
            }
            if (panel.path("targets").isEmpty()) {
                problems.add(title + ": no query");
            }
            for (JsonNode t : panel.path("targets")) {
                String expr = t.path("expr").asText();
                Set<String> kept = PromQlReferences.of(expr).groupingLabels();
                for (String label :
                        PromQlReferences.legendLabels(t.path("legendFormat").asText())) {
                    if (!kept.contains(label)) {
                        problems.add(
                                title + ": legend shows " + label + ", which " + expr + " drops");
                    }
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void thePanelsCoverWhatOncallReads() {
        String queries =
                String.join(
                        "\n",
                        MonitoringFiles.panelQueries().stream()
                                .map(MonitoringFiles.PanelQuery::expr)
                                .toList());
        assertThat(queries)
                .contains(
                        "ta_signal_freshness_lag_ms",
                        "ta_market_session_open",
                        "sum by (input) (rate(ta:input_valid_records:total",
                        "watermarkLag",
                        "pendingRecords",
                        "ta_late_trades",
                        "ta:input_invalid_records:total",
                        "lastCheckpointCompletedTimestamp",
                        "lastCheckpointSize",
                        "lastCheckpointDuration",
                        "numRestarts",
                        "ta_clickhouse_insert_latency_ms",
                        "ta_clickhouse_retries",
                        "ta_clickhouse_last_success_age_ms");
    }
}
