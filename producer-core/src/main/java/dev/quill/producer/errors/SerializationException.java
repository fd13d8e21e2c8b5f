package dev.quill.producer.errors;

/** A key or value serializer threw, or a partitioner failed for one record. Only that record fails. */
public class SerializationException extends ProducerException {

    public SerializationException(String message) {
        super(message);
    }

    public SerializationException(String message, Throwable cause) {
        super(message, cause);
    }

    public SerializationException(String message, Throwable cause, Errors brokerError) {
        super(message, cause, brokerError);
    }
}
