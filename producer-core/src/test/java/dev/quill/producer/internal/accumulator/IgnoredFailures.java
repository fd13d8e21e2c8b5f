package dev.quill.producer.internal.accumulator;

import dev.quill.producer.errors.ProducerException;

/** For accumulator tests that see failures on the records themselves, not through the producer's counters. */
final class IgnoredFailures implements FailureObserver {

    static final FailureObserver INSTANCE = new IgnoredFailures();

    private IgnoredFailures() {
    }

    @Override
    public void batchFailed(ProducerBatch batch, ProducerException error) {
    }

    @Override
    public void recordFailed(String topic, ProducerException error) {
    }
}
