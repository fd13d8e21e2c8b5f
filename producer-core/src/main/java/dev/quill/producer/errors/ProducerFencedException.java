package dev.quill.producer.errors;

/**
 * Another producer registered the same {@code transactional.id} with a newer epoch, so the coordinator fences this
 * one: it can neither send nor end a transaction any more. Fatal: close the producer. Whatever it wrote in the open
 * transaction is aborted and never visible to {@code read_committed} consumers.
 */
public class ProducerFencedException extends ProducerException {

    public ProducerFencedException(String message, Throwable cause, Errors brokerError) {
        super(message, cause, brokerError);
    }
}
