package io.torghut.ta.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.torghut.ta.job.config.TaConfig;
import io.torghut.ta.job.config.TaConfigKey;
import io.torghut.ta.job.status.MarketSession;
import io.torghut.ta.testkit.Await;
import io.torghut.ta.testkit.FreePorts;
import io.torghut.ta.testkit.JobScenario;
import io.torghut.ta.testkit.TestPlatform;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.flink.core.execution.JobClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The production topology (Kafka in, Kafka and ClickHouse out, status, checkpoints in S3) on a
 * MiniCluster with Flink's Prometheus reporter configured as production configures it, fed live
 * market data, scraped by its {@code /metrics} endpoint and by a real Prometheus evaluating the
 * shipped rules with the live overlay's shorter freshness thresholds. One job run serves every test
 * here:
 *
 * <ol>
 *   <li>every series a rule or a panel reads is exported with the labels the expression matches and
 *       groups by (target labels {@code job} and {@code component} through Prometheus);
 *   <li>the same for the ClickHouse sink's series, separately, as they belong to the sink;
 *   <li>every panel query returns data from Prometheus;
 *   <li>input paused: {@code TaSignalsStale} goes pending, fires after its {@code for}, and
 *       resolves when the input resumes.
 * </ol>
 *
 * <p>The job runs with the job parameter {@code ta.market-session=open}: the market must be open
 * for the stale-signal rules whatever the wall clock of the test says (the calendar itself is
 * MarketSessionTest's and MarketHoursRulesTest's).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class JobMetricsPrometheusITCase {
    /** The reporter's settings as the FlinkDeployment sets them, on a free port. */
    static final String REPORTER_FACTORY =
            "org.apache.flink.metrics.prometheus.PrometheusReporterFactory";

    /** Labels Prometheus adds to a target: not in the reporter's own output. */
    static final Set<String> TARGET_LABELS = Set.of("job", "component", "instance");

    @TempDir static Path dir;

    static TestPlatform platform;
    static JobScenario scenario;
    static LiveFeed feed;
    static JobClient job;
    static PrometheusServer prometheus;
    static URI metrics;

    @BeforeAll
    static void runTheJobAndPrometheus() throws Exception {
        int[] ports = FreePorts.freePorts(2);
        metrics = URI.create("http://127.0.0.1:" + ports[0] + "/metrics");
        platform =
                TestPlatform.isolated(dir.resolve("platform"))
                        .taskManagers(1, 4)
                        .flinkConfiguration(
                                Map.of(
                                        "metrics.reporter.prom.factory.class",
                                        REPORTER_FACTORY,
                                        "metrics.reporter.prom.port",
                                        String.valueOf(ports[0])))
                        .build();
        scenario =
                platform.scenario("monitoring")
                        .tape(JobScenario.tape(7, 1, 1, 1))
                        .withClickHouse()
                        .build();
        TaConfig config =
                scenario.config(
                        "ta-monitoring",
                        Map.of(
                                // Live input: a partition without records for 2 s is idle.
                                TaConfigKey.TA_WATERMARK_IDLE_TIMEOUT_MS, "2000",
                                TaConfigKey.TA_CLICKHOUSE_FLUSH_MS, "200"));
        feed = new LiveFeed(scenario, platform.kafka(), List.of("AAPL", "MSFT", "NVDA", "TSLA"));
        feed.start();
        job =
                platform.flink()
                        .job(config)
                        .with(
                                Map.of(
                                        "pipeline.global-job-parameters",
                                        MarketSession.JOB_PARAMETER + ":open"))
                        .submit();
        prometheus =
                PrometheusServer.start(
                        dir.resolve("prometheus"),
                        ports[1],
                        ports[0],
                        MonitoringFiles.liveTestRules());
        Await.until(
                "fresh signals in the job's freshness gauge",
                Duration.ofSeconds(120),
                () ->
                        freshness(Exposition.scrape(metrics)) >= 0
                                && freshness(Exposition.scrape(metrics)) < 8000);
    }

    @AfterAll
    static void stop() throws Exception {
        if (feed != null) {
            feed.close();
        }
        if (prometheus != null) {
            prometheus.close();
        }
        if (job != null) {
            job.cancel().get();
        }
        if (platform != null) {
            platform.close();
        }
    }

    /** The newest signal's age over the signal subtasks, as TaSignalsStale reads it. */
    static long freshness(Exposition e) {
        return e.series().stream()
                .filter(
                        s ->
                                s.name()
                                        .equals(
                                                "flink_taskmanager_job_task_operator_ta_signal_freshness_lag_ms"))
                .mapToLong(s -> (long) s.value())
                .filter(v -> v >= 0)
                .min()
                .orElse(-1);
    }

    /** An expression of the shipped rules or the dashboard, and where it comes from. */
    record Expression(String origin, String expr, Set<String> shownLabels) {}

    static List<Expression> expressions() {
        List<Expression> out = new ArrayList<>();
        JsonNode rules = MonitoringFiles.rules();
        MonitoringFiles.allRules(rules)
                .forEach(
                        r -> {
                            String name =
                                    r.has("alert")
                                            ? r.path("alert").asText()
                                            : r.path("record").asText();
                            out.add(
                                    new Expression(
                                            "rule " + name,
                                            r.path("expr").asText(),
                                            PromQlReferences.annotationLabels(
                                                    r.path("annotations").toString())));
                        });
        for (JsonNode panel : MonitoringFiles.dashboard().path("panels")) {
            for (JsonNode t : panel.path("targets")) {
                out.add(
                        new Expression(
                                "panel '"
                                        + panel.path("title").asText()
                                        + "' "
                                        + t.path("refId").asText(),
                                t.path("expr").asText(),
                                PromQlReferences.legendLabels(t.path("legendFormat").asText())));
            }
        }
        return out;
    }

    static boolean readsClickHouse(Expression e) {
        return e.expr().contains("_ta_clickhouse_");
    }

    /**
     * Problems of the expressions {@code which} accepts against one scrape of the reporter and
     * against Prometheus: a selector that selects nothing, a label grouped by or shown that none of
     * the expression's series carries.
     */
    static List<String> problems(Predicate<Expression> which) {
        Exposition scrape = Exposition.scrape(metrics);
        Set<String> records = MonitoringFiles.records(MonitoringFiles.rules()).keySet();
        List<String> problems = new ArrayList<>();
        for (Expression e : expressions()) {
            if (!which.test(e)) {
                continue;
            }
            PromQlReferences.References refs = PromQlReferences.of(e.expr());
            if (refs.selectors().isEmpty()) {
                problems.add(e.origin() + ": reads no series");
            }
            Set<String> labelsSeen = new java.util.HashSet<>();
            for (PromQlReferences.Selector s : refs.selectors()) {
                boolean ownSeries =
                        s.name() != null && (s.name().equals("up") || records.contains(s.name()));
                if (s.name() != null && s.name().startsWith("ta:") && !records.contains(s.name())) {
                    problems.add(e.origin() + ": " + s.name() + " is no recording rule");
                }
                if (!ownSeries) {
                    List<Exposition.Series> raw = scrape.select(s.without(TARGET_LABELS));
                    if (raw.isEmpty()) {
                        problems.add(e.origin() + ": the reporter exports nothing for " + s.text());
                    }
                    raw.forEach(r -> labelsSeen.addAll(r.labels().keySet()));
                }
                // Through Prometheus, with the target labels the scrape gives.
                JsonNode series = prometheus.series(s.text());
                if (series.isEmpty()) {
                    problems.add(e.origin() + ": Prometheus has no series for " + s.text());
                }
                series.forEach(x -> x.fieldNames().forEachRemaining(labelsSeen::add));
            }
            for (String label : refs.groupingLabels()) {
                if (!labelsSeen.contains(label)) {
                    problems.add(
                            e.origin()
                                    + ": groups by "
                                    + label
                                    + ", which no series of it carries");
                }
            }
            for (String label : e.shownLabels()) {
                if (!refs.groupingLabels().contains(label)) {
                    problems.add(e.origin() + ": shows " + label + ", which the expression drops");
                }
            }
        }
        return problems;
    }

    static void awaitScrapedAndEvaluated() {
        Await.until(
                "Prometheus to have scraped both targets and recorded ta:input_valid_records:total",
                Duration.ofSeconds(60),
                () ->
                        prometheus
                                        .query("count(up{job=\"torghut\"} == 1)")
                                        .path("result")
                                        .path(0)
                                        .path("value")
                                        .path(1)
                                        .asText()
                                        .equals("2")
                                && !prometheus
                                        .query("ta:input_valid_records:total")
                                        .path("result")
                                        .isEmpty());
    }

    @Test
    @Order(1)
    void everySeriesTheRulesAndPanelsReadIsExportedWithItsLabels() {
        awaitScrapedAndEvaluated();
        List<String> problems = problems(e -> !readsClickHouse(e));
        assertThat(problems).isEmpty();
        // The market-session gauge, exported by the status operator, follows the job parameter.
        assertThat(
                        Exposition.scrape(metrics).series().stream()
                                .filter(
                                        s ->
                                                s.name()
                                                        .equals(
                                                                "flink_taskmanager_job_task_operator_ta_market_session_open"))
                                .map(Exposition.Series::value)
                                .toList())
                .containsExactly(1.0);
    }

    @Test
    @Order(2)
    void theClickHouseSinksExportTheSeriesTheirRulesAndPanelsRead() {
        awaitScrapedAndEvaluated();
        // ta.clickhouse.{rows_written, batches_written, bytes_written, retries, failures,
        // insert_latency_ms, last_success_age_ms} on both sink writers.
        Exposition scrape = Exposition.scrape(metrics);
        Map<String, List<String>> writersByMetric = new LinkedHashMap<>();
        for (String metric :
                List.of(
                        "rows_written",
                        "batches_written",
                        "bytes_written",
                        "retries",
                        "failures",
                        "insert_latency_ms",
                        "last_success_age_ms")) {
            writersByMetric.put(
                    metric,
                    scrape.series().stream()
                            .filter(
                                    s ->
                                            s.name()
                                                    .equals(
                                                            "flink_taskmanager_job_task_operator_ta_clickhouse_"
                                                                    + metric))
                            .map(s -> s.labels().get("operator_name"))
                            .distinct()
                            .sorted()
                            .toList());
        }
        writersByMetric.forEach(
                (metric, writers) ->
                        assertThat(writers)
                                .as("writers exporting ta.clickhouse.%s", metric)
                                .containsExactly(
                                        "sink_microbars_clickhouse:_Writer",
                                        "sink_signals_clickhouse:_Writer"));
        assertThat(problems(JobMetricsPrometheusITCase::readsClickHouse)).isEmpty();
    }

    @Test
    @Order(3)
    void everyPanelQueryReturnsDataFromPrometheus() {
        awaitScrapedAndEvaluated();
        List<MonitoringFiles.PanelQuery> queries = MonitoringFiles.panelQueries();
        List<String> empty =
                Await.value(
                        "every panel query to return data",
                        Duration.ofSeconds(60),
                        () -> {
                            List<String> out = new ArrayList<>();
                            for (MonitoringFiles.PanelQuery q : queries) {
                                JsonNode data = prometheus.query(q.expr());
                                boolean hasData =
                                        data.path("resultType").asText().equals("scalar")
                                                || !data.path("result").isEmpty();
                                if (!hasData) {
                                    out.add(q.panel() + " " + q.refId() + ": " + q.expr());
                                }
                            }
                            return out;
                        },
                        List::isEmpty);
        assertThat(empty).isEmpty();
        assertThat(queries).hasSizeGreaterThanOrEqualTo(19);
    }

    @Test
    @Order(4)
    void theStaleSignalAlertGoesPendingFiresAndResolvesWithTheInput() {
        Duration hold = Duration.ofSeconds(10);
        Await.until(
                "fresh signals and no stale-signal alert",
                Duration.ofSeconds(60),
                () ->
                        prometheus.alertState("TaSignalsStale") == null
                                && freshness(Exposition.scrape(metrics)) < 8000);

        feed.pause();
        Instant paused = Instant.now();
        Await.until(
                "TaSignalsStale pending",
                Duration.ofSeconds(60),
                () -> "pending".equals(prometheus.alertState("TaSignalsStale")));
        Instant pending = Instant.now();
        Instant activeAt = prometheus.activeAt("TaSignalsStale");
        Await.until(
                "TaSignalsStale firing",
                Duration.ofSeconds(60),
                () -> "firing".equals(prometheus.alertState("TaSignalsStale")));
        Instant firing = Instant.now();
        // Pending once the newest signal is 8 s old, firing after its for (10 s): not sooner, and
        // within an evaluation or two of it.
        assertThat(Duration.between(activeAt, firing)).isGreaterThanOrEqualTo(hold);
        assertThat(Duration.between(pending, firing)).isLessThan(hold.plusSeconds(5));
        assertThat(Duration.between(paused, firing)).isLessThan(Duration.ofSeconds(40));
        assertThat(prometheus.alertState("TaSignalsLagging")).isEqualTo("firing");

        feed.resume();
        Await.until(
                "TaSignalsStale to resolve once the input is back",
                Duration.ofSeconds(60),
                () -> prometheus.alertState("TaSignalsStale") == null);
        assertThat(freshness(Exposition.scrape(metrics))).isBetween(0L, 8000L);
    }
}
