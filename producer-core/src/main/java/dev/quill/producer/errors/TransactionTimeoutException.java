package dev.quill.producer.errors;

/**
 * A blocking transactional call ({@code initTransactions}, {@code commitTransaction}, ...) did not finish within
 * {@code max.block.ms}. The operation goes on in the background: calling the same method again waits for it
 * instead of starting over.
 */
public class TransactionTimeoutException extends RetriableException {

    public TransactionTimeoutException(String message, Throwable cause) {
        super(message, cause);
    }
}
