package dev.quill.producer.internal.accumulator;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import dev.quill.producer.PartitionInfo;
import dev.quill.producer.internal.partition.BuiltInPartitioning;
import dev.quill.producer.internal.partition.PartitionLoadStats;

/**
 * Where records without a key go for one topic (KIP-480, KIP-794): all to one partition until about
 * {@code batch.size} bytes went there, then to another. With adaptive partitioning the next partition is
 * drawn with weights that favour partitions with shorter queues, so a slow broker gets less, and a broker that
 * {@link NodeAvailability} reports as unavailable gets none (unless every broker is); otherwise uniformly among
 * partitions that have a leader.
 */
final class StickyPartition {

    private final int batchSize;
    private final boolean adaptive;
    private final NodeAvailability availability;
    private int current = -1;
    private long bytesSinceSwitch;

    StickyPartition(int batchSize, boolean adaptive, NodeAvailability availability) {
        this.batchSize = batchSize;
        this.adaptive = adaptive;
        this.availability = availability;
    }

    /** The partition for the next keyless record. */
    synchronized int partition(List<PartitionInfo> partitions, TopicQueues queues) {
        if (current < 0 || current >= partitions.size()) {
            current = choose(partitions, queues);
            bytesSinceSwitch = 0;
        }
        return current;
    }

    /** Counts bytes appended to the sticky partition and switches once a batch's worth went there. */
    synchronized void onAppended(int partition, int bytes) {
        if (partition != current) {
            return;
        }
        bytesSinceSwitch += bytes;
        if (bytesSinceSwitch >= batchSize) {
            current = -1;
        }
    }

    private int choose(List<PartitionInfo> partitions, TopicQueues queues) {
        int random = ThreadLocalRandom.current().nextInt(Integer.MAX_VALUE);
        PartitionLoadStats load = adaptive ? loadOf(partitions, queues) : null;
        return load != null ? load.choose(random) : BuiltInPartitioning.uniformPreferAvailable(random, partitions);
    }

    /** Queue depths of the partitions whose leader is known and available, in kafka-clients' layout. */
    private PartitionLoadStats loadOf(List<PartitionInfo> partitions, TopicQueues queues) {
        int n = partitions.size();
        int[] queueSizes = new int[n];
        int[] partitionIds = new int[n];
        int available = 0;
        for (PartitionInfo p : partitions) {
            if (p.hasLeader() && availability.isAvailable(p.leader())) {
                queueSizes[available] = queues.queuedBatches(p.partition());
                partitionIds[available] = p.partition();
                available++;
            }
        }
        return PartitionLoadStats.compute(queueSizes, partitionIds, available);
    }
}
