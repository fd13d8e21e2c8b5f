package dev.quill.producer.errors;

/**
 * The current transaction cannot commit: a record of it failed, a request timed out, or the coordinator aborted it
 * (for example after {@code transaction.timeout.ms}). The cause says what happened. Call {@code abortTransaction()};
 * the producer then starts the next transaction normally.
 */
public class TransactionAbortableException extends ProducerException {

    public TransactionAbortableException(String message, Throwable cause) {
        super(message, cause, cause instanceof ProducerException p ? p.brokerError().orElse(null) : null);
    }
}
