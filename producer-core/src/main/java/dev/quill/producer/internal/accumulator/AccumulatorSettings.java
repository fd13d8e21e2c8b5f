package dev.quill.producer.internal.accumulator;

import dev.quill.producer.CompressionType;

/** The producer settings that shape batching. */
public record AccumulatorSettings(
        int batchSize,
        long lingerMs,
        CompressionType compression,
        int compressionLevel,
        long deliveryTimeoutMs,
        int maxInFlightPerPartition,
        boolean adaptivePartitioning,
        boolean idempotent) {
}
