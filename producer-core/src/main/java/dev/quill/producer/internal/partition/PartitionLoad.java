package dev.quill.producer.internal.partition;

/**
 * What adaptive partitioning (KIP-794) reads of the batches waiting to be sent: how deep each partition's queue is
 * and whether a broker has stopped taking batches ({@code partitioner.availability.timeout.ms}).
 */
public interface PartitionLoad {

    int queuedBatches(String topic, int partition);

    boolean isAvailable(int nodeId);
}
