package io.torghut.ta.replay.window;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Tests for {@link WindowFeasibility}. */
class WindowFeasibilityTest {
    static final Instant NOW = Instant.parse("2026-11-23T04:00:00Z");
    static final Map<String, Duration> TTL =
            Map.of("ta_microbars", Duration.ofDays(30), "ta_signals", Duration.ofDays(14));
    static final Map<String, Instant> RETAINED =
            Map.of("torghut.trades.v1", NOW.minus(Duration.ofDays(7)));

    @Test
    void aRecentWindowWithinRetentionAndTtlIsFeasible() {
        var v = check("2026-11-20T14:30:00Z", "2026-11-20T21:00:00Z");
        assertThat(v.feasible()).isTrue();
        assertThat(v.problems()).isEmpty();
    }

    @Test
    void aWindowStartingBeforeRetentionPlusMarginIsRefused() {
        var v = check("2026-11-16T06:00:00Z", "2026-11-17T00:00:00Z");
        assertThat(v.feasible()).isFalse();
        assertThat(v.problems())
                .anySatisfy(
                        p ->
                                assertThat(p)
                                        .contains("torghut.trades.v1")
                                        .contains("retains records only from"));
    }

    @Test
    void aWindowWhoseRowsWouldExpireByTtlIsRefused() {
        var retainedLong = Map.of("torghut.trades.v1", NOW.minus(Duration.ofDays(35)));
        var v =
                WindowFeasibility.check(
                        Instant.parse("2026-11-09T00:00:00Z"),
                        Instant.parse("2026-11-10T00:00:00Z"),
                        NOW,
                        retainedLong,
                        TTL,
                        Duration.ofHours(6));
        assertThat(v.feasible()).isFalse();
        assertThat(v.problems()).singleElement().asString().contains("ta_signals");
    }

    @Test
    void malformedWindowsAreRefused() {
        assertThat(check("2026-11-21T00:00:00Z", "2026-11-20T00:00:00Z").problems())
                .anySatisfy(p -> assertThat(p).contains("is not before"));
        assertThat(check("2026-11-22T00:00:00Z", "2026-11-24T00:00:00Z").problems())
                .anySatisfy(p -> assertThat(p).contains("in the future"));
        assertThat(
                        WindowFeasibility.check(
                                        NOW.minusSeconds(60),
                                        NOW,
                                        NOW,
                                        Map.of(),
                                        TTL,
                                        Duration.ZERO)
                                .feasible())
                .isFalse();
    }

    private static WindowFeasibility.Verdict check(String from, String to) {
        return WindowFeasibility.check(
                Instant.parse(from), Instant.parse(to), NOW, RETAINED, TTL, Duration.ofHours(6));
    }
}
