package dev.quill.producer.errors;

/**
 * The record was part of a transaction that was aborted before the record reached a broker, by
 * {@code abortTransaction()} or because an earlier failure left the transaction unable to commit; the cause says
 * which. Nothing of the transaction becomes visible to {@code read_committed} consumers.
 */
public class TransactionAbortedException extends ProducerException {

    public TransactionAbortedException(String message, Throwable cause) {
        super(message, cause);
    }
}
