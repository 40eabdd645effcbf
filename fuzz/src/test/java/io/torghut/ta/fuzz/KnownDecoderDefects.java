package io.torghut.ta.fuzz;

import io.torghut.ta.job.model.InputRecord;
import io.torghut.ta.job.model.MinuteBarEvent;
import java.util.EnumMap;
import java.util.Map;

/**
 * Defects of {@code EnvelopeDecoder} that fuzzing found and that are reported but not yet fixed in
 * ta-job. {@link DecoderContract} skips exactly these violations (and counts them) so that the
 * fuzzers keep looking for new ones and CI stays green meanwhile. {@code KnownDecoderDefectsTest}
 * fails as soon as a defect is fixed: then delete its predicate here and that test, and the
 * contract is checked in full again (the reproducers stay in the inputs directories).
 */
final class KnownDecoderDefects {
    /** One known defect each. */
    enum Defect {
        /**
         * {@code eventTs - ingestTs} overflows 64 bits, so the skew check passes for absurd pairs
         * such as eventTs 0 with ingestTs {@code Long.MIN_VALUE}.
         */
        SKEW_OVERFLOW,
        /**
         * A bar's notional ({@code vw * v}, or {@code (h + l + c) / 3 * v}) overflows to infinity
         * or, with zero volume, to NaN, although every payload number is finite.
         */
        BAR_NOTIONAL_OVERFLOW,
        /**
         * A bar's {@code payload.t} / {@code window.start} is not range-checked: near the ends of
         * the long range {@code floorDiv(t, 60000) * 60000} or {@code windowStart + 60000}
         * overflows, giving a misaligned start or an end before the start.
         */
        BAR_WINDOW_OVERFLOW
    }

    private static final Map<Defect, Long> SEEN = new EnumMap<>(Defect.class);

    private KnownDecoderDefects() {}

    /** Whether the valid record's eventTs - ingestTs overflows (counted if so). */
    static boolean skewOverflows(InputRecord e) {
        boolean overflow = ((e.eventTs ^ e.ingestTs) & (e.eventTs ^ (e.eventTs - e.ingestTs))) < 0;
        return seen(Defect.SKEW_OVERFLOW, overflow);
    }

    /** Whether the valid bar's notional is non-finite only through floating-point overflow. */
    static boolean barNotionalOverflows(MinuteBarEvent e) {
        return seen(Defect.BAR_NOTIONAL_OVERFLOW, !Double.isFinite(e.notional));
    }

    /** Whether the valid bar's window arithmetic overflowed. */
    static boolean barWindowOverflows(MinuteBarEvent e) {
        boolean overflow =
                Math.floorMod(e.windowStart, 60_000L) != 0
                        || e.windowStart > Long.MAX_VALUE - 60_000;
        return seen(Defect.BAR_WINDOW_OVERFLOW, overflow);
    }

    private static synchronized boolean seen(Defect d, boolean hit) {
        if (hit) {
            SEEN.merge(d, 1L, Long::sum);
        }
        return hit;
    }

    /**
     * How often each known defect was hit since the previous call, for a fuzz target's summary line
     * (test classes share one JVM in regression mode).
     */
    static synchronized String summaryAndReset() {
        String s = SEEN.isEmpty() ? "none" : SEEN.toString();
        SEEN.clear();
        return s;
    }
}
