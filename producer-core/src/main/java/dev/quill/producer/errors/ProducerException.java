package dev.quill.producer.errors;

import java.util.Optional;

/**
 * Root of every error Quill reports, through a send's future, a callback or a thrown exception.
 *
 * <p>Where the error came from a broker, {@link #brokerError()} names the Kafka error code, so that
 * callers can branch on the code without parsing messages.
 */
public class ProducerException extends RuntimeException {

    private final Errors brokerError;

    public ProducerException(String message) {
        this(message, null, null);
    }

    public ProducerException(String message, Throwable cause) {
        this(message, cause, null);
    }

    public ProducerException(String message, Throwable cause, Errors brokerError) {
        super(message, cause);
        this.brokerError = brokerError;
    }

    /** The Kafka error code a broker answered with, when this error came from a broker. */
    public Optional<Errors> brokerError() {
        return Optional.ofNullable(brokerError);
    }

    /**
     * How metrics name this failure: the Kafka error code's name ({@code NOT_ENOUGH_REPLICAS}) when a broker
     * answered with one, else the exception's simple class name ({@code RecordTooLargeException}).
     */
    public String errorName() {
        return brokerError != null ? brokerError.name() : getClass().getSimpleName();
    }

    /** Whether sending the same record again may succeed; false unless a subclass says otherwise. */
    public boolean isRetriable() {
        return false;
    }
}
