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

    /** The scale code of {@link #writeDecimals} for values written raw. */
    private static final int RAW_VALUES = 10;

    private static final double[] POW10 = {1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9};

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
     * count, the next slot when full (while filling it equals the count), and the values held
     * ({@link #writeDecimals}: closes in cents take a byte or two instead of 8).
     */
    static void writeRing(DataOutput out, double[] window, int count, int next) throws IOException {
        writeVarLong(out, count);
        if (count == window.length) {
            writeVarLong(out, next);
        }
        writeDecimals(out, window, count);
    }

    /** Reads a ring's count and next slot as {@code count << 32 | next}; values follow. */
    static long readRingFill(DataInput in, int period, String what) throws IOException {
        int count = readVarInt(in, 0, period, what + " count");
        int next = count == period ? readVarInt(in, 0, period - 1, what + " next slot") : count;
        return (long) count << 32 | next;
    }

    /** Reads {@code count} values into slots 0.. and zeroes the rest, as the update leaves them. */
    static void readRingValues(DataInput in, double[] window, int count) throws IOException {
        readDecimals(in, window, count);
        for (int i = count; i < window.length; i++) {
            window[i] = 0;
        }
    }

    /**
     * Values that are usually decimals close to each other (a ring of closes in cents): a scale e
     * (0 to 9, or 10 for all raw), then each value exactly {@code M / 10^e} as the varint {@code
     * zigzag(M - previous M) << 1} (1 byte for a move of a few ticks), any other as the byte 1 and
     * its raw 8 bytes. The writer takes the scale that writes fewest bytes.
     */
    static void writeDecimals(DataOutput out, double[] values, int n) throws IOException {
        int best = RAW_VALUES;
        long bestBytes = 8L * n;
        for (int scale = 0; scale < RAW_VALUES; scale++) {
            long bytes = 0;
            long previous = 0;
            for (int i = 0; i < n; i++) {
                long m = exactDecimal(values[i], scale);
                if (m == Long.MIN_VALUE) {
                    bytes += 9;
                } else {
                    bytes += varLongLength(zigZag(m - previous) << 1);
                    previous = m;
                }
            }
            if (bytes < bestBytes) {
                best = scale;
                bestBytes = bytes;
            }
        }
        out.writeByte(best);
        long previous = 0;
        for (int i = 0; i < n; i++) {
            if (best == RAW_VALUES) {
                writeDouble(out, values[i]);
                continue;
            }
            long m = exactDecimal(values[i], best);
            if (m == Long.MIN_VALUE) {
                out.writeByte(1);
                writeDouble(out, values[i]);
            } else {
                writeVarLong(out, zigZag(m - previous) << 1);
                previous = m;
            }
        }
    }

    static void readDecimals(DataInput in, double[] values, int n) throws IOException {
        int scale = in.readUnsignedByte();
        if (scale > RAW_VALUES) {
            throw corrupt("a decimal scale must be in [0, " + RAW_VALUES + "], got " + scale);
        }
        long previous = 0;
        for (int i = 0; i < n; i++) {
            if (scale == RAW_VALUES) {
                values[i] = readDouble(in);
                continue;
            }
            long tagged = readVarLong(in);
            if (tagged == 1) {
                values[i] = readDouble(in);
            } else if ((tagged & 1) != 0) {
                throw corrupt("a decimal tag must be 1 (raw) or even, got " + tagged);
            } else {
                long z = tagged >>> 1;
                previous += (z >>> 1) ^ -(z & 1);
                if (Math.abs(previous) >= WHOLE_LIMIT) {
                    throw corrupt("a decimal's digits must be below 2^53, got " + previous);
                }
                values[i] = previous / POW10[scale];
            }
        }
    }

    /** M with {@code M / 10^scale} equal to {@code v} bit for bit, or Long.MIN_VALUE. */
    private static long exactDecimal(double v, int scale) {
        double scaled = v * POW10[scale];
        if (!(Math.abs(scaled) < WHOLE_LIMIT)) {
            return Long.MIN_VALUE;
        }
        long m = Math.round(scaled);
        return Double.doubleToRawLongBits(m / POW10[scale]) == Double.doubleToRawLongBits(v)
                ? m
                : Long.MIN_VALUE;
    }

    private static long zigZag(long v) {
        return (v << 1) ^ (v >> 63);
    }

    static int varLongLength(long v) {
        int n = 1;
        while ((v & ~0x7FL) != 0) {
            v >>>= 7;
            n++;
        }
        return n;
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
