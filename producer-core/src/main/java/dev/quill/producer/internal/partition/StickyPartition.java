package dev.quill.producer.internal.partition;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import dev.quill.producer.PartitionInfo;

/**
 * Where records without a key go for one topic (KIP-480, KIP-794): all to one partition until about
 * {@code batch.size} bytes went there and filled its batch, then to another. With adaptive partitioning the next partition is
 * drawn with weights that favour partitions with shorter queues, so a slow broker gets less, and a broker that
 * the {@link PartitionLoad} reports as unavailable gets none (unless every broker is); otherwise uniformly among
 * partitions that have a leader.
 */
public final class StickyPartition {

    private final String topic;
    private final int batchSize;
    private final boolean adaptive;
    private final PartitionLoad load;
    /** Read without the lock: a record that takes the partition just left still fills a batch there. */
    private volatile int current = -1;
    private long bytesSinceSwitch;

    /**
     * @param batchSize {@code batch.size}: how many bytes of keyless records go to one partition before the next
     * @param adaptive {@code partitioner.adaptive.partitioning.enable}
     */
    public StickyPartition(String topic, int batchSize, boolean adaptive, PartitionLoad load) {
        this.topic = topic;
        this.batchSize = batchSize;
        this.adaptive = adaptive;
        this.load = load;
    }

    public String topic() {
        return topic;
    }

    /** The partition for the next keyless record. */
    public int partition(List<PartitionInfo> partitions) {
        int chosen = current;
        if (chosen >= 0 && chosen < partitions.size()) {
            return chosen;
        }
        synchronized (this) {
            if (current < 0 || current >= partitions.size()) {
                current = choose(partitions);
                bytesSinceSwitch = 0;
            }
            return current;
        }
    }

    /**
     * Counts bytes appended to the sticky partition and switches once a batch's worth went there and the partition's
     * batch is full, or two batches' worth went there, as kafka-clients does. Switching before the batch is full
     * would leave it to wait for {@code linger.ms}, since no record would come to fill it.
     *
     * @param appended what the append reported: the bytes the record added to its batch, and whether the partition's
     *     newest batch was full right after the record went in ({@link Appended})
     */
    public synchronized void onAppended(int partition, int appended) {
        if (partition != current) {
            return;
        }
        bytesSinceSwitch += Appended.bytes(appended);
        if (bytesSinceSwitch >= 2L * batchSize || bytesSinceSwitch >= batchSize && Appended.batchFull(appended)) {
            current = -1;
        }
    }

    private int choose(List<PartitionInfo> partitions) {
        int random = ThreadLocalRandom.current().nextInt(Integer.MAX_VALUE);
        PartitionLoadStats stats = adaptive ? loadOf(partitions) : null;
        return stats != null ? stats.choose(random) : BuiltInPartitioning.uniformPreferAvailable(random, partitions);
    }

    /** Queue depths of the partitions whose leader is known and available, in kafka-clients' layout. */
    private PartitionLoadStats loadOf(List<PartitionInfo> partitions) {
        int n = partitions.size();
        int[] queueSizes = new int[n];
        int[] partitionIds = new int[n];
        int available = 0;
        for (PartitionInfo p : partitions) {
            if (p.hasLeader() && load.isAvailable(p.leader())) {
                queueSizes[available] = load.queuedBatches(topic, p.partition());
                partitionIds[available] = p.partition();
                available++;
            }
        }
        return PartitionLoadStats.compute(queueSizes, partitionIds, available);
    }
}
