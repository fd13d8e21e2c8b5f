package dev.quill.producer.serialization;

import dev.quill.producer.Headers;
import dev.quill.producer.Serializer;

/** A boolean as one byte, 1 or 0, as kafka-clients' {@code BooleanSerializer}; null stays null. */
public final class BooleanSerializer implements Serializer<Boolean> {

    @Override
    public byte[] serialize(String topic, Headers headers, Boolean data) {
        if (data == null) {
            return null;
        }
        return new byte[] {(byte) (data ? 1 : 0)};
    }
}
