package dev.quill.spring;

import java.time.Duration;

import dev.quill.producer.ProducerRecord;
import dev.quill.producer.RecordMetadata;

/**
 * Told about the outcome of every send made through a {@link ProducerTemplate}, whatever the send mode
 * (including {@code sendAndForget}). Declare one as a bean and the auto-configured template calls it.
 *
 * <p>Runs on the producer's I/O thread: keep it short, and never block in it, or every other send of the
 * producer waits. An exception thrown here is logged and otherwise ignored; it does not change the send's
 * result.
 *
 * @param <K> key type
 * @param <V> value type
 */
public interface ProducerListener<K, V> {

    /** The brokers acknowledged the record. */
    default void onSuccess(ProducerRecord<K, V> record, RecordMetadata metadata) {
    }

    /** The record was not delivered; {@code error} is usually a {@code dev.quill.producer.errors.ProducerException}. */
    default void onError(ProducerRecord<K, V> record, Throwable error) {
    }

    /**
     * Called once per send, with the time from the template's {@code send} call to the outcome. The default
     * dispatches to {@link #onSuccess} or {@link #onError}; override it when the elapsed time matters (metrics).
     *
     * @param metadata null when the send failed
     * @param error null when the send succeeded
     */
    default void onCompletion(ProducerRecord<K, V> record, RecordMetadata metadata, Throwable error, Duration elapsed) {
        if (error == null) {
            onSuccess(record, metadata);
        } else {
            onError(record, error);
        }
    }
}
