package dev.quill.producer.internal.accumulator;

import dev.quill.producer.CompressionType;
import dev.quill.producer.internal.record.Codec;

/**
 * The producer settings that shape batching.
 *
 * @param codec the codec of {@code compression.type}, from {@link dev.quill.producer.internal.record.Codecs#forType}
 * @param transactional every batch is written in a transaction (marked so, for {@code read_committed} consumers)
 */
public record AccumulatorSettings(
        int batchSize,
        long lingerMs,
        Codec codec,
        int compressionLevel,
        long deliveryTimeoutMs,
        int maxInFlightPerPartition,
        boolean adaptivePartitioning,
        long partitionerAvailabilityTimeoutMs,
        boolean idempotent,
        boolean transactional) {

    /**
     * With compression a batch may hold up to this many times {@code batch.size} bytes before compression,
     * as far as its topic's compression ratio lets it stay near {@code batch.size} on the wire.
     */
    static final int COMPRESSED_EXPANSION = 2;

    public CompressionType compression() {
        return codec.type();
    }

    /** The size of the buffers the pool keeps for reuse: batches of the usual size. */
    public int pooledBufferSize() {
        return pooledBufferSize(batchSize, compression());
    }

    /** The size of the buffers a pool keeps for batches of {@code batch.size} with this {@code compression.type}. */
    public static int pooledBufferSize(int batchSize, CompressionType compression) {
        return compression == CompressionType.NONE ? batchSize : batchSize * COMPRESSED_EXPANSION;
    }

    /** How many uncompressed bytes a new batch may take, given its topic's compression ratio so far. */
    int uncompressedBudget(double compressionRatio) {
        if (compression() == CompressionType.NONE) {
            return batchSize;
        }
        return (int) Math.min((long) batchSize * COMPRESSED_EXPANSION, (long) (batchSize / Math.max(compressionRatio, 0.01)));
    }
}
