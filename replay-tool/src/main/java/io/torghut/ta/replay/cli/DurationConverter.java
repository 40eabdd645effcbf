package io.torghut.ta.replay.cli;

import io.torghut.ta.replay.window.Durations;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Durations as {@code 35d}, {@code 6h}, {@code 90m}, {@code 120s} or ISO-8601 ({@code PT6H}). */
public final class DurationConverter implements ITypeConverter<Duration> {
    private static final Pattern SHORT = Pattern.compile("(\\d+)([dhms])");

    @Override
    public Duration convert(String value) {
        return parse(value);
    }

    /** {@code d} the way {@link #parse} reads it back: {@code 35d}, {@code 6h}, {@code 90m}. */
    static String text(Duration d) {
        return Durations.text(d);
    }

    static Duration parse(String value) {
        Matcher m = SHORT.matcher(value);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "d" -> Duration.ofDays(n);
                case "h" -> Duration.ofHours(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofSeconds(n);
            };
        }
        try {
            return Duration.parse(value);
        } catch (RuntimeException e) {
            throw new TypeConversionException(
                    "'" + value + "' is not a duration: use e.g. 35d, 6h, 90m, 120s or PT6H");
        }
    }
}
