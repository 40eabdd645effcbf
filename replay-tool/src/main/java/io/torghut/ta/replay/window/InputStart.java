package io.torghut.ta.replay.window;

import java.time.Duration;
import java.time.Instant;

/**
 * The oldest input record of one topic a replay can count on, and how check-window knows it.
 *
 * @param topic the input topic
 * @param earliest the oldest record a replay can still read
 * @param source how it was found, as printed
 */
public record InputStart(String topic, Instant earliest, String source) {

    /**
     * Measured on the broker: the topic's oldest retained record, unless its {@code retention.ms}
     * lets the broker delete records younger than that first (a record older than the retention is
     * only still there because its log segment has not rolled, and may go at any time).
     *
     * @param retentionMs the topic's effective retention.ms; negative for unlimited
     */
    public static InputStart measured(
            String topic, Instant oldestRecord, long retentionMs, Instant now, String broker) {
        if (retentionMs < 0) {
            return new InputStart(
                    topic,
                    oldestRecord,
                    "measured on " + broker + ": oldest record, retention.ms unlimited");
        }
        Instant cut = now.minusMillis(retentionMs);
        String retention =
                "retention.ms "
                        + retentionMs
                        + " ("
                        + Durations.text(Duration.ofMillis(retentionMs))
                        + ")";
        return cut.isAfter(oldestRecord)
                ? new InputStart(
                        topic,
                        cut,
                        "measured on "
                                + broker
                                + ": "
                                + retention
                                + " deletes records before "
                                + cut
                                + "; the oldest still there is from "
                                + oldestRecord)
                : new InputStart(
                        topic,
                        oldestRecord,
                        "measured on " + broker + ": oldest record, " + retention);
    }

    /** Not measured: {@code retention} back from now, as given or by default ({@code source}). */
    public static InputStart assumed(String topic, Duration retention, Instant now, String source) {
        return new InputStart(
                topic,
                now.minus(retention),
                "retention " + Durations.text(retention) + ", " + source);
    }
}
