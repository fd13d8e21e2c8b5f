package dev.quill.producer;

import dev.quill.producer.internal.accumulator.RecordMetadataValue;

/**
 * Where an acknowledged record landed.
 *
 * <p>The producer completes a record's future with the future itself, which carries these fields once the broker
 * acknowledged the record: acknowledging a record then costs no object of its own. Compare metadata by its fields,
 * never with {@code equals}, which is identity for the producer's and value equality for {@link #of}'s.
 */
public interface RecordMetadata {

    long UNKNOWN_OFFSET = -1L;

    String topic();

    int partition();

    /** The record's offset in the partition, or {@link #UNKNOWN_OFFSET} with {@code acks=0}. */
    long offset();

    /**
     * The record's timestamp: the create time it was sent with, or the broker's append time when the topic uses
     * {@code LogAppendTime}.
     */
    long timestamp();

    /** Key bytes, or -1 for a null key. */
    int serializedKeySize();

    /** Value bytes, or -1 for a null value. */
    int serializedValueSize();

    default boolean hasOffset() {
        return offset() >= 0;
    }

    /** Metadata with the given fields, as a test double or an interceptor reports it. */
    static RecordMetadata of(String topic, int partition, long offset, long timestamp, int serializedKeySize,
                             int serializedValueSize) {
        return new RecordMetadataValue(topic, partition, offset, timestamp, serializedKeySize, serializedValueSize);
    }
}
