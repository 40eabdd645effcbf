package io.torghut.ta.replay.window;

import java.time.Duration;

/** Durations as oncall writes them on the command line: {@code 35d}, {@code 6h}, {@code 90m}. */
public final class Durations {
    private Durations() {}

    /** The shortest of days, hours, minutes or seconds that says {@code d} exactly. */
    public static String text(Duration d) {
        if (d.isZero() || d.isNegative()) {
            return d.toString();
        }
        long s = d.getSeconds();
        if (d.getNano() != 0) {
            return d.toString();
        }
        if (s % 86_400 == 0) {
            return s / 86_400 + "d";
        }
        if (s % 3_600 == 0) {
            return s / 3_600 + "h";
        }
        if (s % 60 == 0) {
            return s / 60 + "m";
        }
        return s + "s";
    }
}
