package dev.quill.spring;

import java.time.Duration;

import dev.quill.producer.errors.ProducerException;

/**
 * {@link ProducerTemplate#sendAndWait} gave up waiting. The record may still be delivered later: waiting
 * less does not cancel the send, which stays bounded by the producer's {@code delivery.timeout.ms}.
 */
public class SendTimeoutException extends ProducerException {

    private final transient Duration timeout;

    public SendTimeoutException(String topic, Duration timeout) {
        super("No acknowledgement for a record to topic " + topic + " within " + timeout.toMillis()
                + " ms; the send continues in the background (quill.producer.send-timeout bounds the wait)");
        this.timeout = timeout;
    }

    /** How long the caller waited. */
    public Duration timeout() {
        return timeout;
    }
}
