package dev.quill.producer;

import java.util.Collection;
import java.util.concurrent.CompletableFuture;

import dev.quill.producer.errors.ProducerFencedException;
import dev.quill.producer.errors.TransactionAbortableException;
import dev.quill.producer.errors.TransactionTimeoutException;

/**
 * A producer that writes in transactions: the records sent between {@link #beginTransaction()} and
 * {@link #commitTransaction()}, and the consumer offsets added with {@link #sendOffsetsToTransaction}, become
 * visible to {@code read_committed} consumers together, or not at all. Needs {@code transactional.id}; the methods
 * are named as in kafka-clients, so that code ports line by line.
 *
 * <pre>{@code
 * producer.initTransactions();
 * producer.beginTransaction();
 * producer.send(new ProducerRecord<>("orders", key, order));
 * producer.send(new ProducerRecord<>("audit", key, entry));
 * producer.commitTransaction();
 * }</pre>
 *
 * <p>Failures come in three kinds:
 * <ul>
 * <li>Fatal ({@link ProducerFencedException}: another producer took the transactional id; authorization refused;
 *     the broker too old): every later transactional call throws the same error; close the producer.</li>
 * <li>Abortable ({@link TransactionAbortableException}: a record failed, a request timed out, the coordinator
 *     aborted the transaction after {@code transaction.timeout.ms}): call {@link #abortTransaction()}, then go on
 *     with the next transaction.</li>
 * <li>Misuse ({@link IllegalStateException}, naming the state): sending outside a transaction, committing without
 *     beginning.</li>
 * </ul>
 *
 * <p>The blocking methods wait at most {@code max.block.ms} and then throw {@link TransactionTimeoutException}; the
 * operation goes on, and calling the same method again waits for it. Each has a non-blocking variant returning a
 * {@link CompletableFuture}, which completes on the producer's I/O thread.
 *
 * @param <K> key type
 * @param <V> value type
 */
public interface TransactionalProducer<K, V> extends Producer<K, V> {

    /**
     * Registers {@code transactional.id} with its coordinator. This fences any older producer with the same id; if
     * that one left a transaction open, the coordinator aborts it first. Call once, before the first transaction.
     */
    default void initTransactions() {
        TransactionCalls.await(initTransactionsAsync(), "initTransactions()", config().maxBlockMs());
    }

    CompletableFuture<Void> initTransactionsAsync();

    /** Opens a transaction; sends until the commit or abort belong to it. Local: sends nothing to the brokers. */
    void beginTransaction();

    /**
     * Adds a consumer group's offsets to the open transaction: the group's committed offsets move to these when
     * the transaction commits, and stay where they were if it aborts. This is how a consume–transform–produce loop
     * processes each input record exactly once.
     */
    default void sendOffsetsToTransaction(Collection<ConsumedOffset> offsets, GroupMetadata group) {
        TransactionCalls.await(sendOffsetsToTransactionAsync(offsets, group), "sendOffsetsToTransaction()",
                config().maxBlockMs());
    }

    CompletableFuture<Void> sendOffsetsToTransactionAsync(Collection<ConsumedOffset> offsets, GroupMetadata group);

    /**
     * Sends every record of the transaction, then commits it. Throws {@link TransactionAbortableException} when
     * something of the transaction failed; then abort it.
     */
    default void commitTransaction() {
        TransactionCalls.await(commitTransactionAsync(), "commitTransaction()", config().maxBlockMs());
    }

    CompletableFuture<Void> commitTransactionAsync();

    /**
     * Aborts the open transaction: records not sent yet fail with
     * {@link dev.quill.producer.errors.TransactionAbortedException}, and what was written stays invisible to
     * {@code read_committed} consumers.
     */
    default void abortTransaction() {
        TransactionCalls.await(abortTransactionAsync(), "abortTransaction()", config().maxBlockMs());
    }

    CompletableFuture<Void> abortTransactionAsync();

    /** Where the producer stands: its state, coordinator and counts; sends nothing. */
    TransactionStatus transactionStatus();
}
