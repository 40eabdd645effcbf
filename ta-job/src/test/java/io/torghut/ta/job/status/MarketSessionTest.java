package io.torghut.ta.job.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link MarketSession}: the regular session in New York time across both daylight-saving changes
 * (where the platform's fixed 14:00-21:00 UTC window is wrong), the exchange's closures and early
 * closes, and the job-parameter override.
 */
class MarketSessionTest {
    private static boolean open(String instant) {
        return MarketSession.calendar().isOpen(Instant.parse(instant).toEpochMilli());
    }

    /** The platform's rule of today, for the cases where it disagrees with the exchange. */
    private static boolean fixedUtcWindow(String instant) {
        var t = Instant.parse(instant).atZone(java.time.ZoneOffset.UTC);
        int hour = t.getHour();
        boolean weekday = t.getDayOfWeek().getValue() <= 5;
        return weekday && hour >= 14 && hour < 21;
    }

    @ParameterizedTest(name = "{0}: {1} ({2})")
    @CsvSource({
        // Friday before the spring change (EST, UTC-5): 09:30 is 14:30 UTC, 16:00 is 21:00 UTC.
        "2026-03-06T14:29:59Z, false, EST before the open",
        "2026-03-06T14:30:00Z, true, EST open",
        "2026-03-06T20:59:59Z, true, EST last second",
        "2026-03-06T21:00:00Z, false, EST close",
        // Sunday 8 March 2026, 02:00 EST -> 03:00 EDT. Monday after (EDT, UTC-4): 13:30-20:00 UTC.
        "2026-03-09T13:29:59Z, false, EDT before the open",
        "2026-03-09T13:30:00Z, true, EDT open (fixed UTC window says closed)",
        "2026-03-09T19:59:59Z, true, EDT last second",
        "2026-03-09T20:00:00Z, false, EDT close (fixed UTC window says open)",
        // Friday before the autumn change (EDT).
        "2026-10-30T13:30:00Z, true, EDT open",
        "2026-10-30T20:00:00Z, false, EDT close",
        // Sunday 1 November 2026, 02:00 EDT -> 01:00 EST. Monday after (EST).
        "2026-11-02T13:30:00Z, false, EST an hour before the open",
        "2026-11-02T14:30:00Z, true, EST open",
        "2026-11-02T20:30:00Z, true, EST after 20:00 UTC",
        "2026-11-02T21:00:00Z, false, EST close",
        // Weekends.
        "2026-03-07T15:00:00Z, false, Saturday",
        "2026-03-08T15:00:00Z, false, Sunday of the change",
        // Closures and early closes.
        "2026-11-26T15:00:00Z, false, Thanksgiving",
        "2026-11-27T17:59:59Z, true, the day after Thanksgiving before 13:00 EST",
        "2026-11-27T18:00:00Z, false, the day after Thanksgiving at 13:00 EST",
        "2026-07-03T15:00:00Z, false, Independence Day observed on Friday",
        "2026-04-03T15:00:00Z, false, Good Friday",
        "2025-01-09T15:00:00Z, false, the national day of mourning of 2025",
        "2027-12-24T15:00:00Z, false, Christmas observed on Friday",
        "2027-12-31T15:00:00Z, true, New Year's Eve 2027: New Year's Day 2028 is not observed",
        "2027-12-23T20:00:00Z, true, no early close before an observed Christmas",
    })
    void followsNewYorkTimeAndTheExchangeCalendar(String instant, boolean expected, String why) {
        assertThat(open(instant)).as(why).isEqualTo(expected);
    }

    @Test
    void theFixedUtcWindowIsWrongForHalfTheYear() {
        // The reason this class exists: the platform's rule pages after the close in summer and
        // stays silent during the first half hour of the session.
        assertThat(fixedUtcWindow("2026-03-09T13:45:00Z")).isFalse();
        assertThat(open("2026-03-09T13:45:00Z")).isTrue();
        assertThat(fixedUtcWindow("2026-03-09T20:30:00Z")).isTrue();
        assertThat(open("2026-03-09T20:30:00Z")).isFalse();
        assertThat(fixedUtcWindow("2026-11-26T15:00:00Z")).isTrue();
        assertThat(open("2026-11-26T15:00:00Z")).isFalse();
    }

    @Test
    void theTableHoldsWeekdaysOfItsYearsOnly() {
        List<String> problems = new ArrayList<>();
        for (Map<LocalDate, String> table :
                List.of(MarketSession.CLOSED, MarketSession.EARLY_CLOSES)) {
            table.forEach(
                    (date, name) -> {
                        if (date.getDayOfWeek() == DayOfWeek.SATURDAY
                                || date.getDayOfWeek() == DayOfWeek.SUNDAY) {
                            problems.add(date + " " + name + " is a weekend day");
                        }
                        if (date.getYear() < MarketSession.FIRST_YEAR
                                || date.getYear() > MarketSession.LAST_YEAR) {
                            problems.add(date + " " + name + " is outside the table's years");
                        }
                    });
        }
        assertThat(problems).isEmpty();
        assertThat(MarketSession.CLOSED.keySet())
                .doesNotContainAnyElementsOf(MarketSession.EARLY_CLOSES.keySet());
        // Nine or ten closures a year: the regular holidays, one of them possibly not observed.
        for (int year = MarketSession.FIRST_YEAR; year <= MarketSession.LAST_YEAR; year++) {
            int y = year;
            long closures =
                    MarketSession.CLOSED.keySet().stream().filter(d -> d.getYear() == y).count();
            assertThat(closures).as("closures in %s", year).isBetween(9L, 11L);
        }
    }

    @Test
    void theCalendarCoversTheNextHalfYear() {
        // Fails half a year before the table ends, so it is extended (from the exchange's
        // published calendar) while there is time, not after holidays start to page.
        LocalDate horizon = LocalDate.now(MarketSession.NEW_YORK).plusMonths(6);
        assertThat(horizon.getYear())
                .as(
                        "MarketSession's closure table ends with %s: add the next year from the"
                                + " exchange's published calendar",
                        MarketSession.LAST_YEAR)
                .isLessThanOrEqualTo(MarketSession.LAST_YEAR);
    }

    @Test
    void theJobParameterOverridesTheCalendar() {
        long holiday = Instant.parse("2026-11-26T15:00:00Z").toEpochMilli();
        long session = Instant.parse("2026-11-25T15:00:00Z").toEpochMilli();
        assertThat(MarketSession.fromJobParameter(null).mode())
                .isEqualTo(MarketSession.Mode.CALENDAR);
        assertThat(MarketSession.fromJobParameter(" ").isOpen(session)).isTrue();
        assertThat(MarketSession.fromJobParameter("calendar").isOpen(holiday)).isFalse();
        assertThat(MarketSession.fromJobParameter("open").isOpen(holiday)).isTrue();
        assertThat(MarketSession.fromJobParameter("CLOSED").isOpen(session)).isFalse();
        assertThatThrownBy(() -> MarketSession.fromJobParameter("opne"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "job parameter ta.market-session=opne is not one of calendar, open,"
                                + " closed");
    }
}
