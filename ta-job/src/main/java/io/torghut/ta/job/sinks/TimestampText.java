package io.torghut.ta.job.sinks;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;

/**
 * Epoch milliseconds as the 23 ASCII characters {@code yyyy-MM-dd?HH:mm:ss.SSS} (UTC, {@code ?} the
 * caller's separator), by arithmetic on the epoch day and the millisecond of the day: every output
 * row carries several timestamps, and {@code DateTimeFormatter} was a tenth of a row's cost. They
 * are written as bytes, because the JSON rows take them as UTF-8 that needs no escaping: handing
 * them over as characters made the generator check and encode each one. Years 1000 to 9999 only
 * (the four-digit years of the patterns it replaces); callers fall back to their formatter outside
 * {@link #fits}.
 */
public final class TimestampText {
    /** The first millisecond of year 1000. */
    static final long MIN_MS = -30_610_224_000_000L;

    /** The first millisecond of year 10000. */
    static final long MAX_MS = 253_402_300_800_000L;

    private static final long DAY_MS = 86_400_000L;

    /**
     * Recently formatted days ("2026-03-03"), direct-mapped by epoch day, shared racily: each entry
     * is immutable. More than one entry, because a row mixes days: a replayed signal's event time
     * is on the tape's day and its ingest time on today's.
     */
    private static final Day[] DAYS = new Day[8];

    private record Day(long epochDay, byte[] text) {}

    private TimestampText() {}

    /** True when {@link #write} can format {@code epochMs}. */
    public static boolean fits(long epochMs) {
        return epochMs >= MIN_MS && epochMs < MAX_MS;
    }

    /**
     * Writes the 23 characters of {@code epochMs} into {@code out} as ASCII bytes; requires {@link
     * #fits}.
     */
    public static void write(long epochMs, char separator, byte[] out) {
        long day = Math.floorDiv(epochMs, DAY_MS);
        int ms = (int) (epochMs - day * DAY_MS);
        int slot = (int) (day & (DAYS.length - 1));
        Day known = DAYS[slot];
        if (known == null || known.epochDay != day) {
            known =
                    new Day(
                            day,
                            LocalDate.ofEpochDay(day)
                                    .toString()
                                    .getBytes(StandardCharsets.US_ASCII));
            DAYS[slot] = known;
        }
        System.arraycopy(known.text, 0, out, 0, 10);
        out[10] = (byte) separator;
        int seconds = ms / 1000;
        two(seconds / 3600, out, 11);
        out[13] = ':';
        two(seconds / 60 % 60, out, 14);
        out[16] = ':';
        two(seconds % 60, out, 17);
        out[19] = '.';
        int millis = ms % 1000;
        out[20] = (byte) ('0' + millis / 100);
        two(millis % 100, out, 21);
    }

    private static void two(int v, byte[] out, int at) {
        out[at] = (byte) ('0' + v / 10);
        out[at + 1] = (byte) ('0' + v % 10);
    }
}
