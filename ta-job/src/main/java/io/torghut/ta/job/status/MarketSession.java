package io.torghut.ta.job.status;

import java.io.Serializable;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Whether the US equity market's regular session is open: 09:30 to 16:00 New York time, Monday to
 * Friday, except the exchange's full-day closures, and to 13:00 on its early-close days. New York
 * time, not a fixed UTC window: 09:30 is 14:30 UTC in winter and 13:30 UTC in summer, so a fixed
 * window is wrong by an hour for half the year.
 *
 * <p>The status heartbeat reads it ({@code market_hours}, and {@code degraded} only during the
 * session) and exports it as the gauge {@code ta.market_session_open}, on which the alert rules
 * join: PromQL knows neither time zones nor the exchange calendar.
 *
 * <p>The calendar is a table: NYSE full-day closures and 13:00 early closes for {@value
 * #FIRST_YEAR} to {@value #LAST_YEAR}. Source: NYSE, "Holidays and Trading Hours"
 * (nyse.com/markets/hours-calendars), for 2025 to 2027 as published, including the closure of 9
 * January 2025 (national day of mourning for President Carter); 2028 follows the exchange's rules
 * (a Saturday holiday is observed on the Friday before, a Sunday one on the Monday after, except
 * New Year's Day on a Saturday, which is not observed) and must be checked against the published
 * list when it appears. Outside those years only weekends are known; {@code
 * MarketSessionTest.theCalendarCoversTheNextHalfYear} fails half a year before the table runs out.
 *
 * <p>Oncall can override it for the whole job with the Flink job parameter {@value #JOB_PARAMETER}
 * ({@code pipeline.global-job-parameters: "ta.market-session:closed"} in the FlinkDeployment's
 * flinkConfiguration): {@code calendar} (the default), {@code closed} (an unscheduled closure the
 * table does not know) or {@code open} (a drill, or a test that must see the market open whatever
 * the wall clock says).
 */
public final class MarketSession implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The Flink global job parameter that overrides the calendar. */
    public static final String JOB_PARAMETER = "ta.market-session";

    /** The first year the closure table covers. */
    public static final int FIRST_YEAR = 2025;

    /** The last year the closure table covers. */
    public static final int LAST_YEAR = 2028;

    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    static final LocalTime OPEN = LocalTime.of(9, 30);
    static final LocalTime CLOSE = LocalTime.of(16, 0);
    static final LocalTime EARLY_CLOSE = LocalTime.of(13, 0);

    /** Full-day closures on weekdays, by date. */
    static final Map<LocalDate, String> CLOSED = new TreeMap<>();

    /** Days the session ends at {@link #EARLY_CLOSE}. */
    static final Map<LocalDate, String> EARLY_CLOSES = new TreeMap<>();

    static {
        closed("2025-01-01", "New Year's Day");
        closed("2025-01-09", "National Day of Mourning for President Carter");
        closed("2025-01-20", "Martin Luther King, Jr. Day");
        closed("2025-02-17", "Washington's Birthday");
        closed("2025-04-18", "Good Friday");
        closed("2025-05-26", "Memorial Day");
        closed("2025-06-19", "Juneteenth National Independence Day");
        closed("2025-07-04", "Independence Day");
        closed("2025-09-01", "Labor Day");
        closed("2025-11-27", "Thanksgiving Day");
        closed("2025-12-25", "Christmas Day");
        early("2025-07-03", "the day before Independence Day");
        early("2025-11-28", "the day after Thanksgiving");
        early("2025-12-24", "Christmas Eve");

        closed("2026-01-01", "New Year's Day");
        closed("2026-01-19", "Martin Luther King, Jr. Day");
        closed("2026-02-16", "Washington's Birthday");
        closed("2026-04-03", "Good Friday");
        closed("2026-05-25", "Memorial Day");
        closed("2026-06-19", "Juneteenth National Independence Day");
        closed("2026-07-03", "Independence Day (observed)");
        closed("2026-09-07", "Labor Day");
        closed("2026-11-26", "Thanksgiving Day");
        closed("2026-12-25", "Christmas Day");
        early("2026-11-27", "the day after Thanksgiving");
        early("2026-12-24", "Christmas Eve");

        closed("2027-01-01", "New Year's Day");
        closed("2027-01-18", "Martin Luther King, Jr. Day");
        closed("2027-02-15", "Washington's Birthday");
        closed("2027-03-26", "Good Friday");
        closed("2027-05-31", "Memorial Day");
        closed("2027-06-18", "Juneteenth National Independence Day (observed)");
        closed("2027-07-05", "Independence Day (observed)");
        closed("2027-09-06", "Labor Day");
        closed("2027-11-25", "Thanksgiving Day");
        closed("2027-12-24", "Christmas Day (observed)");
        early("2027-11-26", "the day after Thanksgiving");

        // New Year's Day 2028 is a Saturday and is not observed.
        closed("2028-01-17", "Martin Luther King, Jr. Day");
        closed("2028-02-21", "Washington's Birthday");
        closed("2028-04-14", "Good Friday");
        closed("2028-05-29", "Memorial Day");
        closed("2028-06-19", "Juneteenth National Independence Day");
        closed("2028-07-04", "Independence Day");
        closed("2028-09-04", "Labor Day");
        closed("2028-11-23", "Thanksgiving Day");
        closed("2028-12-25", "Christmas Day");
        early("2028-07-03", "the day before Independence Day");
        early("2028-11-24", "the day after Thanksgiving");
    }

    private static void closed(String date, String name) {
        CLOSED.put(LocalDate.parse(date), name);
    }

    private static void early(String date, String name) {
        EARLY_CLOSES.put(LocalDate.parse(date), name);
    }

    /** Where the answer comes from. */
    public enum Mode {
        /** The calendar above. */
        CALENDAR,
        /** Always open. */
        OPEN,
        /** Always closed. */
        CLOSED
    }

    private final Mode mode;

    private MarketSession(Mode mode) {
        this.mode = mode;
    }

    /** The exchange calendar. */
    public static MarketSession calendar() {
        return new MarketSession(Mode.CALENDAR);
    }

    /**
     * The session the job parameter {@value #JOB_PARAMETER} asks for: null or blank is the
     * calendar; otherwise {@code calendar}, {@code open} or {@code closed}, any case.
     *
     * @throws IllegalArgumentException for any other value, naming the parameter and the values
     *     allowed (a mistyped override must not pass as the calendar)
     */
    public static MarketSession fromJobParameter(String value) {
        if (value == null || value.isBlank()) {
            return calendar();
        }
        for (Mode m : Mode.values()) {
            if (m.name().equalsIgnoreCase(value.trim())) {
                return new MarketSession(m);
            }
        }
        throw new IllegalArgumentException(
                "job parameter "
                        + JOB_PARAMETER
                        + "="
                        + value
                        + " is not one of calendar, open, closed");
    }

    /** Where this session's answers come from. */
    public Mode mode() {
        return mode;
    }

    /** Whether the regular session is open at {@code epochMs}. */
    public boolean isOpen(long epochMs) {
        return switch (mode) {
            case OPEN -> true;
            case CLOSED -> false;
            case CALENDAR -> regularSession(epochMs);
        };
    }

    private static boolean regularSession(long epochMs) {
        ZonedDateTime t = Instant.ofEpochMilli(epochMs).atZone(NEW_YORK);
        DayOfWeek day = t.getDayOfWeek();
        if (day == DayOfWeek.SATURDAY || day == DayOfWeek.SUNDAY) {
            return false;
        }
        LocalDate date = t.toLocalDate();
        if (CLOSED.containsKey(date)) {
            return false;
        }
        LocalTime close = EARLY_CLOSES.containsKey(date) ? EARLY_CLOSE : CLOSE;
        LocalTime time = t.toLocalTime();
        return !time.isBefore(OPEN) && time.isBefore(close);
    }

    @Override
    public String toString() {
        return "market session (" + mode.name().toLowerCase(Locale.ROOT) + ")";
    }
}
