package dev.quill.producer.internal.accumulator;

import java.util.ArrayDeque;

/**
 * The batches waiting for one topic-partition, oldest first, and how many of its batches are in flight.
 * Guarded by its own monitor; nothing done under it blocks.
 */
final class PartitionQueue {

    final String topic;
    final int partition;
    final ArrayDeque<ProducerBatch> batches = new ArrayDeque<>();
    int inFlight;
    /** The sequence number the next new batch gets, for the idempotent producer. */
    int nextSequence;
    /**
     * Whether the leader acknowledged a batch of this producer identity. Until then one batch at a time:
     * a broker with no state for a producer accepts any first sequence, so a later batch could land
     * before an earlier one that is being retried.
     */
    boolean sequenceEstablished;

    PartitionQueue(String topic, int partition) {
        this.topic = topic;
        this.partition = partition;
    }
}
