package io.torghut.ta.core.indicators;

/** Argument checks whose messages name the parameter, the bad value and what is allowed. */
final class Checks {
    private Checks() {}

    static int period(String name, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException(
                    name + " must be an integer >= " + min + ", got " + value);
        }
        return value;
    }

    static double finite(String name, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " must be a finite number, got " + value);
        }
        return value;
    }

    static double positive(String name, double value) {
        if (!(Double.isFinite(value) && value > 0)) {
            throw new IllegalArgumentException(name + " must be a finite number > 0, got " + value);
        }
        return value;
    }

    static double nonNegative(String name, double value) {
        if (!(Double.isFinite(value) && value >= 0)) {
            throw new IllegalArgumentException(
                    name + " must be a finite number >= 0, got " + value);
        }
        return value;
    }

    static long positiveMillis(String name, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be > 0 ms, got " + value);
        }
        return value;
    }
}
