package dev.quill.producer.internal;

import dev.quill.producer.Headers;
import dev.quill.producer.errors.RecordTooLargeException;
import dev.quill.producer.internal.record.RecordBatchBuilder;

/** The size limits a serialized record must fit, the same in every producer. */
public final class RecordLimits {

    private RecordLimits() {
    }

    /** The bytes a batch holding only this record takes at most: the batch header and the record. */
    public static int batchSizeOf(byte[] key, byte[] value, Headers headers) {
        int size = RecordBatchBuilder.sizeInBytesUpperBound(key, value, headers);
        return (int) Math.min((long) RecordBatchBuilder.BATCH_HEADER_SIZE + size, Integer.MAX_VALUE);
    }

    /**
     * Why a record whose batch takes {@code size} bytes cannot be sent, or null when it fits.
     *
     * @param size as {@link #batchSizeOf}
     */
    public static RecordTooLargeException tooLarge(String topic, int size, int maxRequestSize, long bufferMemory) {
        if (size <= maxRequestSize && size <= bufferMemory) {
            return null;
        }
        String limit = size > maxRequestSize ? "max.request.size (" + maxRequestSize + ")" : "buffer.memory (" + bufferMemory + ")";
        return new RecordTooLargeException("The record for topic " + topic + " is " + size
                + " bytes when serialized, which is larger than " + limit);
    }
}
