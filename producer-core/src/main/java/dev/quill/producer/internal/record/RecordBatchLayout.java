package dev.quill.producer.internal.record;

import dev.quill.producer.CompressionType;

/**
 * Byte offsets of the RecordBatch v2 header (magic 2), the only format Quill writes. Kept in one place because
 * the builder writes these fields and the sender may need to read them back from a finished batch.
 */
public final class RecordBatchLayout {

    public static final int BASE_OFFSET_OFFSET = 0;
    public static final int BATCH_LENGTH_OFFSET = 8;
    /** Bytes before {@code partitionLeaderEpoch}, which {@code batchLength} does not count. */
    public static final int LOG_OVERHEAD = 12;
    public static final int PARTITION_LEADER_EPOCH_OFFSET = 12;
    public static final int MAGIC_OFFSET = 16;
    public static final int CRC_OFFSET = 17;
    /** The CRC covers everything from here to the end of the batch. */
    public static final int ATTRIBUTES_OFFSET = 21;
    public static final int LAST_OFFSET_DELTA_OFFSET = 23;
    public static final int BASE_TIMESTAMP_OFFSET = 27;
    public static final int MAX_TIMESTAMP_OFFSET = 35;
    public static final int PRODUCER_ID_OFFSET = 43;
    public static final int PRODUCER_EPOCH_OFFSET = 51;
    public static final int BASE_SEQUENCE_OFFSET = 53;
    public static final int RECORD_COUNT_OFFSET = 57;
    public static final int HEADER_SIZE = 61;

    public static final byte MAGIC = 2;
    public static final long NO_PRODUCER_ID = -1L;
    public static final short NO_PRODUCER_EPOCH = -1;
    public static final int NO_SEQUENCE = -1;

    /** The codec's id in the low three bits of the attributes. */
    public static int compressionId(CompressionType type) {
        return switch (type) {
            case NONE -> 0;
            case GZIP -> 1;
            case SNAPPY -> 2;
            case LZ4 -> 3;
            case ZSTD -> 4;
        };
    }

    /** The codec whose id {@link #compressionId} gives. */
    public static CompressionType compressionOf(int id) {
        for (CompressionType type : CompressionType.values()) {
            if (compressionId(type) == id) {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown compression id " + id);
    }
    public static final int NO_PARTITION_LEADER_EPOCH = -1;
    public static final long NO_TIMESTAMP = -1L;

    /** Low three bits of the attributes. Timestamp type (bit 3) 0 = CreateTime; bits 4 and 5 are transactional and control. */
    public static final int COMPRESSION_CODEC_MASK = 0x07;
    /** Attribute bit 4: the batch belongs to a transaction, so consumers hold it back until the transaction ends. */
    public static final int TRANSACTIONAL_FLAG = 0x10;

    private RecordBatchLayout() {
    }
}
