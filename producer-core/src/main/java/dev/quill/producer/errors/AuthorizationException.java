package dev.quill.producer.errors;

/** The broker refused an operation for lack of an ACL (topic write, cluster IdempotentWrite, ...). Not retriable. */
public class AuthorizationException extends ProducerException {

    public AuthorizationException(String message) {
        super(message);
    }

    public AuthorizationException(String message, Throwable cause) {
        super(message, cause);
    }

    public AuthorizationException(String message, Throwable cause, Errors brokerError) {
        super(message, cause, brokerError);
    }
}
