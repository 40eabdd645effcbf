package io.torghut.ta.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import io.torghut.ta.testkit.ProductionFixtures;
import io.torghut.ta.testkit.ProductionFixtures.Fixture;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * {@code kubectl kustomize monitoring/} as GitOps applies it: the PrometheusRule, the dashboard's
 * ConfigMap (the JSON file as it is), and the scrape matching production: the ServiceMonitor
 * selects production's Service {@code torghut-ta-metrics} by its labels and port, the PodMonitor
 * the TaskManager pods by the labels Flink gives them and the container port production's pod
 * template declares. The checkpoint-stall threshold is three checkpoint intervals plus the timeout
 * of the job's ConfigMap, here and in production.
 */
class ManifestsTest {
    private static Map<String, JsonNode> rendered() throws Exception {
        Tools.Result r =
                Tools.run(
                        MonitoringFiles.repository(),
                        120,
                        List.of(
                                Tools.require("kubectl", "kubernetes-client").toString(),
                                "kustomize",
                                "monitoring"));
        assertThat(r.exitCode()).as("kubectl kustomize monitoring:%n%s", r.output()).isZero();
        Map<String, JsonNode> byKind = new LinkedHashMap<>();
        try (MappingIterator<JsonNode> docs =
                MonitoringFiles.YAML.readerFor(JsonNode.class).readValues(r.output())) {
            while (docs.hasNext()) {
                JsonNode d = docs.next();
                byKind.put(
                        d.path("kind").asText() + "/" + d.path("metadata").path("name").asText(),
                        d);
            }
        }
        return byKind;
    }

    private static JsonNode fixture(Fixture f) {
        return MonitoringFiles.yaml(ProductionFixtures.text(f));
    }

    @Test
    void kustomizeRendersTheRulesTheDashboardAndTheScrape() throws Exception {
        Map<String, JsonNode> out = rendered();
        assertThat(out.keySet())
                .containsExactlyInAnyOrder(
                        "ConfigMap/torghut-ta-dashboard",
                        "PrometheusRule/torghut-ta",
                        "ServiceMonitor/torghut-ta-jobmanager",
                        "PodMonitor/torghut-ta-taskmanagers");
        out.values()
                .forEach(
                        d ->
                                assertThat(d.path("metadata").path("namespace").asText())
                                        .isEqualTo("torghut"));
        assertThat(out.get("PrometheusRule/torghut-ta").path("spec").path("groups"))
                .isEqualTo(MonitoringFiles.rules().path("groups"));
        JsonNode dashboard = out.get("ConfigMap/torghut-ta-dashboard");
        assertThat(dashboard.path("metadata").path("labels").path("grafana_dashboard").asText())
                .isEqualTo("1");
        assertThat(
                        MonitoringFiles.JSON.readTree(
                                dashboard.path("data").path("torghut-ta.json").asText()))
                .isEqualTo(MonitoringFiles.dashboard());
    }

    @Test
    void theServiceMonitorScrapesProductionsMetricsServiceAsAlloyDoes() throws Exception {
        JsonNode monitor = rendered().get("ServiceMonitor/torghut-ta-jobmanager").path("spec");
        JsonNode service = fixture(Fixture.TA_METRICS_SERVICE);
        assertThat(monitor.path("namespaceSelector").path("matchNames").get(0).asText())
                .isEqualTo(service.path("metadata").path("namespace").asText());
        monitor.path("selector")
                .path("matchLabels")
                .fields()
                .forEachRemaining(
                        e ->
                                assertThat(
                                                service.path("metadata")
                                                        .path("labels")
                                                        .path(e.getKey())
                                                        .asText())
                                        .as("Service label %s", e.getKey())
                                        .isEqualTo(e.getValue().asText()));
        JsonNode endpoint = monitor.path("endpoints").get(0);
        assertThat(endpoint.path("port").asText())
                .isEqualTo(service.path("spec").path("ports").get(0).path("name").asText());
        assertThat(service.path("spec").path("ports").get(0).path("port").asInt()).isEqualTo(9249);
        assertThat(service.path("spec").path("selector").path("component").asText())
                .isEqualTo("jobmanager");
        // Every 30 s as job "torghut", as the platform's Alloy scrapes the Service today.
        assertThat(endpoint.path("interval").asText()).isEqualTo("30s");
        assertThat(relabel(endpoint, "job")).isEqualTo("torghut");
    }

    @Test
    void thePodMonitorFindsTheTaskManagersOfProductionsFlinkDeployment() throws Exception {
        JsonNode monitor = rendered().get("PodMonitor/torghut-ta-taskmanagers").path("spec");
        JsonNode deployment = fixture(Fixture.TA_FLINKDEPLOYMENT);
        JsonNode service = fixture(Fixture.TA_METRICS_SERVICE);
        JsonNode labels = monitor.path("selector").path("matchLabels");
        // Flink's native Kubernetes mode labels its pods app=<deployment>, type and component, as
        // the metrics Service's selector relies on for the JobManager.
        assertThat(labels.path("app").asText())
                .isEqualTo(deployment.path("metadata").path("name").asText())
                .isEqualTo(service.path("spec").path("selector").path("app").asText());
        assertThat(labels.path("type").asText())
                .isEqualTo(service.path("spec").path("selector").path("type").asText());
        assertThat(labels.path("component").asText()).isEqualTo("taskmanager");
        JsonNode endpoint = monitor.path("podMetricsEndpoints").get(0);
        String port = endpoint.path("port").asText();
        List<String> declared = new ArrayList<>();
        for (JsonNode c :
                deployment.path("spec").path("podTemplate").path("spec").path("containers")) {
            for (JsonNode p : c.path("ports")) {
                if (p.path("name").asText().equals(port)) {
                    declared.add(c.path("name").asText() + ":" + p.path("containerPort").asInt());
                }
            }
        }
        String reporterPort =
                deployment
                        .path("spec")
                        .path("flinkConfiguration")
                        .path("metrics.reporter.prom.port")
                        .asText();
        assertThat(declared).containsExactly("flink-main-container:" + reporterPort);
        assertThat(endpoint.path("interval").asText()).isEqualTo("30s");
        assertThat(relabel(endpoint, "job")).isEqualTo("torghut");
    }

    @Test
    void theRepositoryFlinkDeploymentRunsTheReporterTheRulesRead() throws Exception {
        Tools.Result r =
                Tools.run(
                        MonitoringFiles.repository(),
                        120,
                        List.of(
                                Tools.require("kubectl", "kubernetes-client").toString(),
                                "kustomize",
                                "flinkdeployment"));
        assertThat(r.exitCode()).as(r.output()).isZero();
        JsonNode deployment = null;
        try (MappingIterator<JsonNode> docs =
                MonitoringFiles.YAML.readerFor(JsonNode.class).readValues(r.output())) {
            while (docs.hasNext()) {
                JsonNode d = docs.next();
                if (d.path("kind").asText().equals("FlinkDeployment")) {
                    deployment = d;
                }
            }
        }
        assertThat(deployment).isNotNull();
        JsonNode conf = deployment.path("spec").path("flinkConfiguration");
        assertThat(conf.path("metrics.reporter.prom.factory.class").asText())
                .isEqualTo("org.apache.flink.metrics.prometheus.PrometheusReporterFactory");
        assertThat(conf.path("metrics.reporter.prom.port").asText()).isEqualTo("9249");
        assertThat(deployment.path("metadata").path("name").asText()).isEqualTo("torghut-ta");
    }

    @Test
    void theCheckpointStallThresholdIsThreeIntervalsPlusTheTimeout() throws Exception {
        Properties production = new Properties();
        production.load(
                new java.io.StringReader(
                        MonitoringFiles.read(
                                MonitoringFiles.dir().resolve(RulesRenderer.PRODUCTION_VALUES))));
        long threshold = Long.parseLong(production.getProperty("checkpoint_stall_seconds"));
        for (JsonNode configMap :
                List.of(
                        MonitoringFiles.yaml(
                                MonitoringFiles.read(
                                        MonitoringFiles.repository()
                                                .resolve("flinkdeployment/configmap.yaml"))),
                        fixture(Fixture.TA_CONFIGMAP))) {
            JsonNode data = configMap.path("data");
            long interval = data.path("TA_CHECKPOINT_INTERVAL_MS").asLong() / 1000;
            long timeout = data.path("TA_CHECKPOINT_TIMEOUT_MS").asLong() / 1000;
            assertThat(threshold).isEqualTo(3 * interval + timeout);
        }
    }

    private static String relabel(JsonNode endpoint, String targetLabel) {
        for (JsonNode r : endpoint.path("relabelings")) {
            if (r.path("targetLabel").asText().equals(targetLabel)) {
                return r.path("replacement").asText();
            }
        }
        return null;
    }
}
