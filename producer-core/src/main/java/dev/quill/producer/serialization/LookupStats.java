package dev.quill.producer.serialization;

import java.time.Instant;

/**
 * What the lookups of an {@link AsyncSerializer} came to so far, such as its requests to a Schema Registry.
 *
 * @param succeeded lookup requests answered successfully
 * @param failed lookup requests that failed: refused, unanswered or unreachable (each retry counts)
 * @param lastError the latest failure's message (never a password or token), or null
 * @param lastErrorAt when it happened, or null
 */
public record LookupStats(long succeeded, long failed, String lastError, Instant lastErrorAt) {

    /** No lookups at all: what a serializer that never looks anything up reports. */
    public static final LookupStats NONE = new LookupStats(0, 0, null, null);

    /** The two serializers' lookups together, with the later of their last errors. */
    public LookupStats plus(LookupStats other) {
        boolean otherIsLater = other.lastErrorAt != null && (lastErrorAt == null || other.lastErrorAt.isAfter(lastErrorAt));
        return new LookupStats(succeeded + other.succeeded, failed + other.failed,
                otherIsLater ? other.lastError : lastError, otherIsLater ? other.lastErrorAt : lastErrorAt);
    }
}
