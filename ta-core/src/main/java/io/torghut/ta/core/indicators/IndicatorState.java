package io.torghut.ta.core.indicators;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * A compact, lossless binary form of an indicator's state, for keyed state in Flink (the job's
 * signal-engine serializer) where a generic field serializer spends 8 bytes on every double.
 *
 * <p>What is written: the fields that change with the input, not the parameters. {@link #readInto}
 * restores into an indicator built with the same parameters, which the caller knows (the signal
 * engine writes its configuration once, ahead of its indicators). Restored, an indicator gives bit
 * for bit the outputs the original would have given, on any later input; transient caches are
 * rebuilt on the next update, as after Java deserialization.
 *
 * <p>Where it saves: volumes as varints of whole shares or of a decimal scale, a rolling VWAP's
 * notionals as the XOR with a prediction from the previous bucket's price, a return's square left
 * out when it is exactly the return squared, windows of closes as decimal deltas, Bollinger's two
 * identical windows written once, empty ring slots as a presence map. Each saving is checked when
 * writing and falls back to the raw form where it does not hold, so nothing depends on the data
 * being as expected. The format has no version of its own: the composite that writes it does (the
 * signal engine's leading byte).
 *
 * <p>Cost: O(state size) time per write or read, allocation of a few arrays of the ring size; the
 * update methods are untouched.
 */
public final class IndicatorState {
    private IndicatorState() {}

    /**
     * Writes {@code indicator}'s state.
     *
     * @throws IllegalArgumentException if the indicator is not one of this package's
     */
    public static void write(Indicator indicator, DataOutput out) throws IOException {
        if (indicator instanceof Sma i) {
            i.writeState(out);
        } else if (indicator instanceof Ema i) {
            i.writeState(out);
        } else if (indicator instanceof StdDev i) {
            i.writeState(out);
        } else if (indicator instanceof Bollinger i) {
            i.writeState(out);
        } else if (indicator instanceof Macd i) {
            i.writeState(out);
        } else if (indicator instanceof Rsi i) {
            i.writeState(out);
        } else if (indicator instanceof SessionVwap i) {
            i.writeState(out);
        } else if (indicator instanceof RollingVwap i) {
            i.writeState(out);
        } else if (indicator instanceof RealizedVolatility i) {
            i.writeState(out);
        } else if (indicator instanceof QuoteImbalance i) {
            i.writeState(out);
        } else {
            throw unknown(indicator);
        }
    }

    /**
     * Restores into {@code indicator} (built with the parameters of the one written) the state that
     * {@link #write} wrote; whatever state it had is replaced.
     *
     * @throws IOException if the stream is short or holds what no update could have produced; the
     *     indicator is then in an unspecified state and must be discarded
     */
    public static void readInto(Indicator indicator, DataInput in) throws IOException {
        if (indicator instanceof Sma i) {
            i.readState(in);
        } else if (indicator instanceof Ema i) {
            i.readState(in);
        } else if (indicator instanceof StdDev i) {
            i.readState(in);
        } else if (indicator instanceof Bollinger i) {
            i.readState(in);
        } else if (indicator instanceof Macd i) {
            i.readState(in);
        } else if (indicator instanceof Rsi i) {
            i.readState(in);
        } else if (indicator instanceof SessionVwap i) {
            i.readState(in);
        } else if (indicator instanceof RollingVwap i) {
            i.readState(in);
        } else if (indicator instanceof RealizedVolatility i) {
            i.readState(in);
        } else if (indicator instanceof QuoteImbalance i) {
            i.readState(in);
        } else {
            throw unknown(indicator);
        }
    }

    /** An unsigned varint (LEB128), the format's integer, for composites writing around it. */
    public static void writeVarLong(DataOutput out, long v) throws IOException {
        StateIo.writeVarLong(out, v);
    }

    /**
     * Reads a varint that must lie in {@code [min, max]}.
     *
     * @throws IOException naming {@code what}, the value and the range when it does not
     */
    public static long readVarLong(DataInput in, long min, long max, String what)
            throws IOException {
        return StateIo.readVarLong(in, min, max, what);
    }

    private static IllegalArgumentException unknown(Indicator indicator) {
        return new IllegalArgumentException(
                "no state format for "
                        + (indicator == null ? "null" : indicator.getClass().getName()));
    }
}
