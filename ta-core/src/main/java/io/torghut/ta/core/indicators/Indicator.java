package io.torghut.ta.core.indicators;

import java.io.Serializable;

/**
 * What every incremental indicator in this package shares.
 *
 * <h2>Warm-up rule (the same for all)</h2>
 *
 * An indicator's value is absent ({@link Double#NaN} for scalar outputs, {@code null} for record
 * outputs) until it has seen its period: {@link #isReady()} flips from {@code false} to {@code
 * true} exactly when the input that completes the period arrives, and never flips back until {@link
 * #reset()}.
 *
 * <h2>Non-finite input rule (the same for all)</h2>
 *
 * NaN or infinite input is rejected with an {@link IllegalArgumentException} that names the
 * argument and its value; the indicator's state is left unchanged. Nothing non-finite ever enters
 * the state, so no NaN can propagate silently into later values. Callers that read untrusted data
 * validate it before it gets here (the job's decoder counts and skips such records).
 *
 * <h2>State</h2>
 *
 * State is plain fields and primitive arrays of fixed size, so an indicator fits Flink keyed state
 * and Java serialization; {@link #copy()} gives an independent deep copy, and {@link
 * IndicatorState} writes and restores a compact binary form of it.
 */
public interface Indicator extends Serializable {

    /** Whether the indicator has seen its period and now produces values. */
    boolean isReady();

    /** Forgets everything seen, returning to the freshly constructed state. */
    void reset();

    /** An independent deep copy with the same state. */
    Indicator copy();
}
