package dev.quill.producer;

import java.util.Map;

/**
 * Turns a key or value into bytes. Called on the sending thread, once per record; a serializer that
 * throws fails that record alone with a {@link dev.quill.producer.errors.SerializationException}.
 *
 * @param <T> the type it serializes
 */
@FunctionalInterface
public interface Serializer<T> extends AutoCloseable {

    /**
     * @param topic the record's topic
     * @param headers the record's headers, which a serializer may add to (for example a type hint)
     * @param data the key or value, possibly null
     * @return the bytes, or null for a null key or value
     */
    byte[] serialize(String topic, Headers headers, T data);

    /** Called once with the producer's whole configuration before the first record. */
    default void configure(Map<String, ?> configs, boolean isKey) {
    }

    @Override
    default void close() {
    }
}
