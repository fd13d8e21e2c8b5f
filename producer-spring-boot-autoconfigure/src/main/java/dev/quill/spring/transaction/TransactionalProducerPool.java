package dev.quill.spring.transaction;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.quill.producer.TransactionStatus;
import dev.quill.producer.TransactionalProducer;

/**
 * Transactional producers for concurrent transactions, one per transaction at a time, each with its own
 * {@code transactional.id}: {@code <prefix><n>}, {@code n} counting from 0. A transaction takes the producer with
 * the lowest free {@code n}, so the same ids come back after a restart and a restarted instance fences the producers
 * its predecessor left behind. Producers stay open between transactions; at most {@code maxSize} exist.
 *
 * <p>Thread-safe. Closing the pool closes every producer it made.
 *
 * @param <K> key type
 * @param <V> value type
 */
public final class TransactionalProducerPool<K, V> implements AutoCloseable {

    private static final Log LOG = LogFactory.getLog(TransactionalProducerPool.class);

    private final String prefix;
    private final int maxSize;
    private final Function<String, TransactionalProducer<K, V>> factory;
    private final Map<Integer, TransactionalProducer<K, V>> idle = new HashMap<>();
    /** Numbers taken by a transaction, or reserved while their producer starts. */
    private final BitSet inUse = new BitSet();
    private final Map<Integer, TransactionalProducer<K, V>> all = new HashMap<>();
    private boolean closed;
    /** What the producers closed so far did, so that replacing a producer does not reset the counts. */
    private long retiredCommitted;
    private long retiredAborted;
    private long retiredTimeMicros;

    /**
     * @param factory makes a producer with the given {@code transactional.id}; the pool calls
     *                {@code initTransactions()} on it
     */
    public TransactionalProducerPool(String prefix, int maxSize, Function<String, TransactionalProducer<K, V>> factory) {
        if (prefix == null || prefix.isBlank()) {
            throw new IllegalArgumentException("the transactional id prefix must not be empty");
        }
        if (maxSize < 1) {
            throw new IllegalArgumentException("quill.producer.transaction-pool-size must be at least 1, was " + maxSize);
        }
        this.prefix = prefix;
        this.maxSize = maxSize;
        this.factory = Objects.requireNonNull(factory, "factory");
    }

    public String prefix() {
        return prefix;
    }

    public int maxSize() {
        return maxSize;
    }

    /**
     * A producer for one transaction, ready for {@code beginTransaction()}; hand it back with {@link #release}.
     *
     * @throws IllegalStateException when {@code maxSize} transactions are open already
     */
    public Lease<K, V> acquire() {
        int n;
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("The transactional producer pool '" + prefix + "' is closed");
            }
            n = inUse.nextClearBit(0);
            if (n >= maxSize) {
                throw new IllegalStateException("All " + maxSize + " transactional producers ('" + prefix + "0' to '"
                        + prefix + (maxSize - 1) + "') are in use by open transactions; raise "
                        + "quill.producer.transaction-pool-size, or keep transactions shorter");
            }
            inUse.set(n);
            TransactionalProducer<K, V> ready = idle.remove(n);
            if (ready != null) {
                return new Lease<>(n, ready);
            }
        }
        // Registering the id with its coordinator takes a round trip or more: not under the pool's lock.
        TransactionalProducer<K, V> producer;
        try {
            producer = factory.apply(prefix + n);
            producer.initTransactions();
        } catch (RuntimeException e) {
            synchronized (this) {
                inUse.clear(n);
            }
            throw e;
        }
        synchronized (this) {
            all.put(n, producer);
        }
        return new Lease<>(n, producer);
    }

    /**
     * Takes a producer back. One whose transaction failed other than abortably is closed instead of kept: the next
     * transaction with its number gets a new producer, which fences whatever is left of this one.
     */
    public void release(Lease<K, V> lease, boolean reusable) {
        boolean close;
        synchronized (this) {
            close = closed || !reusable;
            if (close) {
                all.remove(lease.number());
                TransactionStatus status = lease.producer().transactionStatus();
                retiredCommitted += status.committed();
                retiredAborted += status.aborted();
                retiredTimeMicros += status.totalTimeMicros();
            } else {
                idle.put(lease.number(), lease.producer());
            }
            inUse.clear(lease.number());
        }
        if (close) {
            if (!reusable) {
                LOG.warn("Closing transactional producer '" + prefix + lease.number() + "' after a failed "
                        + "transaction; the next transaction with this id gets a new producer");
            }
            lease.producer().close();
        }
    }

    /** Producers made so far, in use or idle. */
    public synchronized int size() {
        return all.size();
    }

    /** Transactions open now, each holding a producer. */
    public synchronized int inUse() {
        return inUse.cardinality();
    }

    /** Counts over every producer the pool made, closed ones included. */
    public synchronized Totals totals() {
        long committed = retiredCommitted;
        long aborted = retiredAborted;
        long micros = retiredTimeMicros;
        for (TransactionalProducer<K, V> producer : all.values()) {
            TransactionStatus status = producer.transactionStatus();
            committed += status.committed();
            aborted += status.aborted();
            micros += status.totalTimeMicros();
        }
        return new Totals(all.size(), inUse.cardinality(), committed, aborted, micros);
    }

    /** The producers made so far, for health and metrics. */
    public synchronized List<TransactionalProducer<K, V>> producers() {
        return new ArrayList<>(all.values());
    }

    @Override
    public void close() {
        List<TransactionalProducer<K, V>> toClose;
        synchronized (this) {
            closed = true;
            toClose = new ArrayList<>(all.values());
            all.clear();
            idle.clear();
        }
        toClose.forEach(TransactionalProducer::close);
    }

    /**
     * @param producers open producers, in use or idle
     * @param inUse transactions open now
     * @param totalTimeMicros time from begin to the coordinator's answer, summed over committed and aborted ones
     */
    public record Totals(int producers, int inUse, long committed, long aborted, long totalTimeMicros) {
    }

    /** A producer taken from the pool, with the number in its transactional id. */
    public record Lease<K, V>(int number, TransactionalProducer<K, V> producer) {
    }
}
