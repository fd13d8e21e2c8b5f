package dev.quill.producer.errors;

/** The producer was closed: before this record was sent, or before {@code send} was called. */
public class ProducerClosedException extends ProducerException {

    public ProducerClosedException(String message) {
        super(message);
    }
}
