package dev.quill.producer.internal.protocol;

import dev.quill.producer.internal.record.Varints;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Writes Kafka protocol primitives into a heap buffer that grows on demand.
 *
 * <p>Methods taking a {@code compact} flag pick the flexible-version encoding (unsigned varint
 * length + 1) or the classic one (int16/int32 length), so message code can pass
 * {@code apiKey.isFlexible(version)} instead of branching at every field.
 */
public final class ProtocolWriter {

    private ByteBuffer buffer;

    public ProtocolWriter(int initialCapacity) {
        this.buffer = ByteBuffer.allocate(Math.max(16, initialCapacity));
    }

    public int position() {
        return buffer.position();
    }

    /** The bytes written so far, from 0 to {@link #position()}; further writes may reallocate. */
    public ByteBuffer toByteBuffer() {
        return buffer.duplicate().flip();
    }

    /** Overwrites an int32 already written, e.g. a size prefix known only at the end. */
    public void setInt32(int position, int value) {
        buffer.putInt(position, value);
    }

    public void writeInt8(byte value) {
        ensure(1);
        buffer.put(value);
    }

    public void writeBoolean(boolean value) {
        writeInt8(value ? (byte) 1 : (byte) 0);
    }

    public void writeInt16(short value) {
        ensure(2);
        buffer.putShort(value);
    }

    public void writeInt32(int value) {
        ensure(4);
        buffer.putInt(value);
    }

    public void writeInt64(long value) {
        ensure(8);
        buffer.putLong(value);
    }

    public void writeUuid(UUID value) {
        ensure(16);
        buffer.putLong(value.getMostSignificantBits());
        buffer.putLong(value.getLeastSignificantBits());
    }

    public void writeUnsignedVarint(int value) {
        ensure(5);
        Varints.writeUnsignedVarint(buffer, value);
    }

    public void writeString(String value, boolean compact) {
        if (value == null) {
            throw new IllegalArgumentException("null string in a non-nullable field");
        }
        writeNullableString(value, compact);
    }

    public void writeNullableString(String value, boolean compact) {
        if (value == null) {
            writeNullLength(compact, false);
            return;
        }
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        if (utf8.length > Short.MAX_VALUE) {
            throw new IllegalArgumentException("string of " + utf8.length + " UTF-8 bytes exceeds 32767");
        }
        if (compact) {
            writeUnsignedVarint(utf8.length + 1);
        } else {
            writeInt16((short) utf8.length);
        }
        writeRaw(utf8);
    }

    public void writeString(String value) {
        writeString(value, false);
    }

    public void writeNullableString(String value) {
        writeNullableString(value, false);
    }

    public void writeCompactString(String value) {
        writeString(value, true);
    }

    public void writeCompactNullableString(String value) {
        writeNullableString(value, true);
    }

    /** Copies the remaining bytes of {@code value} (its position is left unchanged). */
    public void writeNullableBytes(ByteBuffer value, boolean compact) {
        if (value == null) {
            writeNullLength(compact, true);
            return;
        }
        writeBytesLength(value.remaining(), compact);
        ensure(value.remaining());
        buffer.put(value.duplicate());
    }

    public void writeBytes(ByteBuffer value, boolean compact) {
        if (value == null) {
            throw new IllegalArgumentException("null bytes in a non-nullable field");
        }
        writeNullableBytes(value, compact);
    }

    /**
     * Writes only the length of a bytes field whose content follows elsewhere, as in a gathering
     * write that sends a record batch from its own buffer.
     */
    public void writeBytesLength(int length, boolean compact) {
        if (compact) {
            writeUnsignedVarint(length + 1);
        } else {
            writeInt32(length);
        }
    }

    /** A null bytes field: length -1, or 0 in compact form. */
    public void writeNullBytes(boolean compact) {
        writeNullLength(compact, true);
    }

    /** An array length; -1 writes a null array. */
    public void writeArrayLength(int length, boolean compact) {
        if (compact) {
            writeUnsignedVarint(length + 1);
        } else {
            writeInt32(length);
        }
    }

    public void writeInt32Array(int[] values, boolean compact) {
        writeArrayLength(values.length, compact);
        for (int value : values) {
            writeInt32(value);
        }
    }

    /** Tagged fields section with no fields: everything Quill sends leaves optional extensions out. */
    public void writeEmptyTaggedFields() {
        writeUnsignedVarint(0);
    }

    public void writeRaw(byte[] bytes) {
        ensure(bytes.length);
        buffer.put(bytes);
    }

    private void writeNullLength(boolean compact, boolean int32Length) {
        if (compact) {
            writeUnsignedVarint(0);
        } else if (int32Length) {
            writeInt32(-1);
        } else {
            writeInt16((short) -1);
        }
    }

    private void ensure(int bytes) {
        if (buffer.remaining() >= bytes) {
            return;
        }
        int needed = buffer.position() + bytes;
        int capacity = Math.max(needed, buffer.capacity() * 2);
        ByteBuffer grown = ByteBuffer.allocate(capacity);
        buffer.flip();
        grown.put(buffer);
        buffer = grown;
    }
}
