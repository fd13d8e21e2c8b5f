package dev.quill.producer.internal.protocol;

import dev.quill.producer.internal.record.Varints;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * Reads Kafka protocol primitives from a buffer, advancing its position.
 *
 * <p>Lengths are checked against the bytes left, so a corrupt length fails with
 * {@link MalformedResponseException} instead of allocating a huge array.
 */
public final class ProtocolReader {

    private final ByteBuffer buffer;

    public ProtocolReader(ByteBuffer buffer) {
        this.buffer = buffer;
    }

    public int position() {
        return buffer.position();
    }

    public int remaining() {
        return buffer.remaining();
    }

    public byte readInt8() {
        return buffer.get();
    }

    public boolean readBoolean() {
        return buffer.get() != 0;
    }

    public short readInt16() {
        return buffer.getShort();
    }

    public int readInt32() {
        return buffer.getInt();
    }

    public long readInt64() {
        return buffer.getLong();
    }

    public UUID readUuid() {
        return new UUID(buffer.getLong(), buffer.getLong());
    }

    public int readUnsignedVarint() {
        return Varints.readUnsignedVarint(buffer);
    }

    public String readString(boolean compact) {
        String value = readNullableString(compact);
        if (value == null) {
            throw new MalformedResponseException("null in a non-nullable string field");
        }
        return value;
    }

    public String readNullableString(boolean compact) {
        int length = compact ? readUnsignedVarint() - 1 : readInt16();
        if (length < 0) {
            return null;
        }
        checkLength(length);
        String value;
        if (buffer.hasArray()) {
            value = new String(buffer.array(), buffer.arrayOffset() + buffer.position(), length, StandardCharsets.UTF_8);
        } else {
            byte[] bytes = new byte[length];
            buffer.get(buffer.position(), bytes);
            value = new String(bytes, StandardCharsets.UTF_8);
        }
        buffer.position(buffer.position() + length);
        return value;
    }

    public String readString() {
        return readString(false);
    }

    public String readNullableString() {
        return readNullableString(false);
    }

    public String readCompactString() {
        return readString(true);
    }

    public String readCompactNullableString() {
        return readNullableString(true);
    }

    /** A bytes field as a slice sharing this buffer's content, or null. */
    public ByteBuffer readNullableBytes(boolean compact) {
        int length = compact ? readUnsignedVarint() - 1 : readInt32();
        if (length < 0) {
            return null;
        }
        checkLength(length);
        ByteBuffer slice = buffer.slice(buffer.position(), length);
        buffer.position(buffer.position() + length);
        return slice;
    }

    public ByteBuffer readBytes(boolean compact) {
        ByteBuffer value = readNullableBytes(compact);
        if (value == null) {
            throw new MalformedResponseException("null in a non-nullable bytes field");
        }
        return value;
    }

    /** An array length, or -1 for a null array. */
    public int readArrayLength(boolean compact) {
        int length = compact ? readUnsignedVarint() - 1 : readInt32();
        if (length < -1) {
            throw new MalformedResponseException("negative array length " + length);
        }
        // Every element takes at least one byte, which bounds a sane length by what is left.
        if (length > buffer.remaining()) {
            throw new MalformedResponseException(
                    "array of " + length + " elements but only " + buffer.remaining() + " bytes left");
        }
        return length;
    }

    /** A nullable array; null stays null. */
    public <T> List<T> readNullableArray(boolean compact, Function<ProtocolReader, T> element) {
        int length = readArrayLength(compact);
        if (length < 0) {
            return null;
        }
        if (length == 0) {
            return Collections.emptyList();
        }
        List<T> list = new ArrayList<>(length);
        for (int i = 0; i < length; i++) {
            list.add(element.apply(this));
        }
        return Collections.unmodifiableList(list);
    }

    /** A non-nullable array; a null from a lenient peer reads as empty. */
    public <T> List<T> readArray(boolean compact, Function<ProtocolReader, T> element) {
        List<T> list = readNullableArray(compact, element);
        return list == null ? Collections.emptyList() : list;
    }

    public List<Integer> readInt32Array(boolean compact) {
        return readArray(compact, ProtocolReader::readInt32);
    }

    /** Reads a tagged fields section, skipping every field. */
    public void skipTaggedFields() {
        readTaggedFields(null);
    }

    /**
     * Reads a tagged fields section, handing each field to {@code handler} (may be null) and then
     * skipping to its end, whatever the handler read.
     */
    public void readTaggedFields(TaggedFieldHandler handler) {
        int count = readUnsignedVarint();
        for (int i = 0; i < count; i++) {
            int tag = readUnsignedVarint();
            int size = readUnsignedVarint();
            checkLength(size);
            int end = buffer.position() + size;
            if (handler != null) {
                handler.field(tag, size, this);
                if (buffer.position() > end) {
                    throw new MalformedResponseException("tagged field " + tag + " read past its " + size + " bytes");
                }
            }
            buffer.position(end);
        }
    }

    private void checkLength(int length) {
        if (length < 0 || length > buffer.remaining()) {
            throw new MalformedResponseException(
                    "field of " + length + " bytes but only " + buffer.remaining() + " bytes left");
        }
    }
}
