package dev.quill.producer.serialization;

import dev.quill.producer.Headers;
import dev.quill.producer.Serializer;

/**
 * A double as its 8 IEEE 754 bytes, big-endian, as kafka-clients' {@code DoubleSerializer}; null stays null. Every NaN
 * is written as the canonical NaN ({@code doubleToLongBits}), as kafka-clients does; floats, by contrast, keep
 * their NaN payload (see {@link FloatSerializer}).
 */
public final class DoubleSerializer implements Serializer<Double> {

    @Override
    public byte[] serialize(String topic, Headers headers, Double data) {
        if (data == null) {
            return null;
        }
        return Bytes.bigEndian(Double.doubleToLongBits(data));
    }
}
