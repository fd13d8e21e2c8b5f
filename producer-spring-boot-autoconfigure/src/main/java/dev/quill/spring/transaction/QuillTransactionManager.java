package dev.quill.spring.transaction;

import org.jspecify.annotations.Nullable;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.AbstractPlatformTransactionManager;
import org.springframework.transaction.support.DefaultTransactionStatus;
import org.springframework.transaction.support.ResourceTransactionManager;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Runs Spring-managed transactions ({@code @Transactional}, {@code TransactionTemplate}) as Kafka transactions: each
 * takes a producer from the {@link TransactionalProducerPool}, and every {@code ProducerTemplate} send on that thread
 * joins it until it commits or rolls back. Rolling back aborts: nothing sent becomes visible to
 * {@code read_committed} consumers.
 *
 * <p>The producer goes back to the pool afterwards, unless its transaction failed other than abortably (fenced,
 * unauthorized, timed out): then it is closed and the next transaction gets a new one.
 */
public final class QuillTransactionManager extends AbstractPlatformTransactionManager
        implements ResourceTransactionManager {

    private final TransactionalProducerPool<?, ?> pool;

    public QuillTransactionManager(TransactionalProducerPool<?, ?> pool) {
        this.pool = pool;
    }

    @Override
    public Object getResourceFactory() {
        return pool;
    }

    @Override
    protected Object doGetTransaction() {
        return new TransactionObject((QuillTransactionHolder<?, ?>) TransactionSynchronizationManager.getResource(pool));
    }

    @Override
    protected boolean isExistingTransaction(Object transaction) {
        return ((TransactionObject) transaction).holder != null;
    }

    @Override
    protected void doBegin(Object transaction, TransactionDefinition definition) {
        QuillTransactionHolder<?, ?> holder = QuillTransactionHolder.begin(pool);
        holder.setSynchronizedWithTransaction(true);
        ((TransactionObject) transaction).holder = holder;
        TransactionSynchronizationManager.bindResource(pool, holder);
    }

    @Override
    protected Object doSuspend(Object transaction) {
        ((TransactionObject) transaction).holder = null;
        return TransactionSynchronizationManager.unbindResource(pool);
    }

    @Override
    protected void doResume(@Nullable Object transaction, Object suspendedResources) {
        TransactionSynchronizationManager.bindResource(pool, suspendedResources);
    }

    @Override
    protected void doCommit(DefaultTransactionStatus status) {
        holder(status).commit();
    }

    @Override
    protected void doRollback(DefaultTransactionStatus status) {
        holder(status).abort();
    }

    @Override
    protected void doSetRollbackOnly(DefaultTransactionStatus status) {
        holder(status).setRollbackOnly();
    }

    @Override
    protected void doCleanupAfterCompletion(Object transaction) {
        TransactionObject object = (TransactionObject) transaction;
        TransactionSynchronizationManager.unbindResourceIfPossible(pool);
        if (object.holder != null) {
            object.holder.release();
        }
    }

    private static QuillTransactionHolder<?, ?> holder(DefaultTransactionStatus status) {
        return ((TransactionObject) status.getTransaction()).holder;
    }

    private static final class TransactionObject {

        @Nullable QuillTransactionHolder<?, ?> holder;

        TransactionObject(@Nullable QuillTransactionHolder<?, ?> holder) {
            this.holder = holder;
        }
    }
}
