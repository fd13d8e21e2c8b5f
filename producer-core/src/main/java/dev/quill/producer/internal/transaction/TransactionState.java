package dev.quill.producer.internal.transaction;

/** Where a transactional producer stands, as kafka-clients names the states. */
public enum TransactionState {
    /** {@code initTransactions()} not called yet. */
    UNINITIALIZED,
    /** Registering the transactional id with its coordinator. */
    INITIALIZING,
    /** Between transactions. */
    READY,
    IN_TRANSACTION,
    /** Sending what is left, then asking the coordinator to commit. */
    COMMITTING,
    /** Failing what is left unsent, then asking the coordinator to abort. */
    ABORTING,
    /** Something the transaction needed failed: it can only be aborted. */
    ABORTABLE_ERROR,
    /** Fenced, unauthorized or refused for good: the producer must be closed. */
    FATAL_ERROR
}
