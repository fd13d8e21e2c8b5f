package dev.quill.producer;

/**
 * Where an acknowledged record landed.
 *
 * @param offset the record's offset in the partition, or {@link #UNKNOWN_OFFSET} with {@code acks=0}
 * @param timestamp the record's timestamp: the create time it was sent with, or the broker's append time
 *     when the topic uses {@code LogAppendTime}
 * @param serializedKeySize key bytes, or -1 for a null key
 * @param serializedValueSize value bytes, or -1 for a null value
 */
public record RecordMetadata(String topic, int partition, long offset, long timestamp,
                             int serializedKeySize, int serializedValueSize) {

    public static final long UNKNOWN_OFFSET = -1L;

    public boolean hasOffset() {
        return offset >= 0;
    }
}
