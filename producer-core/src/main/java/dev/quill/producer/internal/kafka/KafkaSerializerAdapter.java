package dev.quill.producer.internal.kafka;

import java.util.Map;

import dev.quill.producer.Headers;
import dev.quill.producer.Serializer;
import dev.quill.producer.internal.config.PluginAdapter;

/**
 * Runs a kafka-clients {@code Serializer} as a Quill serializer. Exceptions pass through unchanged, so that the
 * producer's {@code SerializationException} carries the serializer's own exception as its cause.
 *
 * @param <T> the type it serializes
 */
public final class KafkaSerializerAdapter<T> implements Serializer<T>, PluginAdapter {

    private final org.apache.kafka.common.serialization.Serializer<T> delegate;

    private KafkaSerializerAdapter(org.apache.kafka.common.serialization.Serializer<T> delegate) {
        this.delegate = delegate;
    }

    /** Called by name from {@code KafkaAdapters}; fails with ClassCastException for anything but a kafka Serializer. */
    @SuppressWarnings("unchecked")
    public static Serializer<?> wrap(Object serializer) {
        return new KafkaSerializerAdapter<>((org.apache.kafka.common.serialization.Serializer<Object>) serializer);
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        delegate.configure(configs, isKey);
    }

    @Override
    public byte[] serialize(String topic, Headers headers, T data) {
        // The 3-argument form: its default calls the 2-argument one, and serializers that write headers override it.
        return delegate.serialize(topic, headers == null ? null : new KafkaHeadersView(headers, false), data);
    }

    @Override
    public void close() {
        delegate.close();
    }

    @Override
    public Class<?> adaptedClass() {
        return delegate.getClass();
    }

    /** The kafka-clients serializer this adapter runs. */
    public org.apache.kafka.common.serialization.Serializer<T> delegate() {
        return delegate;
    }

    @Override
    public String toString() {
        return "kafka-clients serializer " + delegate.getClass().getName();
    }
}
