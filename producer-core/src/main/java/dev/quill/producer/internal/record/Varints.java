package dev.quill.producer.internal.record;

import java.nio.ByteBuffer;

/**
 * Kafka's variable-length integers: zig-zag signed varints (record fields) and unsigned varints
 * (compact lengths and tagged fields of flexible protocol versions), seven bits per byte, low bits first.
 */
public final class Varints {

    private Varints() {
    }

    public static void writeUnsignedVarint(ByteBuffer out, int value) {
        int v = value;
        while ((v & 0xFFFFFF80) != 0) {
            out.put((byte) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.put((byte) v);
    }

    public static void writeVarint(ByteBuffer out, int value) {
        writeUnsignedVarint(out, (value << 1) ^ (value >> 31));
    }

    public static void writeVarlong(ByteBuffer out, long value) {
        long v = (value << 1) ^ (value >> 63);
        while ((v & 0xFFFFFFFFFFFFFF80L) != 0L) {
            out.put((byte) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.put((byte) v);
    }

    public static int readUnsignedVarint(ByteBuffer in) {
        int value = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            byte b = in.get();
            value |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new IllegalArgumentException("varint longer than 5 bytes");
    }

    public static int readVarint(ByteBuffer in) {
        int raw = readUnsignedVarint(in);
        return (raw >>> 1) ^ -(raw & 1);
    }

    public static long readVarlong(ByteBuffer in) {
        long raw = 0;
        for (int shift = 0; shift < 70; shift += 7) {
            byte b = in.get();
            raw |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return (raw >>> 1) ^ -(raw & 1);
            }
        }
        throw new IllegalArgumentException("varlong longer than 10 bytes");
    }

    public static int sizeOfUnsignedVarint(int value) {
        // One byte per started group of seven significant bits; zero still takes one byte.
        int significantBits = 32 - Integer.numberOfLeadingZeros(value);
        return Math.max(1, (significantBits + 6) / 7);
    }

    public static int sizeOfVarint(int value) {
        return sizeOfUnsignedVarint((value << 1) ^ (value >> 31));
    }

    public static int sizeOfVarlong(long value) {
        long v = (value << 1) ^ (value >> 63);
        int significantBits = 64 - Long.numberOfLeadingZeros(v);
        return Math.max(1, (significantBits + 6) / 7);
    }
}
