package io.torghut.ta.chart;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/** The two text forms of an output timestamp: the JSON rows' and ClickHouse's. */
final class Timestamps {
    private Timestamps() {}

    /**
     * Epoch ms of {@code 2026-03-03T14:30:01.000Z} (the JSON rows, ISO-8601) or {@code 2026-03-03
     * 14:30:01[.000]} (ClickHouse's text form of a {@code DateTime('UTC')} or {@code DateTime64(3,
     * 'UTC')} column, which is UTC because the column's zone is).
     */
    static long parseMs(String text) {
        if (text.length() >= 19 && text.charAt(10) == ' ') {
            text = text.substring(0, 10) + 'T' + text.substring(11) + 'Z';
        }
        try {
            return Instant.parse(text).toEpochMilli();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + text + "' is not a timestamp", e);
        }
    }
}
