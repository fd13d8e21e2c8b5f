package dev.quill.spring.transaction;

import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import dev.quill.producer.TransactionalProducer;

/**
 * Decides which producer a {@code ProducerTemplate} send goes through when transactions are on: the one of the Kafka
 * transaction bound to the thread ({@link QuillTransactionManager}, {@link #executeInTransaction}); else, inside
 * another Spring-managed transaction (a database one), a Kafka transaction started now and ended with it: committed
 * after it commits, aborted when it rolls back.
 *
 * @param <K> key type
 * @param <V> value type
 */
public final class TransactionalSends<K, V> {

    private static final Log LOG = LogFactory.getLog(TransactionalSends.class);

    private final TransactionalProducerPool<K, V> pool;
    private final boolean allowNonTransactional;

    /** @param allowNonTransactional sends outside any transaction go through the non-transactional producer */
    public TransactionalSends(TransactionalProducerPool<K, V> pool, boolean allowNonTransactional) {
        this.pool = pool;
        this.allowNonTransactional = allowNonTransactional;
    }

    public TransactionalProducerPool<K, V> pool() {
        return pool;
    }

    public boolean allowsNonTransactional() {
        return allowNonTransactional;
    }

    /**
     * The producer of the thread's Kafka transaction, starting one that follows the thread's Spring-managed
     * transaction if there is one; null outside any transaction.
     */
    @SuppressWarnings("unchecked")
    public @Nullable TransactionalProducer<K, V> currentProducer() {
        QuillTransactionHolder<K, V> holder = (QuillTransactionHolder<K, V>) TransactionSynchronizationManager.getResource(pool);
        if (holder != null) {
            return holder.producer();
        }
        if (TransactionSynchronizationManager.isSynchronizationActive()
                && TransactionSynchronizationManager.isActualTransactionActive()) {
            return followOuterTransaction().producer();
        }
        return null;
    }

    /**
     * Runs {@code work} in a Kafka transaction of its own, whatever transaction the thread is in: committed when it
     * returns, aborted when it throws.
     */
    public <T> T executeInTransaction(Supplier<T> work) {
        QuillTransactionHolder<K, V> holder = QuillTransactionHolder.begin(pool);
        Object outer = TransactionSynchronizationManager.unbindResourceIfPossible(pool);
        TransactionSynchronizationManager.bindResource(pool, holder);
        try {
            T result = work.get();
            holder.producer().flush();
            holder.commit();
            return result;
        } catch (RuntimeException | Error e) {
            abortAfterFailure(holder, e);
            throw e;
        } finally {
            TransactionSynchronizationManager.unbindResource(pool);
            if (outer != null) {
                TransactionSynchronizationManager.bindResource(pool, outer);
            }
            holder.release();
        }
    }

    private QuillTransactionHolder<K, V> followOuterTransaction() {
        QuillTransactionHolder<K, V> holder = QuillTransactionHolder.begin(pool);
        holder.setSynchronizedWithTransaction(true);
        TransactionSynchronizationManager.bindResource(pool, holder);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void suspend() {
                TransactionSynchronizationManager.unbindResource(pool);
            }

            @Override
            public void resume() {
                TransactionSynchronizationManager.bindResource(pool, holder);
            }

            @Override
            public void afterCommit() {
                // After the outer transaction's commit: a failure here cannot undo it, but it reaches its caller.
                holder.commit();
            }

            @Override
            public void afterCompletion(int status) {
                try {
                    if (!holder.isEnded()) {
                        holder.abort();
                    }
                } catch (RuntimeException e) {
                    LOG.warn("Could not abort Kafka transaction of '" + holder.transactionalId() + "'", e);
                } finally {
                    TransactionSynchronizationManager.unbindResourceIfPossible(pool);
                    holder.release();
                }
            }
        });
        return holder;
    }

    private static void abortAfterFailure(QuillTransactionHolder<?, ?> holder, Throwable failure) {
        try {
            holder.abort();
        } catch (RuntimeException abortFailure) {
            failure.addSuppressed(abortFailure);
        }
    }
}
