package dev.quill.producer.internal.kafka;

import java.util.Map;

import org.apache.kafka.common.header.Headers;

import dev.quill.producer.ProducerInterceptor;
import dev.quill.producer.ProducerRecord;
import dev.quill.producer.RecordMetadata;
import dev.quill.producer.internal.interceptor.AcknowledgementWithHeaders;

/**
 * Runs a kafka-clients {@code ProducerInterceptor} as a Quill interceptor, converting records and metadata both
 * ways. Exceptions pass through: the interceptor chain logs and skips them as kafka-clients does.
 *
 * @param <K> key type
 * @param <V> value type
 */
public final class KafkaInterceptorAdapter<K, V> implements ProducerInterceptor<K, V>, AcknowledgementWithHeaders {

    /** kafka-clients 4.0 added the variant with headers (and calls only that one); 3.x has only the other. */
    private static final boolean ACKNOWLEDGES_WITH_HEADERS = hasHeadersVariant();

    private final org.apache.kafka.clients.producer.ProducerInterceptor<K, V> delegate;

    private KafkaInterceptorAdapter(org.apache.kafka.clients.producer.ProducerInterceptor<K, V> delegate) {
        this.delegate = delegate;
    }

    /** Called by name from {@code KafkaAdapters}; fails with ClassCastException for anything but a kafka interceptor. */
    @SuppressWarnings("unchecked")
    public static ProducerInterceptor<?, ?> wrap(Object interceptor) {
        return new KafkaInterceptorAdapter<>(
                (org.apache.kafka.clients.producer.ProducerInterceptor<Object, Object>) interceptor);
    }

    @Override
    public ProducerRecord<K, V> onSend(ProducerRecord<K, V> record) {
        org.apache.kafka.clients.producer.ProducerRecord<K, V> result = delegate.onSend(KafkaRecords.toKafka(record));
        return result == null ? null : KafkaRecords.fromKafka(result);
    }

    @Override
    public void onAcknowledgement(RecordMetadata metadata, Exception error) {
        delegate.onAcknowledgement(KafkaRecords.toKafka(metadata), error);
    }

    @Override
    public void onAcknowledgement(RecordMetadata metadata, Exception error, dev.quill.producer.Headers headers) {
        if (ACKNOWLEDGES_WITH_HEADERS) {
            delegate.onAcknowledgement(KafkaRecords.toKafka(metadata), error, new KafkaHeadersView(headers, true));
        } else {
            onAcknowledgement(metadata, error);
        }
    }

    @Override
    public void configure(Map<String, ?> configs) {
        delegate.configure(configs);
    }

    @Override
    public void close() {
        delegate.close();
    }

    /** The kafka-clients interceptor this adapter runs. */
    public org.apache.kafka.clients.producer.ProducerInterceptor<K, V> delegate() {
        return delegate;
    }

    @Override
    public String toString() {
        return "kafka-clients interceptor " + delegate.getClass().getName();
    }

    private static boolean hasHeadersVariant() {
        try {
            org.apache.kafka.clients.producer.ProducerInterceptor.class.getMethod("onAcknowledgement",
                    org.apache.kafka.clients.producer.RecordMetadata.class, Exception.class, Headers.class);
            return true;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }
}
