package dev.quill.producer.errors;

/**
 * An error a retry can fix: a lost connection, a leader change, a broker short of in-sync replicas.
 * The producer retries these by itself; a caller sees one only after {@code retries} or
 * {@code delivery.timeout.ms} ran out, wrapped or as the cause of a {@link DeliveryTimeoutException}.
 */
public class RetriableException extends ProducerException {

    public RetriableException(String message) {
        super(message);
    }

    public RetriableException(String message, Throwable cause) {
        super(message, cause);
    }

    public RetriableException(String message, Throwable cause, Errors brokerError) {
        super(message, cause, brokerError);
    }

    @Override
    public boolean isRetriable() {
        return true;
    }
}
