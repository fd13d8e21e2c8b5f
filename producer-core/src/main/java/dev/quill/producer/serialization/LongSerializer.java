package dev.quill.producer.serialization;

import dev.quill.producer.Headers;
import dev.quill.producer.Serializer;

/** A long as 8 bytes, big-endian (network order), as kafka-clients' {@code LongSerializer}; null stays null. */
public final class LongSerializer implements Serializer<Long> {

    @Override
    public byte[] serialize(String topic, Headers headers, Long data) {
        if (data == null) {
            return null;
        }
        return Bytes.bigEndian(data);
    }
}
