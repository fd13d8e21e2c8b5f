package dev.quill.producer.errors;

/** A record (or the batch holding it) exceeds `max.request.size`, `buffer.memory`, or the broker's `message.max.bytes`. Not retriable. */
public class RecordTooLargeException extends ProducerException {

    public RecordTooLargeException(String message) {
        super(message);
    }

    public RecordTooLargeException(String message, Throwable cause) {
        super(message, cause);
    }

    public RecordTooLargeException(String message, Throwable cause, Errors brokerError) {
        super(message, cause, brokerError);
    }
}
