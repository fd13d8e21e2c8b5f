package dev.quill.producer;

import java.util.Objects;

/**
 * A consumer's position in one partition, to commit with the transaction that processed what came before it
 * ({@code sendOffsetsToTransaction}). As with kafka-clients' {@code OffsetAndMetadata}, {@code offset} is the next
 * record to read, one past the last one processed. From a kafka-clients consumer:
 * {@code new ConsumedOffset(tp.topic(), tp.partition(), om.offset(), om.metadata())}.
 *
 * @param metadata a note stored with the offset; may be null
 */
public record ConsumedOffset(String topic, int partition, long offset, String metadata) {

    public ConsumedOffset {
        Objects.requireNonNull(topic, "topic");
        if (partition < 0) {
            throw new IllegalArgumentException("partition must be at least 0, was " + partition);
        }
        if (offset < 0) {
            throw new IllegalArgumentException("offset must be at least 0, was " + offset + " for " + topic + "-"
                    + partition);
        }
    }

    public ConsumedOffset(String topic, int partition, long offset) {
        this(topic, partition, offset, null);
    }
}
