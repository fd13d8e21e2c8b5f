package dev.quill.producer.internal.record;

import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * A growable heap buffer that codecs write into, either as a stream or straight into {@link #array()} after
 * {@link #ensureRoom}. The builder reserves the batch header at its start, so the compressed records never
 * have to be copied again to join their header.
 */
public final class CompressedOutput extends OutputStream {

    private byte[] bytes;
    private int position;

    public CompressedOutput(int initialCapacity) {
        this.bytes = new byte[Math.max(64, initialCapacity)];
    }

    /** Makes sure {@code count} more bytes fit after {@link #position()}. */
    public void ensureRoom(int count) {
        long needed = (long) position + count;
        if (needed > bytes.length) {
            if (needed > Integer.MAX_VALUE - 8) {
                throw new IllegalStateException("compressed batch would exceed 2 GiB");
            }
            long grown = Math.max(needed, Math.min((long) bytes.length * 2, Integer.MAX_VALUE - 8));
            bytes = Arrays.copyOf(bytes, (int) grown);
        }
    }

    /** The backing array; valid until the next call that may grow it. */
    public byte[] array() {
        return bytes;
    }

    public int position() {
        return position;
    }

    /** Moves the write position, e.g. past bytes written directly into {@link #array()}. */
    public void position(int newPosition) {
        if (newPosition < 0 || newPosition > bytes.length) {
            throw new IndexOutOfBoundsException("position " + newPosition + " outside 0.." + bytes.length);
        }
        position = newPosition;
    }

    public void writeIntLE(int value) {
        ensureRoom(4);
        bytes[position] = (byte) value;
        bytes[position + 1] = (byte) (value >>> 8);
        bytes[position + 2] = (byte) (value >>> 16);
        bytes[position + 3] = (byte) (value >>> 24);
        position += 4;
    }

    @Override
    public void write(int b) {
        ensureRoom(1);
        bytes[position++] = (byte) b;
    }

    @Override
    public void write(byte[] source, int offset, int length) {
        ensureRoom(length);
        System.arraycopy(source, offset, bytes, position, length);
        position += length;
    }

    /** The bytes written so far, without copying: position 0, limit = {@link #position()}. */
    public ByteBuffer toByteBuffer() {
        return ByteBuffer.wrap(bytes, 0, position).slice();
    }
}
