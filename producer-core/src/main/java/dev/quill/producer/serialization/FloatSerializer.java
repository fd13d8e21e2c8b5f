package dev.quill.producer.serialization;

import dev.quill.producer.Headers;
import dev.quill.producer.Serializer;

/** A float as its 4 IEEE 754 bytes, big-endian, NaN payloads kept (raw bits), as kafka-clients' {@code FloatSerializer}; null stays null. */
public final class FloatSerializer implements Serializer<Float> {

    @Override
    public byte[] serialize(String topic, Headers headers, Float data) {
        if (data == null) {
            return null;
        }
        int v = Float.floatToRawIntBits(data);
        return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
    }
}
