package dev.quill.producer.serialization;

import dev.quill.producer.Headers;
import dev.quill.producer.Serializer;

import java.nio.ByteBuffer;

/**
 * A buffer's bytes from index 0 to its limit, as kafka-clients 4.x's {@code ByteBufferSerializer} writes them.
 *
 * <p>Caveat: the buffer's position is ignored, so a buffer that was read or sliced by position sends the bytes
 * before the position too; {@code flip()} or {@code slice()} the buffer first. Unlike kafka-clients, the
 * caller's buffer is left untouched (kafka-clients rewinds it). A heap buffer whose backing array is exactly
 * its content is passed without a copy, so that array must not change until the send completes.
 */
public final class ByteBufferSerializer implements Serializer<ByteBuffer> {

    @Override
    public byte[] serialize(String topic, Headers headers, ByteBuffer data) {
        if (data == null) {
            return null;
        }
        int limit = data.limit();
        if (data.hasArray() && data.arrayOffset() == 0 && data.array().length == limit) {
            return data.array();
        }
        byte[] out = new byte[limit];
        data.get(0, out);
        return out;
    }
}
