package dev.quill.producer.internal;

import java.util.concurrent.CompletionException;

import dev.quill.producer.Headers;
import dev.quill.producer.Serializer;
import dev.quill.producer.errors.ProducerException;
import dev.quill.producer.errors.SerializationException;
import dev.quill.producer.internal.config.PluginAdapter;
import dev.quill.producer.serialization.AsyncSerializer;

/** How a record's key or value is serialized and how a failure is reported, the same in every producer. */
public final class Serialization {

    private Serialization() {
    }

    /**
     * Serializes a key or value now, waiting for the lookup an {@link AsyncSerializer} needs.
     *
     * @throws ProducerException what the producer fails the record with: the lookup's own {@code ProducerException},
     *     or a {@link SerializationException} naming the serializer's class
     */
    public static <T> byte[] serializeNow(Serializer<T> serializer, boolean isKey, String topic, Headers headers,
                                          T data) {
        try {
            if (serializer instanceof AsyncSerializer<T> async) {
                var serialized = async.serializeAsync(topic, headers, data);
                serialized.ready().join();
                return serialized.bytes();
            }
            return serializer.serialize(topic, headers, data);
        } catch (RuntimeException e) {
            throw failure(serializer, isKey, topic, data, e);
        }
    }

    /**
     * What a record fails with when serializing {@code data} threw {@code thrown}: a lookup's own
     * {@code ProducerException} as it is (it names the registry and subject), anything else as a
     * {@link SerializationException} naming the serializer.
     */
    public static ProducerException failure(Serializer<?> serializer, boolean isKey, String topic, Object data,
                                            RuntimeException thrown) {
        Throwable cause = thrown instanceof CompletionException && thrown.getCause() != null ? thrown.getCause() : thrown;
        if (thrown instanceof CompletionException && cause instanceof ProducerException lookupFailure) {
            return lookupFailure;
        }
        String part = isKey ? "key" : "value";
        String message = "Can't serialize the " + part + " of a record for topic " + topic + " with "
                + PluginAdapter.className(serializer) + ": " + cause.getMessage();
        if (cause instanceof ClassCastException && data != null) {
            // The usual first-day mistake: a typed producer or template over the default string serializer.
            message += "; the " + part + " is a " + data.getClass().getName() + ", which this serializer does not take: "
                    + "configure a " + part + " serializer for it (" + part + ".serializer; with the Spring Boot "
                    + "starter, quill.producer." + part + "-serializer, for example json)";
        }
        return new SerializationException(message, cause);
    }
}
