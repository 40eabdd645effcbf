package io.torghut.ta.core.testing;

import static org.assertj.core.api.Assertions.fail;

/** The one comparison tolerance of the golden and recomputation tests. */
public final class Tolerance {
    /** Relative tolerance: 1e-9 of the larger magnitude. */
    public static final double RELATIVE = 1e-9;

    /**
     * Absolute floor for values that should be exactly 0 (a flat series' deviation): rounding in
     * the oracle's own formula leaves ~1e-14 there, where no relative bound is meaningful.
     */
    public static final double ABSOLUTE_FLOOR = 1e-12;

    private Tolerance() {}

    /** Whether two values agree (NaN only equals NaN). */
    public static boolean close(double actual, double expected) {
        if (Double.isNaN(actual) || Double.isNaN(expected)) {
            return Double.isNaN(actual) && Double.isNaN(expected);
        }
        double diff = Math.abs(actual - expected);
        return diff <= ABSOLUTE_FLOOR
                || diff <= RELATIVE * Math.max(Math.abs(actual), Math.abs(expected));
    }

    /** Fails with the context when the values do not agree. */
    public static void assertClose(double actual, double expected, String context) {
        if (!close(actual, expected)) {
            fail(
                    "%s: expected %s but got %s (diff %s)",
                    context, expected, actual, Math.abs(actual - expected));
        }
    }
}
