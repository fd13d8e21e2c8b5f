package dev.quill.producer.internal.accumulator;

import java.util.concurrent.CompletableFuture;

import dev.quill.producer.Callback;
import dev.quill.producer.Headers;
import dev.quill.producer.RecordMetadata;
import dev.quill.producer.errors.ProducerException;
import dev.quill.producer.internal.record.RecordBatchBuilder;

/**
 * A serialized record on its way into a batch, and the future its sender holds: one object per record, so that
 * the send path allocates nothing else. It carries the record from {@code send} to {@link RecordAccumulator#append},
 * directly or after waiting inside the producer, and drops its payload once appended (the batch holds the bytes),
 * so a caller keeping the future does not keep the record.
 *
 * <p>Written by the thread that sends, then handed to the I/O thread or the thread placing waiting records through
 * a lock or a concurrent queue, which publishes its fields.
 */
public final class PendingRecord extends CompletableFuture<RecordMetadata> {

    private final String topic;
    private final int requestedPartition;
    private final long timestamp;
    private final Callback callback;
    private final long createdMs;
    private Object key;
    private Object value;
    private byte[] keyBytes;
    private byte[] valueBytes;
    private Headers headers;
    private int sizeInBytes;
    private CompletableFuture<Void> bytesReady;
    private int reservedBytes;

    /**
     * @param requestedPartition the partition the record names, or -1 to let the partitioner choose
     * @param key the key before serialization, for the partitioner
     * @param value the value before serialization, for the partitioner
     */
    public PendingRecord(String topic, int requestedPartition, Object key, Object value, Headers headers, long timestamp,
                         Callback callback, long createdMs) {
        this.topic = topic;
        this.requestedPartition = requestedPartition;
        this.key = key;
        this.value = value;
        this.headers = headers;
        this.timestamp = timestamp;
        this.callback = callback;
        this.createdMs = createdMs;
    }

    /**
     * Sets the serialized key.
     *
     * @param ready completes when the bytes may be sent (a schema id still to be written into them), or null when
     *     they are final now
     */
    public void serializedKey(byte[] bytes, CompletableFuture<Void> ready) {
        keyBytes = bytes;
        awaitAlso(ready);
    }

    /** Sets the serialized value; see {@link #serializedKey}. */
    public void serializedValue(byte[] bytes, CompletableFuture<Void> ready) {
        valueBytes = bytes;
        awaitAlso(ready);
    }

    private void awaitAlso(CompletableFuture<Void> ready) {
        if (ready != null) {
            bytesReady = bytesReady == null ? ready : CompletableFuture.allOf(bytesReady, ready);
        }
    }

    /**
     * Computes the record's encoded size once, for every later step; call after the key, value and headers are set.
     *
     * @return the record's encoded size, without the batch header
     */
    public int seal() {
        sizeInBytes = RecordBatchBuilder.sizeInBytesUpperBound(keyBytes, valueBytes, headers);
        return sizeInBytes;
    }

    public String topic() {
        return topic;
    }

    /** The partition the record names, or -1. */
    public int requestedPartition() {
        return requestedPartition;
    }

    public Object key() {
        return key;
    }

    public Object value() {
        return value;
    }

    public byte[] keyBytes() {
        return keyBytes;
    }

    public byte[] valueBytes() {
        return valueBytes;
    }

    public Headers headers() {
        return headers;
    }

    public long timestamp() {
        return timestamp;
    }

    public Callback callback() {
        return callback;
    }

    /** When {@code send} was called, in epoch milliseconds: {@code max.block.ms} counts from here. */
    public long createdMs() {
        return createdMs;
    }

    /** {@link RecordBatchBuilder#sizeInBytesUpperBound} of the record. */
    public int sizeInBytes() {
        return sizeInBytes;
    }

    /** Null when the bytes are final, else what completes (or fails) once they are. */
    public CompletableFuture<Void> bytesReady() {
        return bytesReady;
    }

    /** Buffer memory held for the record while it waits, which its append takes over. */
    public int reservedBytes() {
        return reservedBytes;
    }

    public void reserved(int bytes) {
        reservedBytes = bytes;
    }

    /** The record is in a batch: the batch holds its bytes now, and nothing reads the rest again. */
    void appended() {
        key = null;
        value = null;
        keyBytes = null;
        valueBytes = null;
        headers = null;
        bytesReady = null;
        reservedBytes = 0;
    }

    /** Fails a record that never reached a batch, running its callback first as a batch's records do. */
    public void fail(ProducerException error) {
        if (callback != null) {
            Callbacks.invoke(callback, null, error);
        }
        completeExceptionally(error);
    }

    @Override
    public String toString() {
        return "record for " + topic + (requestedPartition >= 0 ? "-" + requestedPartition : "") + " " + super.toString();
    }
}
