package dev.quill.producer.internal.interceptor;

import java.lang.System.Logger.Level;
import java.util.List;

import dev.quill.producer.Callback;
import dev.quill.producer.Headers;
import dev.quill.producer.ProducerInterceptor;
import dev.quill.producer.ProducerRecord;
import dev.quill.producer.RecordMetadata;

/**
 * The configured interceptors as one chain, with kafka-clients' rules: in order, each on the previous one's result;
 * one that throws is logged and skipped; every record's outcome reaches each of them once, through the record's
 * callback. Without interceptors ({@link #none()}) both send-path methods return their argument: no allocation.
 *
 * @param <K> key type
 * @param <V> value type
 */
public final class Interceptors<K, V> implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger("dev.quill.producer");
    private static final Interceptors<?, ?> NONE = new Interceptors<>(new ProducerInterceptor<?, ?>[0]);

    private final ProducerInterceptor<K, V>[] chain;

    private Interceptors(ProducerInterceptor<?, ?>[] chain) {
        @SuppressWarnings("unchecked")
        ProducerInterceptor<K, V>[] typed = (ProducerInterceptor<K, V>[]) chain;
        this.chain = typed;
    }

    @SuppressWarnings("unchecked")
    public static <K, V> Interceptors<K, V> none() {
        return (Interceptors<K, V>) NONE;
    }

    /**
     * A chain of these interceptors, in order; their key and value types are the caller's promise, as with
     * kafka-clients' {@code interceptor.classes}.
     */
    public static <K, V> Interceptors<K, V> of(List<? extends ProducerInterceptor<?, ?>> interceptors) {
        return interceptors.isEmpty() ? none() : new Interceptors<>(interceptors.toArray(new ProducerInterceptor<?, ?>[0]));
    }

    public boolean isEmpty() {
        return chain.length == 0;
    }

    /** The record to send: the last successful interceptor's result, or {@code record} itself. */
    public ProducerRecord<K, V> onSend(ProducerRecord<K, V> record) {
        ProducerRecord<K, V> current = record;
        for (ProducerInterceptor<K, V> interceptor : chain) {
            try {
                ProducerRecord<K, V> next = interceptor.onSend(current);
                if (next == null) {
                    LOG.log(Level.WARNING, "Interceptor " + describe(interceptor) + " returned no record for topic "
                            + current.topic() + "; the record is sent as it was before that interceptor");
                } else {
                    current = next;
                }
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Interceptor " + describe(interceptor) + " failed in onSend for topic "
                        + current.topic() + "; the record is sent as it was before that interceptor", e);
            }
        }
        return current;
    }

    /**
     * The callback to give the send path for this (intercepted) record: the user's own when there are no
     * interceptors, else one that tells every interceptor of the outcome first.
     *
     * @param callback the user's callback, possibly null
     */
    public Callback acknowledging(ProducerRecord<K, V> record, Callback callback) {
        return chain.length == 0 ? callback : new AcknowledgingCallback(this, record, callback);
    }

    void onAcknowledgement(RecordMetadata metadata, Exception error, Headers headers) {
        for (ProducerInterceptor<K, V> interceptor : chain) {
            try {
                if (interceptor instanceof AcknowledgementWithHeaders withHeaders) {
                    withHeaders.onAcknowledgement(metadata, error, headers);
                } else {
                    interceptor.onAcknowledgement(metadata, error);
                }
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Interceptor " + describe(interceptor) + " failed in onAcknowledgement for "
                        + metadata.topic() + "-" + metadata.partition() + "; ignored", e);
            }
        }
    }

    /** Closes every interceptor, each even when another throws. */
    @Override
    public void close() {
        for (ProducerInterceptor<K, V> interceptor : chain) {
            closeQuietly(interceptor);
        }
    }

    static void closeQuietly(ProducerInterceptor<?, ?> interceptor) {
        try {
            interceptor.close();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Interceptor " + describe(interceptor) + " failed to close", e);
        }
    }

    private static String describe(ProducerInterceptor<?, ?> interceptor) {
        // Adapters name the kafka-clients class they run.
        return interceptor.getClass().getName().startsWith("dev.quill.producer.internal.")
                ? interceptor.toString() : interceptor.getClass().getName();
    }
}
