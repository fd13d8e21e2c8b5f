package dev.quill.producer.internal.sender;

/** The producer settings that govern requests, retries and timeouts. */
public record SenderSettings(
        String clientId,
        short acks,
        int requestTimeoutMs,
        int retries,
        long retryBackoffMs,
        long retryBackoffMaxMs,
        long deliveryTimeoutMs,
        int maxRequestSize,
        long maxBlockMs,
        boolean idempotent,
        long metadataMaxIdleMs) {
}
