package dev.quill.producer.internal.record;

import static dev.quill.producer.internal.record.RecordBatchLayout.*;

import dev.quill.producer.CompressionType;
import dev.quill.producer.Header;
import dev.quill.producer.Headers;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * Writes one RecordBatch v2 (magic 2) for one partition. Records are encoded as they arrive straight into the
 * caller's pooled buffer, after room left for the 61-byte header; {@link #close} compresses them if asked,
 * then fills in the header and its CRC-32C.
 *
 * <p>Which buffer holds the finished batch: the batch returned by {@link #close} is a view of the pooled
 * buffer, which must stay out of the pool until the batch is sent or failed. A codec writes into a scratch
 * buffer kept per thread (the I/O thread, in the producer) and the result is copied back over the records
 * it replaces, so compression allocates nothing; only output larger than the pooled buffer, from data that
 * does not compress, gets an array of its own. {@link #holdsPooledBuffer} says which case applies.
 *
 * <p>Not thread-safe: the caller serializes access (the accumulator under its partition lock, the sender
 * after taking the batch from there, which also publishes it safely).
 */
public final class RecordBatchBuilder {

    private static final ThreadLocal<CompressedOutput> SCRATCH = ThreadLocal.withInitial(() -> new CompressedOutput(64 * 1024));

    public static final int BATCH_HEADER_SIZE = HEADER_SIZE;

    // Worst cases of the per-record fields whose size depends on the batch: length, timestamp and offset deltas.
    private static final int MAX_LENGTH_VARINT = 5;
    private static final int MAX_TIMESTAMP_DELTA_VARLONG = 10;
    private static final int MAX_OFFSET_DELTA_VARINT = 5;
    private static final byte RECORD_ATTRIBUTES = 0;

    private final ByteBuffer pooled;
    private final ByteBuffer out;
    private final CompressionType compression;
    private final Codec codec;
    private final int compressionLevel;

    private int recordCount;
    private long baseTimestamp = NO_TIMESTAMP;
    private long maxTimestamp = NO_TIMESTAMP;
    private long producerId = NO_PRODUCER_ID;
    private short producerEpoch = NO_PRODUCER_EPOCH;
    private int baseSequence = NO_SEQUENCE;
    private boolean transactional;
    private ByteBuffer closed;
    /** Whether {@link #closed}'s CRC covers its bytes as they are now. */
    private boolean crcWritten;
    private boolean closedInPooled = true;

    /**
     * @param buffer where records are written, from index 0 up to its limit: the batch's whole byte budget
     *               (header included). Its own position and limit are left alone.
     * @param compressionLevel the codec's level (see {@link CompressionLevels}); ignored by none and snappy
     * @throws dev.quill.producer.errors.ConfigException if the codec's library is missing
     */
    public RecordBatchBuilder(ByteBuffer buffer, CompressionType compression, int compressionLevel) {
        this(buffer, Codecs.forType(compression), compressionLevel);
    }

    /** As {@link #RecordBatchBuilder(ByteBuffer, CompressionType, int)} with the codec itself. */
    public RecordBatchBuilder(ByteBuffer buffer, Codec codec, int compressionLevel) {
        if (buffer.limit() < HEADER_SIZE) {
            throw new IllegalArgumentException("buffer of " + buffer.limit() + " bytes cannot hold a batch header of " + HEADER_SIZE);
        }
        this.pooled = buffer;
        this.out = buffer.duplicate().position(HEADER_SIZE).limit(buffer.limit());
        this.compression = codec.type();
        this.codec = compression == CompressionType.NONE ? null : codec;
        this.compressionLevel = compressionLevel;
    }

    /**
     * Bytes one record can take in any batch, length prefix included, assuming the widest timestamp and offset
     * deltas. {@code BATCH_HEADER_SIZE} plus this is a buffer size that always holds the record. Saturates at
     * {@code Integer.MAX_VALUE}.
     */
    public static int sizeInBytesUpperBound(byte[] key, byte[] value, Headers headers) {
        long size = MAX_LENGTH_VARINT + 1 + MAX_TIMESTAMP_DELTA_VARLONG + MAX_OFFSET_DELTA_VARINT
                + fieldsSize(key, value, headers);
        return (int) Math.min(size, Integer.MAX_VALUE);
    }

    /**
     * Appends a record if it fits the remaining budget.
     *
     * @param headers may be null
     * @return false, leaving the batch as it was, when the record does not fit or the batch is closed
     */
    public boolean tryAppend(long timestamp, byte[] key, byte[] value, Headers headers) {
        if (closed != null) {
            return false;
        }
        long timestampDelta = recordCount == 0 ? 0 : timestamp - baseTimestamp;
        int offsetDelta = recordCount;
        long bodySize = 1 + Varints.sizeOfVarlong(timestampDelta) + Varints.sizeOfVarint(offsetDelta)
                + fieldsSize(key, value, headers);
        if (bodySize > out.remaining()) {
            return false;
        }
        int body = (int) bodySize;
        if (Varints.sizeOfVarint(body) + body > out.remaining()) {
            return false;
        }
        writeRecord(body, timestampDelta, offsetDelta, key, value, headers);
        if (recordCount == 0) {
            baseTimestamp = timestamp;
            maxTimestamp = timestamp;
        } else if (timestamp > maxTimestamp) {
            maxTimestamp = timestamp;
        }
        recordCount++;
        return true;
    }

    public int recordCount() {
        return recordCount;
    }

    public boolean isEmpty() {
        return recordCount == 0;
    }

    public boolean isClosed() {
        return closed != null;
    }

    public CompressionType compressionType() {
        return compression;
    }

    /** The largest record timestamp so far, or -1 while empty. */
    public long maxTimestamp() {
        return maxTimestamp;
    }

    /**
     * The batch's size on the wire once closed; before that, the uncompressed size so far, which is what the
     * budget counts and, for compressible data, an upper bound of the compressed size.
     */
    public int estimatedSizeInBytes() {
        return closed != null ? closed.limit() : out.position();
    }

    /** True while the finished batch's bytes live in the buffer given to the constructor. */
    public boolean holdsPooledBuffer() {
        return closed == null || closedInPooled;
    }

    /**
     * Finishes the batch: no record can be appended afterwards. Calling it again returns the same bytes.
     *
     * @return a new view of the whole batch, position 0 and limit the batch's size
     */
    public ByteBuffer close() {
        encode();
        if (!crcWritten) {
            writeCrc(closed);
            crcWritten = true;
        }
        return closed.duplicate();
    }

    /**
     * Finishes the batch but for its CRC, which {@link #close} writes: compresses the records and writes the header,
     * so that the size on the wire is known. An idempotent producer's batch gets its sequence numbers after this and
     * before its CRC, which then covers the bytes once.
     *
     * @return a new view of the whole batch, as {@link #close} returns it but for the CRC
     */
    public ByteBuffer encode() {
        if (closed == null) {
            ByteBuffer batch = codec == null ? uncompressed() : compressed();
            writeHeader(batch);
            closed = batch;
        }
        return closed.duplicate();
    }

    /**
     * Sets the idempotent producer's fields, and whether the batch belongs to a transaction. Allowed after
     * {@link #encode} or {@link #close}, since sequences are assigned when the sender drains the batch: the fields are
     * rewritten in place, and the next {@link #close} writes the CRC again.
     */
    public void setProducerState(long producerId, short producerEpoch, int baseSequence, boolean transactional) {
        this.producerId = producerId;
        this.producerEpoch = producerEpoch;
        this.baseSequence = baseSequence;
        this.transactional = transactional;
        if (closed != null) {
            writeProducerState(closed);
            crcWritten = false;
        }
    }

    private static long fieldsSize(byte[] key, byte[] value, Headers headers) {
        long size = bytesFieldSize(key) + bytesFieldSize(value);
        int headerCount = headers == null ? 0 : headers.size();
        size += Varints.sizeOfVarint(headerCount);
        for (int i = 0; i < headerCount; i++) {
            Header header = headers.get(i);
            int keyLength = Utf8.encodedLength(header.key());
            size += Varints.sizeOfVarint(keyLength) + keyLength + bytesFieldSize(header.value());
        }
        return size;
    }

    private static int bytesFieldSize(byte[] bytes) {
        return bytes == null ? 1 : Varints.sizeOfVarint(bytes.length) + bytes.length;
    }

    private void writeRecord(int bodySize, long timestampDelta, int offsetDelta, byte[] key, byte[] value, Headers headers) {
        Varints.writeVarint(out, bodySize);
        out.put(RECORD_ATTRIBUTES);
        Varints.writeVarlong(out, timestampDelta);
        Varints.writeVarint(out, offsetDelta);
        writeBytesField(key);
        writeBytesField(value);
        int headerCount = headers == null ? 0 : headers.size();
        Varints.writeVarint(out, headerCount);
        for (int i = 0; i < headerCount; i++) {
            Header header = headers.get(i);
            Varints.writeVarint(out, Utf8.encodedLength(header.key()));
            Utf8.encode(header.key(), out);
            writeBytesField(header.value());
        }
    }

    private void writeBytesField(byte[] bytes) {
        if (bytes == null) {
            Varints.writeVarint(out, -1);
        } else {
            Varints.writeVarint(out, bytes.length);
            out.put(bytes);
        }
    }

    private ByteBuffer uncompressed() {
        return pooled.duplicate().position(0).limit(out.position()).slice();
    }

    private ByteBuffer compressed() {
        int length = out.position() - HEADER_SIZE;
        byte[] source;
        int offset;
        if (out.hasArray()) {
            source = out.array();
            offset = out.arrayOffset() + HEADER_SIZE;
        } else {
            source = new byte[length];
            out.get(HEADER_SIZE, source);
            offset = 0;
        }
        CompressedOutput target = SCRATCH.get();
        target.position(HEADER_SIZE);
        codec.compress(source, offset, length, target, compressionLevel);
        int size = target.position();
        if (size > pooled.capacity()) {
            closedInPooled = false;
            return ByteBuffer.wrap(Arrays.copyOf(target.array(), size));
        }
        // The records are no longer needed once compressed: their bytes make room for the result.
        pooled.duplicate().position(HEADER_SIZE).put(target.array(), HEADER_SIZE, size - HEADER_SIZE);
        return pooled.duplicate().position(0).limit(size).slice();
    }

    private void writeHeader(ByteBuffer batch) {
        batch.putLong(BASE_OFFSET_OFFSET, 0L);
        batch.putInt(BATCH_LENGTH_OFFSET, batch.limit() - LOG_OVERHEAD);
        batch.putInt(PARTITION_LEADER_EPOCH_OFFSET, NO_PARTITION_LEADER_EPOCH);
        batch.put(MAGIC_OFFSET, MAGIC);
        batch.putInt(LAST_OFFSET_DELTA_OFFSET, recordCount - 1);
        batch.putLong(BASE_TIMESTAMP_OFFSET, baseTimestamp);
        batch.putLong(MAX_TIMESTAMP_OFFSET, maxTimestamp);
        batch.putInt(RECORD_COUNT_OFFSET, recordCount);
        writeProducerState(batch);
    }

    private void writeAttributes(ByteBuffer batch) {
        int attributes = RecordBatchLayout.compressionId(compression) & COMPRESSION_CODEC_MASK;
        if (transactional) {
            attributes |= TRANSACTIONAL_FLAG;
        }
        batch.putShort(ATTRIBUTES_OFFSET, (short) attributes);
    }

    private void writeProducerState(ByteBuffer batch) {
        writeAttributes(batch);
        batch.putLong(PRODUCER_ID_OFFSET, producerId);
        batch.putShort(PRODUCER_EPOCH_OFFSET, producerEpoch);
        batch.putInt(BASE_SEQUENCE_OFFSET, baseSequence);
    }

    private static void writeCrc(ByteBuffer batch) {
        CRC32C crc = new CRC32C();
        crc.update(batch.duplicate().position(ATTRIBUTES_OFFSET));
        batch.putInt(CRC_OFFSET, (int) crc.getValue());
    }
}
