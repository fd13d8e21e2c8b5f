package dev.quill.producer.internal.accumulator;

import dev.quill.producer.errors.ProducerException;

/** Told of records that fail inside the accumulator, so that failure counters miss none. */
public interface FailureObserver {

    void batchFailed(ProducerBatch batch, ProducerException error);

    void recordFailed(String topic, ProducerException error);
}
