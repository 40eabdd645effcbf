package io.torghut.ta.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.torghut.ta.job.status.MarketSession;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped stale-signal alerts across both 2026 daylight-saving changes, a holiday and an early
 * close, by promtool, with the market-session gauge's values from the job's own {@link
 * MarketSession} minute by minute: signals stale all day fire 10 minutes after the New York open
 * (14:40 UTC in winter, 13:40 UTC in summer) and resolve at the close (21:00, 20:00, or 18:00 UTC
 * on the early close); on Thanksgiving they never fire. The platform's fixed 14:00-21:00 UTC window
 * would page at 14:10 UTC in winter and until 21:10 UTC in summer.
 */
class MarketHoursRulesTest {
    /** Each test covers 13:00 to 21:30 UTC of its day, a sample a minute. */
    private static final LocalTime FROM = LocalTime.of(13, 0);

    private static final int MINUTES = 8 * 60 + 30;

    /** One day: the UTC times of the New York open and close (null: closed all day). */
    private record Day(String date, String why, String openUtc, String closeUtc) {}

    private static final List<Day> DAYS =
            List.of(
                    new Day(
                            "2026-03-06",
                            "Friday before the spring change (EST)",
                            "14:30",
                            "21:00"),
                    new Day("2026-03-09", "Monday after the spring change (EDT)", "13:30", "20:00"),
                    new Day(
                            "2026-10-30",
                            "Friday before the autumn change (EDT)",
                            "13:30",
                            "20:00"),
                    new Day("2026-11-02", "Monday after the autumn change (EST)", "14:30", "21:00"),
                    new Day("2026-11-26", "Thanksgiving (closed)", null, null),
                    new Day(
                            "2026-11-27",
                            "the day after Thanksgiving (13:00 close)",
                            "14:30",
                            "18:00"));

    private static String evalTime(LocalTime utc) {
        long minutes = Duration.between(FROM, utc).toMinutes();
        return minutes + "m";
    }

    private static String gaugeValues(LocalDate date) {
        StringBuilder values = new StringBuilder();
        Instant start = date.atTime(FROM).toInstant(ZoneOffset.UTC);
        MarketSession session = MarketSession.calendar();
        for (int i = 0; i <= MINUTES; i++) {
            long t = start.plusSeconds(60L * i).toEpochMilli();
            values.append(i == 0 ? "" : " ").append(session.isOpen(t) ? '1' : '0');
        }
        return values.toString();
    }

    private static void eval(StringBuilder y, String alert, LocalTime utc, boolean fires) {
        y.append("      - eval_time: ").append(evalTime(utc)).append('\n');
        y.append("        alertname: ").append(alert).append('\n');
        if (!fires) {
            y.append("        exp_alerts: []\n");
            return;
        }
        boolean stale = alert.equals("TaSignalsStale");
        y.append("        exp_alerts:\n");
        y.append("          - exp_labels: {severity: ")
                .append(stale ? "critical" : "warning")
                .append(", service: torghut-ta}\n");
        y.append("            exp_annotations:\n");
        y.append("              summary: \"")
                .append(
                        stale
                                ? "TA signals have been stale for 10m during market hours; pause"
                                        + " trading on TA signals first (knative-service"
                                        + " TRADING_ENABLED=false, replay runbook Mode 1 step 1),"
                                        + " then find which input or operator stopped."
                                : "TA signals are older than the freshness target during market"
                                        + " hours; open the TA dashboard's freshness and watermark"
                                        + " panels to see whether the input or the job stopped.")
                .append("\"\n");
        y.append(
                "              description: 'Newest signal 900000 ms old (-1: none since the signal"
                        + " tasks started); target 120000 ms.'\n");
        y.append("              runbook_url: docs/monitoring.md#")
                .append(alert.toLowerCase())
                .append('\n');
    }

    @Test
    void theStaleSignalAlertsFollowNewYorkTimeAndTheExchangeCalendar(@TempDir Path tmp)
            throws Exception {
        // The shipped freshness group alone, evaluated once a minute (the samples' and the
        // checks' step): the same expressions and for durations, a tenth of the evaluations.
        ObjectNode freshness = MonitoringFiles.YAML.createObjectNode();
        ArrayNode groups = freshness.putArray("groups");
        for (JsonNode g : MonitoringFiles.rules().path("groups")) {
            if (g.path("name").asText().equals("torghut-ta.freshness")) {
                groups.add(((ObjectNode) g.deepCopy()).put("interval", "1m"));
            }
        }
        assertThat(groups).hasSize(1);
        Path rules = tmp.resolve("freshness.rules.yaml");
        MonitoringFiles.YAML.writeValue(rules.toFile(), freshness);
        StringBuilder y = new StringBuilder();
        y.append("rule_files:\n  - ").append(rules).append("\nevaluation_interval: 1m\ntests:\n");
        for (Day d : DAYS) {
            LocalDate date = LocalDate.parse(d.date());
            y.append("  - name: '").append(d.date()).append(' ').append(d.why()).append("'\n");
            y.append("    interval: 1m\n    input_series:\n");
            y.append(
                            "      - series:"
                                    + " 'flink_taskmanager_job_task_operator_ta_market_session_open{job=\"torghut\",component=\"taskmanager\",operator_name=\"status\",subtask_index=\"0\"}'\n")
                    .append("        values: '")
                    .append(gaugeValues(date))
                    .append("'\n");
            y.append(
                    "      - series:"
                            + " 'flink_taskmanager_job_task_operator_ta_signal_freshness_lag_ms{job=\"torghut\",component=\"taskmanager\",operator_name=\"signals_1s\",subtask_index=\"0\"}'\n"
                            + "        values: '900000x"
                            + MINUTES
                            + "'\n");
            y.append("    alert_rule_test:\n");
            if (d.openUtc() == null) {
                for (String t : List.of("13:45", "14:45", "17:00", "20:30")) {
                    eval(y, "TaSignalsStale", LocalTime.parse(t), false);
                    eval(y, "TaSignalsLagging", LocalTime.parse(t), false);
                }
                continue;
            }
            LocalTime open = LocalTime.parse(d.openUtc());
            LocalTime close = LocalTime.parse(d.closeUtc());
            // 14:10 UTC, when the fixed UTC window's rule would first page: in winter the
            // session has not been open for 10 minutes yet.
            LocalTime fixedFirstPage = LocalTime.of(14, 10);
            eval(
                    y,
                    "TaSignalsStale",
                    fixedFirstPage,
                    !fixedFirstPage.isBefore(open.plusMinutes(10)));
            eval(y, "TaSignalsStale", open.minusMinutes(1), false);
            eval(y, "TaSignalsLagging", open.plusMinutes(1), false);
            eval(y, "TaSignalsLagging", open.plusMinutes(2), true);
            eval(y, "TaSignalsStale", open.plusMinutes(9), false);
            eval(y, "TaSignalsStale", open.plusMinutes(10), true);
            eval(y, "TaSignalsStale", close.minusMinutes(1), true);
            eval(y, "TaSignalsStale", close, false);
            eval(y, "TaSignalsLagging", close, false);
            // The fixed window's last page would be at 20:59 UTC, also in summer.
            eval(y, "TaSignalsStale", LocalTime.of(20, 59), close.isAfter(LocalTime.of(20, 59)));
        }
        Path file = tmp.resolve("market-hours.test.yaml");
        Files.writeString(file, y.toString(), StandardCharsets.UTF_8);
        Tools.Result r =
                Tools.run(
                        MonitoringFiles.dir(),
                        120,
                        List.of(
                                Tools.require("promtool", "prometheus").toString(),
                                "test",
                                "rules",
                                file.toString()));
        assertThat(r.exitCode()).as("promtool test rules:%n%s%n%s", r.output(), y).isZero();
    }
}
