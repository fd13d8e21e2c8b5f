package dev.quill.producer.internal.accumulator;

import java.util.concurrent.CompletableFuture;

import dev.quill.producer.Callback;
import dev.quill.producer.Headers;
import dev.quill.producer.RecordMetadata;
import dev.quill.producer.errors.ProducerException;
import dev.quill.producer.internal.record.RecordBatchBuilder;

/**
 * A serialized record on its way into a batch, the future its sender holds, and, once acknowledged, the
 * {@link RecordMetadata} that future completes with: one object per record, so that neither the send path nor the
 * acknowledgement allocates anything else. It carries the record from {@code send} to
 * {@link RecordAccumulator#append}, directly or after waiting inside the producer, and drops its payload and its
 * callback once they are used (the batch holds the bytes), so a caller keeping the future or the metadata does not
 * keep the record.
 *
 * <p>Written by the thread that sends, then handed to the I/O thread or the thread placing waiting records through
 * a lock or a concurrent queue, which publishes its fields; the I/O thread's writes on acknowledgement are published
 * by the completion itself.
 */
public final class PendingRecord extends CompletableFuture<RecordMetadata> implements RecordMetadata {

    private final String topic;
    private final int requestedPartition;
    private final long createdMs;
    private long timestamp;
    private Callback callback;
    private int partition = -1;
    private long offset = UNKNOWN_OFFSET;
    private int serializedKeySize = -1;
    private int serializedValueSize = -1;
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

    @Override
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

    /** The create time the record is sent with; once acknowledged, the broker's append time if the topic uses it. */
    @Override
    public long timestamp() {
        return timestamp;
    }

    /** The partition of the batch the record went into; -1 before. */
    @Override
    public int partition() {
        return partition;
    }

    /** The record's offset once acknowledged, else {@link #UNKNOWN_OFFSET}. */
    @Override
    public long offset() {
        return offset;
    }

    @Override
    public int serializedKeySize() {
        return serializedKeySize;
    }

    @Override
    public int serializedValueSize() {
        return serializedValueSize;
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

    /**
     * The record is written into a batch of {@code partition}: what its metadata reports of it is known now, before
     * the batch can be drained and acknowledged.
     */
    void placed(int partition) {
        this.partition = partition;
        serializedKeySize = keyBytes == null ? -1 : keyBytes.length;
        serializedValueSize = valueBytes == null ? -1 : valueBytes.length;
    }

    /** The record is in a batch: the batch holds its bytes now, and nothing reads them again. */
    void appended() {
        key = null;
        value = null;
        keyBytes = null;
        valueBytes = null;
        headers = null;
        bytesReady = null;
        reservedBytes = 0;
    }

    /**
     * Completes the record as written at {@code offset} (or without one, {@link #UNKNOWN_OFFSET}), with the broker's
     * append time when it is not -1. The callback runs before the future completes, as in kafka-clients: whoever waits
     * on the future (or on flush) then also sees the callback's effects.
     */
    void succeed(long offset, long logAppendTime) {
        this.offset = offset;
        if (logAppendTime >= 0) {
            timestamp = logAppendTime;
        }
        Callback toRun = takeCallback();
        if (toRun != null) {
            Callbacks.invoke(toRun, this, null);
        }
        complete(this);
    }

    /** Fails the record, in a batch or before it reached one, running its callback first as {@link #succeed} does. */
    public void fail(ProducerException error) {
        Callback toRun = takeCallback();
        if (toRun != null) {
            Callbacks.invoke(toRun, null, error);
        }
        completeExceptionally(error);
    }

    private Callback takeCallback() {
        Callback taken = callback;
        callback = null;
        return taken;
    }

    /** As metadata once acknowledged, so that logging the metadata shows where the record landed. */
    @Override
    public String toString() {
        if (isDone() && !isCompletedExceptionally()) {
            return RecordMetadataValue.describe(this);
        }
        return "record for " + topic + (requestedPartition >= 0 ? "-" + requestedPartition : "") + " " + super.toString();
    }
}
