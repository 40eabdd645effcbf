package io.torghut.ta.monitoring;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Prometheus server (Debian's {@code prometheus}, the package CI installs) on loopback,
 * scraping the job's reporter and evaluating a rules file, with its HTTP API for queries, series
 * and alerts.
 *
 * <p>In a MiniCluster the JobManager and the TaskManagers share one metric registry, so one
 * reporter endpoint serves both. Production has an endpoint per pod; the scrape here splits the one
 * endpoint into a JobManager target ({@code flink_jobmanager_*} only) and a TaskManager target
 * ({@code flink_taskmanager_*} only), labelled {@code job="torghut"} and {@code component} as the
 * ServiceMonitor and the PodMonitor label production's targets, so every rule sees the series and
 * target labels it would see there.
 */
final class PrometheusServer implements AutoCloseable {
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Process process;
    private final Path log;
    private final URI base;

    private PrometheusServer(Process process, Path log, URI base) {
        this.process = process;
        this.log = log;
        this.base = base;
    }

    /**
     * Starts Prometheus in {@code dir} on {@code port}, scraping {@code reporterPort} every second
     * and evaluating {@code rules}; returns once it is ready.
     */
    static PrometheusServer start(Path dir, int port, int reporterPort, String rules) {
        Path binary = Tools.require("prometheus", "prometheus");
        try {
            Files.createDirectories(dir);
            Path rulesFile = Files.writeString(dir.resolve("torghut-ta.rules.yaml"), rules);
            String target = "127.0.0.1:" + reporterPort;
            Path config =
                    Files.writeString(
                            dir.resolve("prometheus.yml"),
                            String.join(
                                    "\n",
                                    "global:",
                                    "  scrape_interval: 1s",
                                    "  scrape_timeout: 1s",
                                    "  evaluation_interval: 1s",
                                    "rule_files:",
                                    "  - " + rulesFile,
                                    "scrape_configs:",
                                    scrape("torghut-jobmanager", target, "jobmanager"),
                                    scrape("torghut-taskmanager", target, "taskmanager"),
                                    ""));
            Path log = dir.resolve("prometheus.log");
            List<String> command =
                    new ArrayList<>(
                            List.of(
                                    binary.toString(),
                                    "--config.file=" + config,
                                    "--storage.tsdb.path=" + dir.resolve("data"),
                                    "--web.listen-address=127.0.0.1:" + port,
                                    "--log.level=warn"));
            Process p =
                    new ProcessBuilder(command)
                            .redirectErrorStream(true)
                            .redirectOutput(log.toFile())
                            .start();
            PrometheusServer server =
                    new PrometheusServer(p, log, URI.create("http://127.0.0.1:" + port + "/"));
            server.awaitReady();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start prometheus", e);
        }
    }

    private static String scrape(String name, String target, String component) {
        return String.join(
                "\n",
                "  - job_name: " + name,
                "    static_configs:",
                "      - targets: ['" + target + "']",
                "        labels:",
                "          component: " + component,
                "    relabel_configs:",
                "      - target_label: job",
                "        replacement: torghut",
                "    metric_relabel_configs:",
                "      - source_labels: [__name__]",
                "        regex: 'flink_" + component + "_.*'",
                "        action: keep");
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError(
                        "prometheus exited with " + process.exitValue() + ":\n" + log());
            }
            try {
                HttpResponse<String> r =
                        HTTP.send(
                                HttpRequest.newBuilder(base.resolve("-/ready")).build(),
                                HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // Not listening yet.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(200);
        }
        throw new AssertionError("prometheus not ready in 60 s:\n" + log());
    }

    /** The server's log so far. */
    String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /** GET {@code api/v1/<path>}; its {@code data}; fails on an error answer. */
    JsonNode api(String path) {
        try {
            HttpResponse<String> r =
                    HTTP.send(
                            HttpRequest.newBuilder(base.resolve("api/v1/" + path))
                                    .timeout(Duration.ofSeconds(30))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            JsonNode body = MonitoringFiles.JSON.readTree(r.body());
            if (r.statusCode() != 200 || !body.path("status").asText().equals("success")) {
                throw new IllegalStateException(
                        path + " answered " + r.statusCode() + ": " + r.body());
            }
            return body.path("data");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The result of an instant query now. */
    JsonNode query(String promql) {
        return api("query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
    }

    /**
     * The series a selector matches over the last two minutes (to a few seconds ahead: a sample
     * written in this second is later than "now" truncated to seconds).
     */
    JsonNode series(String selector) {
        long now = System.currentTimeMillis() / 1000;
        return api(
                "series?match[]="
                        + URLEncoder.encode(selector, StandardCharsets.UTF_8)
                        + "&start="
                        + (now - 120)
                        + "&end="
                        + (now + 5));
    }

    /** The active alerts (pending and firing). */
    JsonNode alerts() {
        return api("alerts").path("alerts");
    }

    /** The state of the named alert: "pending", "firing", or null when inactive. */
    String alertState(String name) {
        for (JsonNode a : alerts()) {
            if (a.path("labels").path("alertname").asText().equals(name)) {
                return a.path("state").asText();
            }
        }
        return null;
    }

    /** When the named alert became active, as Prometheus reports it, or null. */
    java.time.Instant activeAt(String name) {
        for (JsonNode a : alerts()) {
            if (a.path("labels").path("alertname").asText().equals(name)) {
                return java.time.Instant.parse(a.path("activeAt").asText());
            }
        }
        return null;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Stops the server it started (its own child process only). */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
