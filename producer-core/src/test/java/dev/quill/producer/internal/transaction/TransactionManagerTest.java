package dev.quill.producer.internal.transaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import dev.quill.producer.ConsumedOffset;
import dev.quill.producer.GroupMetadata;
import dev.quill.producer.errors.Errors;
import dev.quill.producer.errors.ProducerException;
import dev.quill.producer.errors.ProducerFencedException;
import dev.quill.producer.errors.TransactionAbortableException;

/** The state machine alone: what each call does in each state, with the I/O thread's side played by the test. */
class TransactionManagerTest {

    private final AtomicInteger flushes = new AtomicInteger();
    private final TransactionManager manager = new TransactionManager("orders-tx", 60_000, () -> { },
            flushes::incrementAndGet, flushes::decrementAndGet);

    private void ready() {
        manager.initTransactions();
        manager.initialized();
    }

    @Test
    void aRepeatedCallWhileTheFirstRunsWaitsForTheSameResult() {
        CompletableFuture<Void> init = manager.initTransactions();
        assertThat(manager.initTransactions()).isSameAs(init);
        manager.initialized();
        assertThat(init).isCompleted();

        manager.beginTransaction();
        CompletableFuture<Void> commit = manager.commit();
        assertThat(manager.commit()).isSameAs(commit);
        assertThat(flushes).hasValue(1);
        assertThatThrownBy(manager::abort).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("a commit is under way");
        manager.transactionEnded();
        assertThat(commit).isCompleted();
        assertThat(flushes).as("the commit's flush ended").hasValue(0);
        assertThat(manager.committedCount()).isEqualTo(1);
    }

    @Test
    void aFailedRecordMakesTheTransactionAbortableAndTheNextOneWorks() {
        ready();
        manager.beginTransaction();
        manager.fail(Errors.NOT_ENOUGH_REPLICAS.exception("Failed to produce to orders-0"), false);

        assertThat(manager.commit()).failsWithin(java.time.Duration.ZERO).withThrowableThat()
                .havingCause().isInstanceOf(TransactionAbortableException.class)
                .withMessageContaining("orders-tx").withMessageContaining("Failed to produce to orders-0")
                .withMessageContaining("abortTransaction()");
        assertThat(manager.checkSend("orders")).isInstanceOf(TransactionAbortableException.class);
        assertThat(manager.sendOffsets(List.of(new ConsumedOffset("in", 0, 1)), GroupMetadata.of("g")))
                .isCompletedExceptionally();

        CompletableFuture<Void> abort = manager.abort();
        assertThat(manager.abortsBuffered()).isTrue();
        assertThat(manager.abortedRecordError()).hasMessageContaining("after an earlier failure");
        manager.transactionEnded();
        assertThat(abort).isCompleted();
        manager.beginTransaction();
        assertThat(manager.checkSend("orders")).isNull();
    }

    @Test
    void aFailureDuringTheCommitFailsTheCommit() {
        ready();
        manager.beginTransaction();
        CompletableFuture<Void> commit = manager.commit();
        manager.fail(new ProducerException("request timed out"), false);
        assertThat(commit).isCompletedExceptionally();
        assertThat(manager.state()).isEqualTo(TransactionState.ABORTABLE_ERROR);
        assertThat(flushes).hasValue(0);
    }

    @Test
    void aFatalErrorEndsEveryLaterCall() {
        ready();
        manager.beginTransaction();
        ProducerFencedException fenced = new ProducerFencedException("fenced: orders-tx", null, Errors.PRODUCER_FENCED);
        manager.fail(fenced, true);

        assertThatThrownBy(manager::commit).isSameAs(fenced);
        assertThatThrownBy(manager::abort).isSameAs(fenced);
        assertThatThrownBy(manager::beginTransaction).isSameAs(fenced);
        assertThat(manager.checkSend("orders")).isSameAs(fenced);
        assertThat(manager.fatalError()).isSameAs(fenced);
    }

    @Test
    void misuseNamesTheStateAndWhatToDo() {
        assertThatThrownBy(() -> manager.checkSend("orders")).isInstanceOf(IllegalStateException.class)
                .hasMessage("Cannot send to topic orders: transactional producer 'orders-tx' is UNINITIALIZED; "
                        + "call initTransactions() and beginTransaction() first");
        ready();
        assertThatThrownBy(manager::commit).isInstanceOf(IllegalStateException.class)
                .hasMessage("Cannot call commitTransaction(): transactional producer 'orders-tx' is READY; "
                        + "call beginTransaction() first");
        manager.beginTransaction();
        assertThatThrownBy(manager::beginTransaction).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("IN_TRANSACTION; commit or abort the open transaction first");
        assertThatThrownBy(manager::initTransactions).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("initTransactions()");
    }

    @Test
    void aFailedInitCanBeCalledAgain() {
        CompletableFuture<Void> first = manager.initTransactions();
        manager.fail(new ProducerException("no coordinator"), false);
        assertThat(first).isCompletedExceptionally();
        CompletableFuture<Void> second = manager.initTransactions();
        assertThat(second).isNotSameAs(first).isNotDone();
    }
}
