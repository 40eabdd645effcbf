package io.torghut.ta.job.decode;

import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * ISO-8601 timestamps to epoch milliseconds: a fast path for the feed's usual form {@code
 * yyyy-MM-ddTHH:mm:ss[.fraction](Z|+HH:MM)} and {@link OffsetDateTime} for anything else. Sub-
 * millisecond fractions are truncated toward the past (floor), as {@link java.time.Instant} does.
 */
public final class IsoTimestamps {
    /** Returned for text that is not a timestamp. */
    public static final long INVALID = Long.MIN_VALUE;

    private IsoTimestamps() {}

    /** Parses to epoch milliseconds, or {@link #INVALID}. */
    public static long parseMillis(String s) {
        long fast = fast(s);
        if (fast != INVALID) {
            return fast;
        }
        try {
            return OffsetDateTime.parse(s).toInstant().toEpochMilli();
        } catch (DateTimeParseException | ArithmeticException e) {
            return INVALID;
        }
    }

    private static long fast(String s) {
        int n = s.length();
        if (n < 20
                || s.charAt(4) != '-'
                || s.charAt(7) != '-'
                || s.charAt(10) != 'T'
                || s.charAt(13) != ':'
                || s.charAt(16) != ':') {
            return INVALID;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        int second = digits(s, 17, 2);
        if (year < 0
                || month < 0
                || day < 0
                || hour < 0
                || minute < 0
                || second < 0
                || hour > 23
                || minute > 59
                || second > 59) {
            return INVALID;
        }
        int i = 19;
        long millis = 0;
        if (i < n && s.charAt(i) == '.') {
            i++;
            int start = i;
            int scale = 100;
            while (i < n && Character.isDigit(s.charAt(i))) {
                if (i - start < 3) {
                    millis += (s.charAt(i) - '0') * scale;
                    scale /= 10;
                }
                i++;
            }
            if (i == start || i - start > 9) {
                return INVALID;
            }
        }
        if (i != n - 1 || s.charAt(i) != 'Z') {
            return INVALID;
        }
        long epochDay;
        try {
            epochDay = java.time.LocalDate.of(year, month, day).toEpochDay();
        } catch (DateTimeException e) {
            return INVALID;
        }
        return ((epochDay * 24 + hour) * 60 + minute) * 60_000L + second * 1000L + millis;
    }

    private static int digits(String s, int from, int count) {
        int v = 0;
        for (int i = from; i < from + count; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }
}
