package dev.quill.producer.errors;

/** A record was not acknowledged within `delivery.timeout.ms`; the cause is the last error seen, when there was one. */
public class DeliveryTimeoutException extends ProducerException {

    public DeliveryTimeoutException(String message) {
        super(message);
    }

    public DeliveryTimeoutException(String message, Throwable cause) {
        super(message, cause);
    }

    public DeliveryTimeoutException(String message, Throwable cause, Errors brokerError) {
        super(message, cause, brokerError);
    }
}
