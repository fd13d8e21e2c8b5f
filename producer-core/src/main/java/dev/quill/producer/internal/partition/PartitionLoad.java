package dev.quill.producer.internal.partition;

/**
 * What partitioning reads of the batches waiting to be sent: for adaptive partitioning (KIP-794), how deep each
 * partition's queue is and whether a broker has stopped taking batches ({@code partitioner.availability.timeout.ms});
 * for the sticky partition, whether the batch it would leave is full.
 */
public interface PartitionLoad {

    int queuedBatches(String topic, int partition);

    boolean isAvailable(int nodeId);

    /** Whether the partition's newest batch takes no more records; true when it has none. */
    boolean lastBatchFull(String topic, int partition);
}
