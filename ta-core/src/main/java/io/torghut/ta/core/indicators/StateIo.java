package io.torghut.ta.core.indicators;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Primitives of the compact state format ({@link IndicatorState}): varints, whole-or-raw numbers
 * and XOR residues against a prediction. Every reader checks what it reads and throws an {@link
 * IOException} naming what was found and what is allowed, so a corrupt stream fails loudly instead
 * of restoring a state the update methods would never produce.
 */
final class StateIo {
    /** Below this every whole double is exactly a long. */
    private static final double WHOLE_LIMIT = 0x1p53;

    private StateIo() {}

    /** Unsigned LEB128: 7 bits a byte, low bits first; 1 byte below 128, at most 10. */
    static void writeVarLong(DataOutput out, long v) throws IOException {
        while ((v & ~0x7FL) != 0) {
            out.writeByte((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.writeByte((int) v);
    }

    static long readVarLong(DataInput in) throws IOException {
        long v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int b = in.readUnsignedByte();
            v |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return v;
            }
        }
        throw corrupt("a varint longer than 10 bytes");
    }

    /** A varint that must lie in {@code [min, max]}; {@code what} names it in the error. */
    static long readVarLong(DataInput in, long min, long max, String what) throws IOException {
        long v = readVarLong(in);
        if (v < min || v > max) {
            throw corrupt(what + " must be in [" + min + ", " + max + "], got " + v);
        }
        return v;
    }

    static int readVarInt(DataInput in, int min, int max, String what) throws IOException {
        return (int) readVarLong(in, min, max, what);
    }

    /** Signed values by zig-zag, so small magnitudes of either sign stay short. */
    static void writeZigZag(DataOutput out, long v) throws IOException {
        writeVarLong(out, (v << 1) ^ (v >> 63));
    }

    static long readZigZag(DataInput in) throws IOException {
        long z = readVarLong(in);
        return (z >>> 1) ^ -(z & 1);
    }

    /**
     * Whether {@code v} is a non-negative whole number that a long holds exactly, bit for bit (so
     * -0.0 is not: it would come back as +0.0).
     */
    static boolean isWhole(double v) {
        return v >= 0
                && v < WHOLE_LIMIT
                && Double.doubleToRawLongBits(v) == Double.doubleToRawLongBits((long) v);
    }

    /**
     * A number that is usually a whole count (a volume in shares): {@code varint(v << 1)} when
     * whole (2 bytes below 8,192), else a 1 byte tag and the raw 8 bytes.
     */
    static void writeNumber(DataOutput out, double v) throws IOException {
        if (isWhole(v)) {
            writeVarLong(out, (long) v << 1);
        } else {
            out.writeByte(1);
            out.writeLong(Double.doubleToRawLongBits(v));
        }
    }

    static double readNumber(DataInput in) throws IOException {
        long tagged = readVarLong(in);
        if (tagged == 1) {
            return Double.longBitsToDouble(in.readLong());
        }
        if ((tagged & 1) != 0) {
            throw corrupt("a number tag must be 1 (raw) or even (whole), got " + tagged);
        }
        return tagged >>> 1;
    }

    static void writeDouble(DataOutput out, double v) throws IOException {
        out.writeLong(Double.doubleToRawLongBits(v));
    }

    static double readDouble(DataInput in) throws IOException {
        return Double.longBitsToDouble(in.readLong());
    }

    /** Bytes needed for the low, non-zero part of {@code x}: 1 to 8 (a zero takes 1). */
    static int lowByteCount(long x) {
        return Math.max(1, 8 - Long.numberOfLeadingZeros(x) / 8);
    }

    /** The low {@code n} bytes of {@code x}, high byte first. */
    static void writeLowBytes(DataOutput out, long x, int n) throws IOException {
        for (int shift = (n - 1) * 8; shift >= 0; shift -= 8) {
            out.writeByte((int) (x >>> shift));
        }
    }

    static long readLowBytes(DataInput in, int n) throws IOException {
        long x = 0;
        for (int i = 0; i < n; i++) {
            x = (x << 8) | in.readUnsignedByte();
        }
        return x;
    }

    /** The XOR of two doubles' bits: small (few bytes) when the prediction is close. */
    static long residue(double actual, double predicted) {
        return Double.doubleToRawLongBits(actual) ^ Double.doubleToRawLongBits(predicted);
    }

    /**
     * {@code actual} as its XOR with {@code predicted}, which the reader computes the same way from
     * what it has read already: a length byte and that many low bytes.
     */
    static void writeResidue(DataOutput out, double actual, double predicted) throws IOException {
        long x = residue(actual, predicted);
        int n = x == 0 ? 0 : lowByteCount(x);
        out.writeByte(n);
        writeLowBytes(out, x, n);
    }

    static double readResidue(DataInput in, double predicted) throws IOException {
        int n = in.readUnsignedByte();
        if (n > 8) {
            throw corrupt("a residue length must be in [0, 8], got " + n);
        }
        return Double.longBitsToDouble(readLowBytes(in, n) ^ Double.doubleToRawLongBits(predicted));
    }

    /**
     * A ring of the last {@code period} values (SMA, standard deviation) filled from slot 0: the
     * count, the next slot when full (while filling it equals the count), and the values held.
     */
    static void writeRing(DataOutput out, double[] window, int count, int next) throws IOException {
        writeVarLong(out, count);
        if (count == window.length) {
            writeVarLong(out, next);
        }
        for (int i = 0; i < count; i++) {
            writeDouble(out, window[i]);
        }
    }

    /** Reads a ring's count and next slot as {@code count << 32 | next}; values follow. */
    static long readRingFill(DataInput in, int period, String what) throws IOException {
        int count = readVarInt(in, 0, period, what + " count");
        int next = count == period ? readVarInt(in, 0, period - 1, what + " next slot") : count;
        return (long) count << 32 | next;
    }

    /** Reads {@code count} values into slots 0.. and zeroes the rest, as the update leaves them. */
    static void readRingValues(DataInput in, double[] window, int count) throws IOException {
        for (int i = 0; i < window.length; i++) {
            window[i] = i < count ? readDouble(in) : 0;
        }
    }

    /** A flags byte, refusing bits outside {@code allowed}. */
    static int readFlags(DataInput in, int allowed, String what) throws IOException {
        int flags = in.readUnsignedByte();
        if ((flags & ~allowed) != 0) {
            throw corrupt(
                    what
                            + " flags must use only bits 0x"
                            + Integer.toHexString(allowed)
                            + ", got 0x"
                            + Integer.toHexString(flags));
        }
        return flags;
    }

    static IOException corrupt(String message) {
        return new IOException("corrupt indicator state: " + message);
    }
}
