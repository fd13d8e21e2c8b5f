package dev.quill.producer.internal.transaction;

import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import dev.quill.producer.ConsumedOffset;
import dev.quill.producer.GroupMetadata;
import dev.quill.producer.TransactionStatus;
import dev.quill.producer.errors.ProducerException;
import dev.quill.producer.errors.TransactionAbortableException;
import dev.quill.producer.errors.TransactionAbortedException;

/**
 * A transactional producer's state and the results its callers wait for. The application's threads move it
 * ({@code begin}, {@code commit}, ...); the I/O thread carries out what that asks of the coordinator and reports
 * back through the methods marked as its own. Every method is thread-safe; none blocks.
 *
 * <p>A call made in the wrong state throws {@link IllegalStateException} naming the state. A call that finds the
 * producer failed for good returns (or throws) that failure, which names the transactional id.
 */
public final class TransactionManager {

    private final String transactionalId;
    private final int transactionTimeoutMs;
    private final Runnable wakeup;
    private final Runnable commitStarted;
    private final Runnable commitOver;

    private volatile TransactionState state = TransactionState.UNINITIALIZED;
    /** Why the state is ABORTABLE_ERROR or FATAL_ERROR. */
    private ProducerException error;
    private CompletableFuture<Void> initResult;
    /** The result of the commit or abort under way. */
    private CompletableFuture<Void> endResult;
    private final ArrayDeque<OffsetCommit> offsetCommits = new ArrayDeque<>();
    private long beganNanos;
    private final AtomicLong committed = new AtomicLong();
    private final AtomicLong aborted = new AtomicLong();
    private final AtomicLong totalMicros = new AtomicLong();
    private volatile String coordinator;
    private final List<TransactionListener> listeners = new CopyOnWriteArrayList<>();

    /**
     * @param wakeup gets the I/O thread to act on a new request at once
     * @param commitStarted a commit began: buffered records should go out without lingering
     * @param commitOver the commit ended, either way
     */
    public TransactionManager(String transactionalId, int transactionTimeoutMs, Runnable wakeup,
                              Runnable commitStarted, Runnable commitOver) {
        this.transactionalId = transactionalId;
        this.transactionTimeoutMs = transactionTimeoutMs;
        this.wakeup = wakeup;
        this.commitStarted = commitStarted;
        this.commitOver = commitOver;
    }

    public String transactionalId() {
        return transactionalId;
    }

    public int transactionTimeoutMs() {
        return transactionTimeoutMs;
    }

    public TransactionState state() {
        return state;
    }

    public long committedCount() {
        return committed.get();
    }

    public long abortedCount() {
        return aborted.get();
    }

    /** The I/O thread found the transaction coordinator at {@code address} ({@code host:port}), or lost it (null). */
    public void coordinatorFound(String address) {
        coordinator = address;
    }

    public synchronized TransactionStatus status() {
        TransactionState current = state;
        boolean failed = current == TransactionState.ABORTABLE_ERROR || current == TransactionState.FATAL_ERROR;
        return new TransactionStatus(transactionalId, current.name(), coordinator, committed.get(), aborted.get(),
                totalMicros.get(), failed && error != null ? error.getMessage() : null);
    }

    public void addListener(TransactionListener listener) {
        listeners.add(listener);
    }

    // ---- the application's calls --------------------------------------------------------------------

    /** Registers the id with its coordinator; calling it again while that runs returns the same result. */
    public synchronized CompletableFuture<Void> initTransactions() {
        if (state == TransactionState.INITIALIZING) {
            return initResult;
        }
        checkNotFatal();
        require("initTransactions()", TransactionState.UNINITIALIZED);
        state = TransactionState.INITIALIZING;
        initResult = new CompletableFuture<>();
        wakeup.run();
        return initResult;
    }

    public synchronized void beginTransaction() {
        checkNotFatal();
        require("beginTransaction()", TransactionState.READY);
        state = TransactionState.IN_TRANSACTION;
        beganNanos = System.nanoTime();
    }

    /**
     * Starts committing: the I/O thread sends what is buffered, then ends the transaction. While the commit runs,
     * calling this again returns the same result; after an abortable error it fails and the transaction must be
     * aborted.
     */
    public synchronized CompletableFuture<Void> commit() {
        if (state == TransactionState.COMMITTING) {
            return endResult;
        }
        checkNotFatal();
        if (state == TransactionState.ABORTABLE_ERROR) {
            return CompletableFuture.failedFuture(abortable("Cannot commit"));
        }
        require("commitTransaction()", TransactionState.IN_TRANSACTION);
        return startEnding(TransactionState.COMMITTING);
    }

    /** Starts aborting: records not sent yet fail, and the coordinator discards what was written. */
    public synchronized CompletableFuture<Void> abort() {
        if (state == TransactionState.ABORTING) {
            return endResult;
        }
        checkNotFatal();
        if (state == TransactionState.COMMITTING) {
            throw new IllegalStateException("Cannot abort transaction of '" + transactionalId + "': a commit is under "
                    + "way; call commitTransaction() again to wait for its outcome");
        }
        require("abortTransaction()", TransactionState.IN_TRANSACTION, TransactionState.ABORTABLE_ERROR);
        return startEnding(TransactionState.ABORTING);
    }

    private CompletableFuture<Void> startEnding(TransactionState ending) {
        if (ending == TransactionState.COMMITTING) {
            commitStarted.run();
        }
        state = ending;
        endResult = new CompletableFuture<>();
        wakeup.run();
        return endResult;
    }

    /** Queues offsets to commit with the open transaction. */
    public synchronized CompletableFuture<Void> sendOffsets(List<ConsumedOffset> offsets, GroupMetadata group) {
        checkNotFatal();
        if (state == TransactionState.ABORTABLE_ERROR) {
            return CompletableFuture.failedFuture(abortable("Cannot send offsets to"));
        }
        require("sendOffsetsToTransaction()", TransactionState.IN_TRANSACTION);
        OffsetCommit commit = new OffsetCommit(List.copyOf(offsets), group, new CompletableFuture<>());
        if (offsets.isEmpty()) {
            commit.result().complete(null);
        } else {
            offsetCommits.add(commit);
            wakeup.run();
        }
        return commit.result();
    }

    /**
     * Whether a record may join the transaction now. Returns null when it may, or the failure that refuses it
     * (an earlier error); throws when no transaction is open, which is the caller's mistake.
     */
    public ProducerException checkSend(String topic) {
        TransactionState current = state;
        if (current == TransactionState.IN_TRANSACTION) {
            return null;
        }
        synchronized (this) {
            if (state == TransactionState.ABORTABLE_ERROR) {
                return abortable("Cannot send to topic " + topic + " in");
            }
            if (state == TransactionState.FATAL_ERROR) {
                return error;
            }
            if (state != TransactionState.IN_TRANSACTION) {
                throw new IllegalStateException("Cannot send to topic " + topic + ": transactional producer '"
                        + transactionalId + "' is " + state + "; " + (state == TransactionState.UNINITIALIZED
                        ? "call initTransactions() and beginTransaction() first" : "call beginTransaction() first"));
            }
            return null;
        }
    }

    // ---- the I/O thread's side ------------------------------------------------------------------------

    /** The producer id is registered: transactions may begin. */
    public synchronized void initialized() {
        if (state == TransactionState.INITIALIZING) {
            state = TransactionState.READY;
            initResult.complete(null);
        }
    }

    /** The next offsets to commit, left queued until {@link #offsetsDone}. */
    public synchronized OffsetCommit nextOffsetCommit() {
        return state == TransactionState.IN_TRANSACTION || state == TransactionState.COMMITTING
                ? offsetCommits.peekFirst() : null;
    }

    /** The offsets were added to the transaction (or failed, with the transaction then abortable). */
    public synchronized void offsetsDone(OffsetCommit commit, ProducerException failure) {
        offsetCommits.remove(commit);
        if (failure == null) {
            commit.result().complete(null);
        } else {
            commit.result().completeExceptionally(failure);
        }
    }

    public synchronized boolean hasOffsetsToCommit() {
        return !offsetCommits.isEmpty();
    }

    /** The coordinator ended the transaction (or there was nothing to end): the next may begin. */
    public void transactionEnded() {
        CompletableFuture<Void> result;
        boolean wasCommit;
        long micros;
        synchronized (this) {
            if (state != TransactionState.COMMITTING && state != TransactionState.ABORTING) {
                return;
            }
            wasCommit = state == TransactionState.COMMITTING;
            moveTo(TransactionState.READY);
            micros = (System.nanoTime() - beganNanos) / 1000;
            (wasCommit ? committed : aborted).incrementAndGet();
            totalMicros.addAndGet(micros);
            error = null;
            result = endResult;
        }
        for (TransactionListener listener : listeners) {
            listener.onTransactionEnded(wasCommit, micros);
        }
        result.complete(null);
    }

    /**
     * Something the transaction needed failed: a record, an offset commit, a coordinator request. A fatal error
     * ends every transactional call for good; any other makes the transaction abortable, failing a commit under
     * way. Errors while aborting leave the abort to go on: it will fail or succeed by itself.
     */
    public void fail(ProducerException cause, boolean fatal) {
        CompletableFuture<Void> failed = null;
        ProducerException failure;
        synchronized (this) {
            if (state == TransactionState.FATAL_ERROR) {
                return;
            }
            if (fatal) {
                error = cause;
                failure = cause;
                failed = state == TransactionState.INITIALIZING ? initResult
                        : state == TransactionState.COMMITTING || state == TransactionState.ABORTING ? endResult : null;
                moveTo(TransactionState.FATAL_ERROR);
                offsetCommits.forEach(c -> c.result().completeExceptionally(cause));
                offsetCommits.clear();
            } else if (state == TransactionState.IN_TRANSACTION || state == TransactionState.COMMITTING) {
                error = cause;
                failure = abortable("Cannot commit");
                if (state == TransactionState.COMMITTING) {
                    failed = endResult;
                }
                moveTo(TransactionState.ABORTABLE_ERROR);
                offsetCommits.forEach(c -> c.result().completeExceptionally(failure));
                offsetCommits.clear();
            } else if (state == TransactionState.INITIALIZING) {
                failure = cause;
                failed = initResult;
                state = TransactionState.UNINITIALIZED;
            } else {
                return;
            }
        }
        if (failed != null) {
            failed.completeExceptionally(failure);
        }
    }

    /**
     * A record of the transaction failed: the transaction cannot commit (or, for fencing and authorization, no
     * transaction can any more). Failures caused by the transaction's own abort change nothing.
     */
    public void recordFailed(ProducerException error) {
        if (!(error instanceof TransactionAbortedException)) {
            fail(error, TransactionErrors.isFatal(error));
        }
    }

    /** The error that ended transactions for good, or null. */
    public synchronized ProducerException fatalError() {
        return state == TransactionState.FATAL_ERROR ? error : null;
    }

    /** Whether records still buffered for the transaction must fail instead of being sent. */
    public boolean abortsBuffered() {
        TransactionState current = state;
        return current == TransactionState.ABORTING || current == TransactionState.ABORTABLE_ERROR;
    }

    /** The failure of a record still buffered when its transaction was aborted. */
    public synchronized TransactionAbortedException abortedRecordError() {
        return new TransactionAbortedException("The transaction of '" + transactionalId + "' was aborted "
                + (error == null ? "by abortTransaction()" : "after an earlier failure: " + error.getMessage())
                + "; the record was not sent", error);
    }

    /** A commit or an abort waits for the buffered records and then for the coordinator. */
    public boolean isEnding() {
        TransactionState current = state;
        return current == TransactionState.COMMITTING || current == TransactionState.ABORTING;
    }

    public boolean isCommitting() {
        return state == TransactionState.COMMITTING;
    }

    private void moveTo(TransactionState next) {
        if (state == TransactionState.COMMITTING) {
            commitOver.run();
        }
        state = next;
    }

    private void checkNotFatal() {
        if (state == TransactionState.FATAL_ERROR) {
            throw error;
        }
    }

    private TransactionAbortableException abortable(String what) {
        return new TransactionAbortableException(what + " transaction of '" + transactionalId + "': "
                + (error == null ? "it failed" : error.getMessage()) + "; call abortTransaction() to go on", error);
    }

    private void require(String call, TransactionState... allowed) {
        for (TransactionState s : allowed) {
            if (state == s) {
                return;
            }
        }
        String hint = switch (state) {
            case UNINITIALIZED -> "; call initTransactions() first";
            case INITIALIZING -> "; initTransactions() has not finished: call it again to wait for it";
            case READY -> "; call beginTransaction() first";
            case IN_TRANSACTION -> "; commit or abort the open transaction first";
            case COMMITTING -> "; a commit is under way: call commitTransaction() again to wait for it";
            case ABORTING -> "; an abort is under way: call abortTransaction() again to wait for it";
            case ABORTABLE_ERROR -> "; the transaction failed: call abortTransaction()";
            case FATAL_ERROR -> "";
        };
        throw new IllegalStateException("Cannot call " + call + ": transactional producer '" + transactionalId
                + "' is " + state + hint);
    }
}
