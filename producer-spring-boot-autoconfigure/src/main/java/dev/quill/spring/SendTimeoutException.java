package dev.quill.spring;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import dev.quill.producer.errors.ProducerException;

/**
 * {@link ProducerTemplate#sendAndWait} stopped waiting before the record's outcome was known, because the caller
 * asked for a shorter wait than the producer's {@code delivery.timeout.ms}. The record may still be delivered:
 * waiting less does not cancel the send, so sending the record again may write it twice. The cause, when there is
 * one, is the producer's latest failure since the send (for example a refused connection): what is holding it up.
 */
public class SendTimeoutException extends ProducerException {

    private final transient Duration timeout;

    /**
     * @param deliveryTimeoutMs the producer's {@code delivery.timeout.ms}, how long the record may still take
     * @param lastError the producer's latest failure since the send, or null
     */
    public SendTimeoutException(String topic, Duration timeout, long deliveryTimeoutMs,
                                @Nullable ProducerException lastError) {
        super("No outcome for a record to topic " + topic + " within " + timeout.toMillis() + " ms; it may still be "
                + "delivered (the producer keeps trying for up to delivery.timeout.ms=" + deliveryTimeoutMs
                + "), so sending it again may write it twice"
                + (lastError == null ? "" : "; last error: " + lastError.getMessage()), lastError);
        this.timeout = timeout;
    }

    /** How long the caller waited. */
    public Duration timeout() {
        return timeout;
    }
}
