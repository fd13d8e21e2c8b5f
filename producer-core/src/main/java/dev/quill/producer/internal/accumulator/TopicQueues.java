package dev.quill.producer.internal.accumulator;

import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Consumer;

import dev.quill.producer.internal.partition.StickyPartition;

/**
 * What the producer keeps per topic, found with one lookup per record: the partition queues, indexed by partition
 * number, how well the topic's batches compress, and where its keyless records go ({@link StickyPartition}).
 */
public final class TopicQueues {

    final String topic;
    final CompressionRatio compressionRatio = new CompressionRatio();
    private final StickyPartition sticky;
    /**
     * When a record was last sent to the topic, to the second: the send path writes it at most once a second,
     * so that threads sending to one topic do not contend for the field.
     */
    private volatile long lastUsedMs;
    private volatile AtomicReferenceArray<PartitionQueue> partitions = new AtomicReferenceArray<>(0);

    private final Consumer<PartitionQueue> created;

    /** @param created told of each partition queue made, once */
    TopicQueues(String topic, StickyPartition sticky, Consumer<PartitionQueue> created) {
        this.topic = topic;
        this.sticky = sticky;
        this.created = created;
    }

    /** The partition the topic's keyless records go to, and when they move on. */
    public StickyPartition sticky() {
        return sticky;
    }

    void touch(long nowMs) {
        if (nowMs - lastUsedMs >= 1000) {
            lastUsedMs = nowMs;
        }
    }

    long lastUsedMs() {
        return lastUsedMs;
    }

    /** Whether batches of this topic wait in a partition queue (new ones or retries). */
    boolean hasQueuedBatches() {
        AtomicReferenceArray<PartitionQueue> current = partitions;
        for (int p = 0; p < current.length(); p++) {
            PartitionQueue q = current.get(p);
            if (q != null) {
                synchronized (q) {
                    if (!q.batches.isEmpty()) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    PartitionQueue queue(int partition) {
        PartitionQueue q = existing(partition);
        return q != null ? q : createQueue(partition);
    }

    /** The partition's queue, or null while nothing was sent to the partition. */
    private PartitionQueue existing(int partition) {
        AtomicReferenceArray<PartitionQueue> current = partitions;
        return partition < current.length() ? current.get(partition) : null;
    }

    private synchronized PartitionQueue createQueue(int partition) {
        AtomicReferenceArray<PartitionQueue> current = partitions;
        if (partition >= current.length()) {
            AtomicReferenceArray<PartitionQueue> grown = new AtomicReferenceArray<>(partition + 1);
            for (int i = 0; i < current.length(); i++) {
                grown.set(i, current.get(i));
            }
            partitions = grown;
            current = grown;
        }
        PartitionQueue q = current.get(partition);
        if (q == null) {
            q = new PartitionQueue(topic, partition);
            current.set(partition, q);
            created.accept(q);
        }
        return q;
    }

    /** Queues existing so far; entries may be null for partitions never used. */
    AtomicReferenceArray<PartitionQueue> queues() {
        return partitions;
    }

    int queuedBatches(int partition) {
        PartitionQueue q = existing(partition);
        if (q == null) {
            return 0;
        }
        synchronized (q) {
            return q.batches.size();
        }
    }
}
