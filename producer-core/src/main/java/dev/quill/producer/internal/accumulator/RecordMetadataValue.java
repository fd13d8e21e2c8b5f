package dev.quill.producer.internal.accumulator;

import dev.quill.producer.RecordMetadata;

/** {@link RecordMetadata} made of its fields alone, compared by value. */
public record RecordMetadataValue(String topic, int partition, long offset, long timestamp, int serializedKeySize,
                                  int serializedValueSize) implements RecordMetadata {

    @Override
    public String toString() {
        return describe(this);
    }

    /** One text for every kind of metadata, so that a log line reads the same whichever made it. */
    static String describe(RecordMetadata m) {
        return "RecordMetadata[topic=" + m.topic() + ", partition=" + m.partition() + ", offset=" + m.offset()
                + ", timestamp=" + m.timestamp() + ", serializedKeySize=" + m.serializedKeySize()
                + ", serializedValueSize=" + m.serializedValueSize() + "]";
    }
}
