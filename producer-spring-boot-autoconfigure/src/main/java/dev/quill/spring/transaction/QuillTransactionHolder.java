package dev.quill.spring.transaction;

import org.springframework.transaction.support.ResourceHolderSupport;

import dev.quill.producer.TransactionalProducer;
import dev.quill.producer.errors.TransactionAbortableException;

/**
 * A Kafka transaction bound to a thread: the producer taken from the pool for it, and whether that producer can go
 * back to the pool when the transaction is over.
 */
final class QuillTransactionHolder<K, V> extends ResourceHolderSupport {

    private final TransactionalProducerPool<K, V> pool;
    private final TransactionalProducerPool.Lease<K, V> lease;
    private boolean reusable = true;
    private boolean ended;

    private QuillTransactionHolder(TransactionalProducerPool<K, V> pool, TransactionalProducerPool.Lease<K, V> lease) {
        this.pool = pool;
        this.lease = lease;
    }

    /** Takes a producer from the pool and begins a transaction on it. */
    static <K, V> QuillTransactionHolder<K, V> begin(TransactionalProducerPool<K, V> pool) {
        TransactionalProducerPool.Lease<K, V> lease = pool.acquire();
        QuillTransactionHolder<K, V> holder = new QuillTransactionHolder<>(pool, lease);
        try {
            lease.producer().beginTransaction();
        } catch (RuntimeException e) {
            holder.reusable = false;
            holder.release();
            throw e;
        }
        return holder;
    }

    TransactionalProducer<K, V> producer() {
        return lease.producer();
    }

    String transactionalId() {
        return pool.prefix() + lease.number();
    }

    /**
     * Commits. An abortable failure leaves the transaction to be aborted by the caller; any other failure means the
     * producer's state is unknown or fatal, so it is not reused.
     */
    void commit() {
        try {
            lease.producer().commitTransaction();
            ended = true;
        } catch (TransactionAbortableException e) {
            throw e;
        } catch (RuntimeException e) {
            reusable = false;
            ended = true;
            throw e;
        }
    }

    void abort() {
        if (ended) {
            return;
        }
        ended = true;
        try {
            lease.producer().abortTransaction();
        } catch (RuntimeException e) {
            reusable = false;
            throw e;
        }
    }

    boolean isEnded() {
        return ended;
    }

    void release() {
        pool.release(lease, reusable && ended);
    }
}
