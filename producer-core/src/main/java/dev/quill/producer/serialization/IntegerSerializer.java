package dev.quill.producer.serialization;

import dev.quill.producer.Headers;
import dev.quill.producer.Serializer;

/** An int as 4 bytes, big-endian (network order), as kafka-clients' {@code IntegerSerializer}; null stays null. */
public final class IntegerSerializer implements Serializer<Integer> {

    @Override
    public byte[] serialize(String topic, Headers headers, Integer data) {
        if (data == null) {
            return null;
        }
        int v = data;
        return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
    }
}
