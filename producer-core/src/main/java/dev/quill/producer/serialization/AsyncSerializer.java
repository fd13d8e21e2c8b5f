package dev.quill.producer.serialization;

import java.util.concurrent.CompletionException;

import dev.quill.producer.Headers;
import dev.quill.producer.Serializer;
import dev.quill.producer.errors.ProducerException;
import dev.quill.producer.errors.SerializationException;

/**
 * A serializer whose bytes may need something looked up first, such as a Schema Registry id.
 *
 * <p>The producer calls {@link #serializeAsync} on the sending thread and does not wait for the lookup: a record
 * whose bytes are not final yet waits inside the producer, after any earlier record of its topic, counting
 * against {@code buffer.memory}, and fails through its future when the lookup fails or {@code max.block.ms}
 * passes. The data is converted at once, so the caller may change its object as soon as {@code send} returns.
 *
 * @param <T> the type it serializes
 */
public interface AsyncSerializer<T> extends Serializer<T> {

    /**
     * Converts the data now and says when its bytes are final.
     *
     * @return the bytes (null for no bytes) and, when part of them waits for a lookup, the stage that writes it
     * @throws RuntimeException when the data cannot be converted; that record alone fails
     */
    Serialized serializeAsync(String topic, Headers headers, T data);

    /** What this serializer's lookups came to, for the producer's metrics and health; none by default. */
    default LookupStats lookupStats() {
        return LookupStats.NONE;
    }

    /** Waits for the lookup, if any: for callers outside the producer, which never waits. */
    @Override
    default byte[] serialize(String topic, Headers headers, T data) {
        Serialized serialized = serializeAsync(topic, headers, data);
        try {
            serialized.ready().join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof ProducerException cause) {
                throw cause;
            }
            throw new SerializationException("Can't serialize a record for topic " + topic + ": " + e.getCause(),
                    e.getCause());
        }
        return serialized.bytes();
    }
}
