package dev.quill.producer.internal.protocol;

import dev.quill.producer.errors.ProducerException;

/**
 * A response that does not parse as the API version it answers. The connection it came from can no
 * longer be trusted to be in sync, so the network layer should close it.
 */
public class MalformedResponseException extends ProducerException {

    public MalformedResponseException(String message) {
        super(message);
    }

    public MalformedResponseException(String message, Throwable cause) {
        super(message, cause);
    }
}
