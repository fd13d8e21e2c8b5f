package dev.quill.producer.errors;

/** The broker refused this client's credentials. Not retried in a loop: fix the credentials. */
public class AuthenticationException extends ProducerException {

    public AuthenticationException(String message) {
        super(message);
    }

    public AuthenticationException(String message, Throwable cause) {
        super(message, cause);
    }

    public AuthenticationException(String message, Throwable cause, Errors brokerError) {
        super(message, cause, brokerError);
    }
}
