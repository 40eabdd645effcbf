package io.torghut.ta.job.decode;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * ISO-8601 timestamps to epoch milliseconds: a fast path for the feed's usual form {@code
 * yyyy-MM-ddTHH:mm:ss[.fraction]Z} and {@link OffsetDateTime} for anything else. Sub-millisecond
 * fractions are truncated toward the past (floor), as {@link java.time.Instant} does.
 *
 * <p>Every input record carries three timestamps, so the fast path reads the parser's characters in
 * place (no {@code String} per timestamp) and computes the epoch day arithmetically.
 */
public final class IsoTimestamps {
    /** Returned for text that is not a timestamp. */
    public static final long INVALID = Long.MIN_VALUE;

    private IsoTimestamps() {}

    /** Parses to epoch milliseconds, or {@link #INVALID}. */
    public static long parseMillis(String s) {
        return parseMillis(s.toCharArray(), 0, s.length());
    }

    /** Parses {@code len} characters of {@code text} from {@code off}, or {@link #INVALID}. */
    public static long parseMillis(char[] text, int off, int len) {
        long fast = fast(text, off, len);
        if (fast != INVALID) {
            return fast;
        }
        try {
            return OffsetDateTime.parse(new String(text, off, len)).toInstant().toEpochMilli();
        } catch (DateTimeParseException | ArithmeticException e) {
            return INVALID;
        }
    }

    private static long fast(char[] s, int off, int n) {
        if (n < 20
                || s[off + 4] != '-'
                || s[off + 7] != '-'
                || s[off + 10] != 'T'
                || s[off + 13] != ':'
                || s[off + 16] != ':') {
            return INVALID;
        }
        int year = digits(s, off, 4);
        int month = digits(s, off + 5, 2);
        int day = digits(s, off + 8, 2);
        int hour = digits(s, off + 11, 2);
        int minute = digits(s, off + 14, 2);
        int second = digits(s, off + 17, 2);
        if (year < 0
                || month < 1
                || month > 12
                || day < 1
                || day > lengthOfMonth(year, month)
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
        if (i < n && s[off + i] == '.') {
            i++;
            int start = i;
            int scale = 100;
            while (i < n && s[off + i] >= '0' && s[off + i] <= '9') {
                if (i - start < 3) {
                    millis += (s[off + i] - '0') * scale;
                    scale /= 10;
                }
                i++;
            }
            if (i == start || i - start > 9) {
                return INVALID;
            }
        }
        if (i != n - 1 || s[off + i] != 'Z') {
            return INVALID;
        }
        long epochDay = epochDay(year, month, day);
        return ((epochDay * 24 + hour) * 60 + minute) * 60_000L + second * 1000L + millis;
    }

    private static int lengthOfMonth(int year, int month) {
        switch (month) {
            case 2:
                boolean leap = (year & 3) == 0 && (year % 100 != 0 || year % 400 == 0);
                return leap ? 29 : 28;
            case 4:
            case 6:
            case 9:
            case 11:
                return 30;
            default:
                return 31;
        }
    }

    /**
     * Days from 1970-01-01 of a valid proleptic Gregorian date (years 0 to 9999): the civil-from-
     * days inverse, counting in 400-year eras that start on March 1st so the leap day is last.
     */
    static long epochDay(int year, int month, int day) {
        int y = month <= 2 ? year - 1 : year;
        int era = Math.floorDiv(y, 400);
        int yearOfEra = y - era * 400;
        int dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
        int dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return era * 146_097L + dayOfEra - 719_468L;
    }

    private static int digits(char[] s, int from, int count) {
        int v = 0;
        for (int i = from; i < from + count; i++) {
            char c = s[i];
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }
}
