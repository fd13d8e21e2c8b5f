package dev.quill.producer.internal.accumulator;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReentrantLock;

import dev.quill.producer.RecordMetadata;
import dev.quill.producer.errors.ProducerException;
import dev.quill.producer.errors.SerializationException;
import dev.quill.producer.internal.record.Codec;
import dev.quill.producer.internal.record.RecordBatchBuilder;
import dev.quill.producer.internal.record.RecordBatchReader;

/**
 * The records bound for one topic-partition in one Produce request: the encoded batch and its records' futures,
 * in {@link RecordSlots} reused from batch to batch; each future also carries its callback and, once acknowledged,
 * its {@link RecordMetadata}.
 *
 * <p>Appends happen under the partition queue's lock. Encoding ({@link #encode()}, and {@link #close()}, which adds
 * the CRC) happens outside it, once no record can go in any more (the batch is full, has a newer batch behind it, or
 * was {@linkplain #closeForAppends closed for appends}), so that compressing a batch never holds up the appends to its
 * partition; everything after that happens on the I/O thread.
 */
public final class ProducerBatch {

    /** What {@link #tryAppend} returns for a record that did not go in. */
    static final int NO_ROOM = -1;

    public final String topic;
    public final int partition;
    public final long createdMs;
    private final ByteBuffer buffer;
    private final RecordBatchBuilder builder;

    private RecordSlots slots;
    private int count;
    /** The last record's future, readable by {@link #completion()} after the slots went to another batch. */
    private volatile PendingRecord last;

    /** Set once by {@link #close()}, which may run on a sending thread or the I/O thread. */
    private volatile ByteBuffer encoded;
    /** Set instead of {@link #encoded} when the codec failed. */
    private volatile SerializationException encodingFailure;
    /** Held while the batch is encoded, so that it is encoded once; a sending thread only tries it. */
    private final ReentrantLock encoding = new ReentrantLock();
    /** Guarded by the partition queue's monitor: no record goes in any more. */
    private boolean appendsClosed;
    /** Guarded by {@link #encoding}: the buffer went back to the pool, and nothing may encode into it. */
    private boolean bufferReleased;
    private int attempts;
    private long retryAtMs;
    private long drainedMs;
    private ProducerException lastError;
    private boolean done;
    private int baseSequence = -1;
    /** Bytes of records (before compression) after which the batch takes no more records. */
    private final int uncompressedBudget;
    /** The topic's estimate to refine when this batch is compressed; null without compression. */
    private final CompressionRatio compressionRatio;
    /** False for the halves of a split batch, whose buffers were not taken from the pool. */
    private boolean pooled = true;

    ProducerBatch(String topic, int partition, ByteBuffer buffer, RecordBatchBuilder builder, long createdMs,
                  RecordSlots slots, int uncompressedBudget, CompressionRatio compressionRatio) {
        this.uncompressedBudget = uncompressedBudget;
        this.compressionRatio = compressionRatio;
        this.topic = topic;
        this.partition = partition;
        this.buffer = buffer;
        this.builder = builder;
        this.createdMs = createdMs;
        this.slots = slots;
    }

    /**
     * Appends the record, to be completed with the batch.
     *
     * @return the bytes the record added to the batch, before compression; {@link #NO_ROOM} when the batch has no
     *     room left for it (or is closed)
     */
    int tryAppend(PendingRecord record) {
        int before = builder.estimatedSizeInBytes();
        if (closedToRecords() || (count > 0 && before >= uncompressedBudget)
                || !builder.tryAppend(record.timestamp(), record.keyBytes(), record.valueBytes(), record.headers())) {
            return NO_ROOM;
        }
        record.placed(partition);
        add(record);
        return builder.estimatedSizeInBytes() - before;
    }

    private void add(PendingRecord record) {
        if (count == slots.capacity()) {
            slots.grow();
        }
        slots.records[count++] = record;
        last = record;
    }

    /**
     * A new batch with records {@code [from, to)} of this one, re-encoded from {@code entries} (this batch's
     * records, read back) into a buffer of its own; the records keep their futures and callbacks, and the
     * new batch keeps this one's age and attempts, so that splitting costs no retry and no delivery time.
     */
    ProducerBatch part(List<RecordBatchReader.Entry> entries, int from, int to, Codec codec, int level) {
        int size = RecordBatchBuilder.BATCH_HEADER_SIZE;
        for (int i = from; i < to; i++) {
            RecordBatchReader.Entry e = entries.get(i);
            size += RecordBatchBuilder.sizeInBytesUpperBound(e.key(), e.value(), e.headers());
        }
        ByteBuffer own = ByteBuffer.allocate(size);
        RecordBatchBuilder partBuilder = new RecordBatchBuilder(own, codec, level);
        ProducerBatch part = new ProducerBatch(topic, partition, own, partBuilder, createdMs,
                new RecordSlots(to - from), size, null);
        part.pooled = false;
        part.attempts = Math.max(0, attempts - 1);
        part.lastError = lastError;
        for (int i = from; i < to; i++) {
            RecordBatchReader.Entry e = entries.get(i);
            if (!partBuilder.tryAppend(e.timestamp(), e.key(), e.value(), e.headers())) {
                throw new IllegalStateException("a split batch was sized for its records");
            }
            part.add(slots.records[i]);
        }
        return part;
    }

    boolean isPooled() {
        return pooled;
    }

    /**
     * Hands the per-record state over for the next batch, once this one is done and nothing reads it any more;
     * null for the halves of a split batch, whose slots are sized for them alone.
     */
    RecordSlots releaseSlots() {
        if (!pooled || slots == null) {
            return null;
        }
        RecordSlots released = slots;
        slots = null;
        released.clear(count);
        return released;
    }

    /** Completes (either way) when every record of the batch has its result. */
    CompletableFuture<RecordMetadata> completion() {
        return last;
    }

    public int recordCount() {
        return count;
    }

    public int estimatedSizeInBytes() {
        return encoded != null ? encoded.remaining() : builder.estimatedSizeInBytes();
    }

    /** Whether no more records are accepted: closed for sending, or its budget is used up. */
    boolean isFull() {
        return closedToRecords() || builder.estimatedSizeInBytes() >= uncompressedBudget;
    }

    /** Closed for appends, encoded, or failed to encode: whatever room is left, no record goes in. */
    private boolean closedToRecords() {
        return appendsClosed || encoded != null || encodingFailure != null;
    }

    /** Takes no more records, so that it can be encoded without the partition's lock; call with that lock held. */
    void closeForAppends() {
        appendsClosed = true;
    }

    /**
     * Finishes encoding (compression, CRC) and returns the batch bytes; later appends fail.
     *
     * @throws SerializationException when the codec failed, now or at an earlier attempt: the batch cannot be sent
     */
    public ByteBuffer close() {
        encoding.lock();
        try {
            encodeLocked();
            // The CRC last, once: after the sequence numbers an idempotent producer stamps on the encoded batch.
            return builder.close();
        } finally {
            encoding.unlock();
        }
    }

    /**
     * Compresses the records and writes the header, all but the CRC, which {@link #close} adds: the heavy part, and
     * enough to know the batch's size on the wire.
     *
     * @throws SerializationException when the codec failed, now or at an earlier attempt
     */
    void encode() {
        encoding.lock();
        try {
            encodeLocked();
        } finally {
            encoding.unlock();
        }
    }

    private void encodeLocked() {
        if (encodingFailure != null) {
            throw encodingFailure;
        }
        if (encoded == null) {
            int uncompressed = builder.estimatedSizeInBytes();
            try {
                encoded = builder.encode();
            } catch (RuntimeException e) {
                encodingFailure = new SerializationException("Can't encode the batch of " + count + " record(s) for "
                        + topic + "-" + partition + " with compression " + builder.compressionType().configName
                        + ": " + e, e);
                throw encodingFailure;
            }
            if (compressionRatio != null) {
                compressionRatio.observe(uncompressed, encoded.remaining());
            }
        }
    }

    /** Why the codec failed, or null. */
    SerializationException encodingFailure() {
        return encodingFailure;
    }

    /**
     * {@link #encode()} unless another thread encodes the batch already (then this one does not wait for it), where a
     * failure is for the batch's own records to report, when it is drained.
     */
    void tryEncode() {
        if (encoded != null || encodingFailure != null || !encoding.tryLock()) {
            return;
        }
        try {
            if (bufferReleased) {
                return; // failed and freed by the I/O thread since it filled up
            }
            encodeLocked();
        } catch (SerializationException remembered) {
            // The batch keeps the failure; the drain fails the batch with it.
        } finally {
            encoding.unlock();
        }
    }

    public boolean isClosed() {
        return encoded != null;
    }

    /** Stamps the idempotent producer's identity and first sequence number onto the encoded batch. */
    void setProducerState(ProducerIdentity identity, int baseSequence, boolean transactional) {
        encoding.lock();
        try {
            encodeLocked();
            builder.setProducerState(identity.producerId(), identity.epoch(), baseSequence, transactional);
            this.baseSequence = baseSequence;
        } finally {
            encoding.unlock();
        }
    }

    /** The batch's first sequence number, or -1 when it has none (not idempotent, or not sent yet). */
    public int baseSequence() {
        return baseSequence;
    }

    void clearSequence() {
        baseSequence = -1;
    }

    /**
     * The buffer, for the pool to take back: waits for an encoding under way (a sending thread compressing the batch
     * it filled) and keeps any later one out, so that no other batch's records are overwritten in it.
     */
    ByteBuffer releaseBuffer() {
        encoding.lock();
        try {
            bufferReleased = true;
            return buffer;
        } finally {
            encoding.unlock();
        }
    }

    public int attempts() {
        return attempts;
    }

    public long retryAtMs() {
        return retryAtMs;
    }

    public long drainedMs() {
        return drainedMs;
    }

    public ProducerException lastError() {
        return lastError;
    }

    void markDrained(long nowMs) {
        drainedMs = nowMs;
        attempts++;
    }

    public void scheduleRetry(long retryAtMs, ProducerException cause) {
        this.retryAtMs = retryAtMs;
        this.lastError = cause;
    }

    public boolean isDone() {
        return done;
    }

    /**
     * Completes every record as written at {@code baseOffset} (or without offset when it is -1, as with
     * {@code acks=0}). Does nothing when the batch was already completed.
     */
    public void succeed(long baseOffset, long logAppendTime) {
        if (done) {
            return;
        }
        done = true;
        for (int i = 0; i < count; i++) {
            slots.records[i].succeed(baseOffset < 0 ? RecordMetadata.UNKNOWN_OFFSET : baseOffset + i, logAppendTime);
        }
    }

    /** Fails every record with the error; does nothing when the batch was already completed. */
    public void fail(ProducerException error) {
        if (done) {
            return;
        }
        done = true;
        for (int i = 0; i < count; i++) {
            slots.records[i].fail(error);
        }
    }

    @Override
    public String toString() {
        return "batch of " + count + " records for " + topic + "-" + partition;
    }
}
