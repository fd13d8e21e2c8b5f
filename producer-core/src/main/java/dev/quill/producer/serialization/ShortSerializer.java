package dev.quill.producer.serialization;

import dev.quill.producer.Headers;
import dev.quill.producer.Serializer;

/** A short as 2 bytes, big-endian (network order), as kafka-clients' {@code ShortSerializer}; null stays null. */
public final class ShortSerializer implements Serializer<Short> {

    @Override
    public byte[] serialize(String topic, Headers headers, Short data) {
        if (data == null) {
            return null;
        }
        short v = data;
        return new byte[] {(byte) (v >>> 8), (byte) v};
    }
}
