package io.torghut.ta.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The JobManager's REST API, as the web UI, {@code flink run} and the Kubernetes operator use it:
 * job status, checkpoint statistics, job metrics, exception history, jar upload and run.
 */
public final class FlinkRest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    // A jar run answers once the job's main has built the graph, which on cores shared with
    // other fault tests' clusters took over a minute.
    private static final Duration TIMEOUT = Duration.ofSeconds(180);

    private final URI base;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** A client of the REST API at {@code base}, e.g. {@code http://127.0.0.1:8081}. */
    public FlinkRest(URI base) {
        String s = base.toString();
        this.base = URI.create(s.endsWith("/") ? s : s + "/");
    }

    /** The API's base URI. */
    public URI base() {
        return base;
    }

    /** GETs a path relative to the base, e.g. {@code jobs/<id>}; fails on a non-2xx answer. */
    public JsonNode get(String path) {
        return send(HttpRequest.newBuilder(base.resolve(path)).timeout(TIMEOUT).GET().build());
    }

    /** POSTs JSON to a path relative to the base. */
    public JsonNode post(String path, String json) {
        return send(
                HttpRequest.newBuilder(base.resolve(path))
                        .timeout(TIMEOUT)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json))
                        .build());
    }

    /** PATCHes a path relative to the base (e.g. to cancel a job). */
    public JsonNode patch(String path) {
        return send(
                HttpRequest.newBuilder(base.resolve(path))
                        .timeout(TIMEOUT)
                        .method("PATCH", HttpRequest.BodyPublishers.noBody())
                        .build());
    }

    /** True when the REST endpoint answers at all. */
    public boolean isUp() {
        try {
            get("overview");
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Uploads a job JAR as {@code POST /jars/upload} (multipart), returning its jar id. */
    public String uploadJar(Path jar) throws IOException {
        String boundary = "----ta" + UUID.randomUUID();
        byte[] head =
                ("--"
                                + boundary
                                + "\r\nContent-Disposition: form-data; name=\"jarfile\"; filename=\""
                                + jar.getFileName()
                                + "\"\r\nContent-Type: application/x-java-archive\r\n\r\n")
                        .getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] body = Files.readAllBytes(jar);
        byte[] all = new byte[head.length + body.length + tail.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(body, 0, all, head.length, body.length);
        System.arraycopy(tail, 0, all, head.length + body.length, tail.length);
        JsonNode answer =
                send(
                        HttpRequest.newBuilder(base.resolve("jars/upload"))
                                .timeout(TIMEOUT)
                                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                                .POST(HttpRequest.BodyPublishers.ofByteArray(all))
                                .build());
        String file = answer.path("filename").asText();
        return file.substring(file.lastIndexOf('/') + 1);
    }

    /** A job's status, e.g. RUNNING, RESTARTING, CANCELED. */
    public String jobState(String jobId) {
        return get("jobs/" + jobId).path("state").asText();
    }

    /** {@code /jobs/:id/checkpoints}: counts, latest completed/failed/restored. */
    public JsonNode checkpoints(String jobId) {
        return get("jobs/" + jobId + "/checkpoints");
    }

    public long completedCheckpoints(String jobId) {
        return checkpoints(jobId).path("counts").path("completed").asLong();
    }

    public long failedCheckpoints(String jobId) {
        return checkpoints(jobId).path("counts").path("failed").asLong();
    }

    /** The external path of the latest completed checkpoint, or null. */
    public String latestCheckpointPath(String jobId) {
        JsonNode latest = checkpoints(jobId).path("latest").path("completed");
        return latest.isMissingNode() || latest.isNull()
                ? null
                : latest.path("external_path").asText();
    }

    /**
     * A job-level metric (e.g. numRestarts) as a number. The REST endpoint fetches metrics in the
     * background (every 10 s by default) and answers an empty list until then: poll for a minute.
     */
    public long jobMetric(String jobId, String name) {
        return Await.value(
                "job metric " + name + " of " + jobId,
                Duration.ofSeconds(60),
                () -> jobMetricNow(jobId, name),
                v -> v >= 0);
    }

    /**
     * A job-level metric as it is now: the REST endpoint answers from a cache it refreshes in the
     * background on request, so ask, let it refresh, and ask again.
     */
    public long freshJobMetric(String jobId, String name) {
        jobMetric(jobId, name);
        Await.sleep(Duration.ofMillis(1500));
        return jobMetric(jobId, name);
    }

    private long jobMetricNow(String jobId, String name) {
        JsonNode answer = get("jobs/" + jobId + "/metrics?get=" + name);
        for (JsonNode m : answer) {
            if (name.equals(m.path("id").asText())) {
                return (long) Double.parseDouble(m.path("value").asText());
            }
        }
        return -1;
    }

    /**
     * Every operator metric whose name ends with one of {@code suffixes}, summed over the subtasks
     * of every vertex, keyed by the metric's name from its {@code ta.} group on.
     */
    public Map<String, Long> operatorMetricSums(String jobId, List<String> suffixes) {
        Map<String, Long> sums = new TreeMap<>();
        for (JsonNode vertex : get("jobs/" + jobId).path("vertices")) {
            String base = "jobs/" + jobId + "/vertices/" + vertex.path("id").asText();
            List<String> ids = new ArrayList<>();
            for (JsonNode m : get(base + "/subtasks/metrics")) {
                String metric = m.path("id").asText();
                if (suffixes.stream().anyMatch(metric::endsWith)) {
                    ids.add(metric);
                }
            }
            if (ids.isEmpty()) {
                continue;
            }
            for (JsonNode m :
                    get(base + "/subtasks/metrics?agg=sum&get=" + String.join(",", ids))) {
                String metric = m.path("id").asText();
                int group = metric.indexOf("ta.");
                sums.merge(
                        group < 0 ? metric : metric.substring(group),
                        (long) m.path("sum").asDouble(),
                        Long::sum);
            }
        }
        return sums;
    }

    /** The root causes of the job's failures so far, oldest first. */
    public JsonNode exceptionHistory(String jobId) {
        return get("jobs/" + jobId + "/exceptions?maxExceptions=50")
                .path("exceptionHistory")
                .path("entries");
    }

    private JsonNode send(HttpRequest request) {
        try {
            HttpResponse<String> response =
                    http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException(
                        request.method()
                                + " "
                                + request.uri()
                                + " answered "
                                + response.statusCode()
                                + ": "
                                + response.body());
            }
            String body = response.body();
            return body.isEmpty() ? MAPPER.createObjectNode() : MAPPER.readTree(body);
        } catch (IOException e) {
            throw new IllegalStateException(request.method() + " " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
