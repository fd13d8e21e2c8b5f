package dev.quill.producer.errors;

/** No space in `buffer.memory` within `max.block.ms`, or at once when the buffer-full policy is FAIL. */
public class BufferExhaustedException extends ProducerException {

    public BufferExhaustedException(String message) {
        super(message);
    }

    public BufferExhaustedException(String message, Throwable cause) {
        super(message, cause);
    }

    public BufferExhaustedException(String message, Throwable cause, Errors brokerError) {
        super(message, cause, brokerError);
    }
}
