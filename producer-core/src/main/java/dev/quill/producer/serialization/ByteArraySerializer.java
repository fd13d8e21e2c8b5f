package dev.quill.producer.serialization;

import dev.quill.producer.Headers;
import dev.quill.producer.Serializer;

/**
 * Passes a byte array through as is, without a copy: the caller must not change the array until the send
 * completes (as with kafka-clients' {@code ByteArraySerializer}).
 */
public final class ByteArraySerializer implements Serializer<byte[]> {

    @Override
    public byte[] serialize(String topic, Headers headers, byte[] data) {
        return data;
    }
}
