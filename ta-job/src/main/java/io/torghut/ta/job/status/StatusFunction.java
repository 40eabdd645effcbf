package io.torghut.ta.job.status;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.torghut.ta.job.model.StatusSample;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The {@code torghut.ta.status.v1} heartbeat: every {@code TA_STATUS_INTERVAL_MS} (processing time)
 * , at start-up and when an input first appears, one JSON record with the watermark lag, the last
 * event time and count per input, refused and late counts, and the signal freshness lag. It reads
 * {@code degraded} during New York regular hours when the signal freshness lag exceeds {@code
 * TA_FRESHNESS_ALERT_MS} or an input's lag exceeds {@code TA_SOURCE_LAG_DEGRADED_AFTER_MS}, naming
 * the reason; otherwise {@code ok}. Runs with parallelism 1 on a constant key. Its state is in
 * memory only: a restart resets counts.
 *
 * <p>It also exports the gauge {@code ta.market_session_open} (1 during the regular session, else
 * 0) from the same {@link MarketSession} that decides {@code market_hours} here, so the alert rules
 * that join on it and the heartbeat agree on when the market is open. The job parameter {@value
 * MarketSession#JOB_PARAMETER} overrides the calendar for both.
 */
public final class StatusFunction extends KeyedProcessFunction<String, StatusSample, String> {
    private static final long serialVersionUID = 1L;

    /** The gauge of the regular session, in metric group {@code ta}. */
    public static final String MARKET_SESSION_GAUGE = "market_session_open";

    private final long intervalMs;
    private final long freshnessAlertMs;
    private final long sourceLagDegradedMs;
    private transient Map<String, long[]> streams;
    private transient ObjectMapper mapper;
    private transient boolean started;
    private transient MarketSession session;

    /** Creates the heartbeat. */
    public StatusFunction(long intervalMs, long freshnessAlertMs, long sourceLagDegradedMs) {
        this.intervalMs = intervalMs;
        this.freshnessAlertMs = freshnessAlertMs;
        this.sourceLagDegradedMs = sourceLagDegradedMs;
    }

    @Override
    public void open(OpenContext openContext) {
        streams = new TreeMap<>();
        mapper = new ObjectMapper();
        session =
                MarketSession.fromJobParameter(
                        getRuntimeContext()
                                .getGlobalJobParameters()
                                .get(MarketSession.JOB_PARAMETER));
        getRuntimeContext()
                .getMetricGroup()
                .addGroup("ta")
                .gauge(
                        MARKET_SESSION_GAUGE,
                        () -> session.isOpen(System.currentTimeMillis()) ? 1 : 0);
    }

    @Override
    public void processElement(StatusSample s, Context ctx, Collector<String> out)
            throws Exception {
        boolean firstOfStream = !streams.containsKey(s.stream);
        long[] acc = streams.computeIfAbsent(s.stream, k -> new long[] {Long.MIN_VALUE, 0, 0});
        acc[0] = Math.max(acc[0], s.maxEventTs);
        acc[1] += s.count;
        acc[2] += s.invalid;
        if (started && firstOfStream) {
            // An input or output appearing is news worth a heartbeat of its own.
            out.collect(
                    render(
                            ctx.timerService().currentProcessingTime(),
                            ctx.timerService().currentWatermark()));
        }
        if (!started) {
            started = true;
            out.collect(
                    render(
                            ctx.timerService().currentProcessingTime(),
                            ctx.timerService().currentWatermark()));
            ctx.timerService()
                    .registerProcessingTimeTimer(
                            ctx.timerService().currentProcessingTime() + intervalMs);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<String> out)
            throws Exception {
        out.collect(render(timestamp, ctx.timerService().currentWatermark()));
        ctx.timerService().registerProcessingTimeTimer(timestamp + intervalMs);
    }

    String render(long now, long watermark) throws Exception {
        ObjectNode root = mapper.createObjectNode();
        root.put("ts", Instant.ofEpochMilli(now).toString());
        root.put("watermark_lag_ms", watermark == Long.MIN_VALUE ? null : now - watermark);
        String reason = null;
        ObjectNode inputs = root.putObject("streams");
        for (Map.Entry<String, long[]> e : streams.entrySet()) {
            long[] acc = e.getValue();
            ObjectNode n = inputs.putObject(e.getKey());
            n.put(
                    "last_event_ts",
                    acc[0] == Long.MIN_VALUE ? null : Instant.ofEpochMilli(acc[0]).toString());
            Long lag = acc[0] == Long.MIN_VALUE ? null : now - acc[0];
            n.put("lag_ms", lag);
            n.put("count", acc[1]);
            n.put("invalid", acc[2]);
            long limit = e.getKey().equals("signals") ? freshnessAlertMs : sourceLagDegradedMs;
            if (lag != null && lag > limit && reason == null) {
                reason = e.getKey() + " lag " + lag + " ms > " + limit + " ms";
            }
        }
        long[] sig = streams.get("signals");
        root.put(
                "signal_freshness_lag_ms",
                sig == null || sig[0] == Long.MIN_VALUE ? null : now - sig[0]);
        if (sig == null || sig[0] == Long.MIN_VALUE) {
            reason = reason == null ? "no signals yet" : reason;
        }
        boolean marketHours = session.isOpen(now);
        boolean degraded = marketHours && reason != null;
        root.put("status", degraded ? "degraded" : "ok");
        root.put("reason", reason);
        root.put("market_hours", marketHours);
        return mapper.writeValueAsString(root);
    }
}
