package io.torghut.ta.chart;

import java.util.Optional;

/**
 * A signal lane of the job, by the {@code window_size} its rows carry: the 1 s lane (over the job's
 * own 1 s bars) and the 1 min lane (over the 1 min bars of the input topic).
 */
public enum Lane {
    /** The 1 s lane: {@code window_size} {@code PT1S}. */
    SECOND("1s", "PT1S", "1 s", 1_000),
    /** The 1 min lane: {@code window_size} {@code PT1M}. */
    MINUTE("1m", "PT1M", "1 min", 60_000);

    private final String id;
    private final String windowSize;
    private final String label;
    private final long millis;

    Lane(String id, String windowSize, String label, long millis) {
        this.id = id;
        this.windowSize = windowSize;
        this.label = label;
        this.millis = millis;
    }

    /** The page's name of the lane ({@code 1s}, {@code 1m}). */
    public String id() {
        return id;
    }

    /** The rows' {@code window_size}. */
    public String windowSize() {
        return windowSize;
    }

    /** What a person reads ({@code 1 s}, {@code 1 min}). */
    public String label() {
        return label;
    }

    /** The length of one window in milliseconds. */
    public long millis() {
        return millis;
    }

    /** The lane of a {@code window_size}, if it is one. */
    public static Optional<Lane> ofWindowSize(String windowSize) {
        for (Lane lane : values()) {
            if (lane.windowSize.equals(windowSize)) {
                return Optional.of(lane);
            }
        }
        return Optional.empty();
    }

    /** The lane of a page name ({@code 1s}, {@code 1m}); fails naming both. */
    public static Lane ofId(String id) {
        for (Lane lane : values()) {
            if (lane.id.equals(id)) {
                return lane;
            }
        }
        throw new IllegalArgumentException("lane '" + id + "' is not one of 1s, 1m");
    }
}
