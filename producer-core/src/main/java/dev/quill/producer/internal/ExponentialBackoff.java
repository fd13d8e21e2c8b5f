package dev.quill.producer.internal;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Kafka's backoff curve: {@code initial * 2^attempts}, capped at {@code max}, with ±20% jitter so that
 * many clients retrying the same broker do not fall into step.
 */
public final class ExponentialBackoff {

    private static final double JITTER = 0.2;

    private final long initialMs;
    private final long maxMs;
    private final double maxAttemptsBeforeCap;

    public ExponentialBackoff(long initialMs, long maxMs) {
        this.initialMs = Math.max(0, initialMs);
        this.maxMs = Math.max(this.initialMs, maxMs);
        this.maxAttemptsBeforeCap = this.initialMs == 0 ? 0 : Math.log((double) this.maxMs / this.initialMs) / Math.log(2);
    }

    /** The wait before attempt number {@code attempts + 1}, where 0 means the first retry. */
    public long backoffMs(int attempts) {
        if (initialMs == 0) {
            return 0;
        }
        double exponent = Math.min(attempts, maxAttemptsBeforeCap);
        double base = initialMs * Math.pow(2, exponent);
        double jitter = ThreadLocalRandom.current().nextDouble(1 - JITTER, 1 + JITTER);
        return Math.min(maxMs, (long) (base * jitter));
    }
}
