package io.torghut.ta.job.clickhouse;

import java.util.Arrays;

/**
 * A growing byte buffer of RowBinary: little-endian fixed-width numbers, strings as a LEB128 length
 * and their UTF-8 bytes. One per sink writer, reused batch after batch.
 */
public final class RowBinaryBuffer {
    private byte[] bytes;
    private int size;

    /** An empty buffer of {@code capacity} bytes to start with. */
    public RowBinaryBuffer(int capacity) {
        this.bytes = new byte[Math.max(64, capacity)];
    }

    /** The bytes written so far; valid up to {@link #size()}. */
    public byte[] bytes() {
        return bytes;
    }

    /** How many bytes were written. */
    public int size() {
        return size;
    }

    /** Forgets what was written; keeps the capacity. */
    public void clear() {
        size = 0;
    }

    /** A copy of what was written. */
    public byte[] toByteArray() {
        return Arrays.copyOf(bytes, size);
    }

    private void ensure(int more) {
        if (size + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
        }
    }

    /** One byte. */
    public void writeByte(int v) {
        ensure(1);
        bytes[size++] = (byte) v;
    }

    /** Two bytes, little-endian. */
    public void writeShort(int v) {
        ensure(2);
        bytes[size++] = (byte) v;
        bytes[size++] = (byte) (v >>> 8);
    }

    /** Four bytes, little-endian. */
    public void writeInt(int v) {
        ensure(4);
        bytes[size++] = (byte) v;
        bytes[size++] = (byte) (v >>> 8);
        bytes[size++] = (byte) (v >>> 16);
        bytes[size++] = (byte) (v >>> 24);
    }

    /** Eight bytes, little-endian. */
    public void writeLong(long v) {
        ensure(8);
        for (int i = 0; i < 8; i++) {
            bytes[size++] = (byte) (v >>> (8 * i));
        }
    }

    /** An IEEE 754 double, little-endian. */
    public void writeDouble(double v) {
        writeLong(Double.doubleToRawLongBits(v));
    }

    /** An unsigned LEB128 number. */
    public void writeVarint(long v) {
        ensure(10);
        while ((v & ~0x7FL) != 0) {
            bytes[size++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        bytes[size++] = (byte) v;
    }

    /** A string: its UTF-8 length as LEB128, then the bytes. */
    public void writeString(String s) {
        int n = s.length();
        boolean ascii = true;
        for (int i = 0; i < n && ascii; i++) {
            ascii = s.charAt(i) < 0x80;
        }
        if (ascii) {
            writeVarint(n);
            ensure(n);
            for (int i = 0; i < n; i++) {
                bytes[size++] = (byte) s.charAt(i);
            }
            return;
        }
        byte[] utf8 = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        writeVarint(utf8.length);
        ensure(utf8.length);
        System.arraycopy(utf8, 0, bytes, size, utf8.length);
        size += utf8.length;
    }
}
