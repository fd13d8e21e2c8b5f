package dev.quill.producer.internal.transaction;

import dev.quill.producer.errors.ProducerException;
import dev.quill.producer.internal.accumulator.FailureObserver;
import dev.quill.producer.internal.accumulator.ProducerBatch;

/**
 * Passes record failures on, and makes the open transaction unable to commit when one of its records failed: a
 * transaction commits all of its records or none, so one that failed anywhere (a serializer, the buffer, a codec,
 * a broker) must end in an abort.
 */
public final class TransactionalFailures implements FailureObserver {

    private final FailureObserver next;
    private final TransactionManager transactions;

    public TransactionalFailures(FailureObserver next, TransactionManager transactions) {
        this.next = next;
        this.transactions = transactions;
    }

    @Override
    public void batchFailed(ProducerBatch batch, ProducerException error) {
        next.batchFailed(batch, error);
        transactions.recordFailed(error);
    }

    @Override
    public void recordFailed(String topic, ProducerException error) {
        next.recordFailed(topic, error);
        transactions.recordFailed(error);
    }
}
