package dev.quill.producer.internal.accumulator;

import dev.quill.producer.Headers;

/** Serialized records for accumulator tests. */
final class PendingRecords {

    private PendingRecords() {
    }

    /** A keyless record of the value, timestamped and created at {@code nowMs}. */
    static PendingRecord of(String topic, byte[] value, long nowMs) {
        PendingRecord record = new PendingRecord(topic, -1, null, value, new Headers(), nowMs, null, nowMs);
        record.serializedValue(value, null);
        record.seal();
        return record;
    }
}
