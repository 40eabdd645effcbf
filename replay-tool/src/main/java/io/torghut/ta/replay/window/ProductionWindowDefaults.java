package io.torghut.ta.replay.window;

import java.time.Duration;

/**
 * The facts of the replay window as production has them, which check-window assumes where it cannot
 * measure and is not told. A test keeps them equal to testkit's production fixtures.
 */
public final class ProductionWindowDefaults {
    /**
     * Retention of every input topic: {@code retention.ms: 3024000000} (35 days) of {@code
     * torghut.trades.v1}, {@code torghut.quotes.v1} and {@code torghut.bars.1m.v1} in production's
     * {@code argocd/applications/kafka/torghut-topics.yaml}.
     */
    public static final Duration INPUT_RETENTION = Duration.ofMillis(3_024_000_000L);

    /**
     * TTL of both output tables: {@code TTL toDateTime(event_ts) + INTERVAL 35 DAY} of {@code
     * ta_microbars} and {@code ta_signals} in production's DDL (their CREATE and MODIFY TTL).
     */
    public static final Duration OUTPUT_TTL = Duration.ofDays(35);

    /** Where {@link #INPUT_RETENTION} comes from, as check-window prints it. */
    public static final String INPUT_SOURCE =
            "production default, unmeasured: torghut-topics.yaml retention.ms 3024000000";

    /** Where {@link #OUTPUT_TTL} comes from, as check-window prints it. */
    public static final String OUTPUT_SOURCE =
            "production default, unmeasured: ta-schema.sql TTL toDateTime(event_ts) + INTERVAL 35"
                    + " DAY";

    private ProductionWindowDefaults() {}
}
