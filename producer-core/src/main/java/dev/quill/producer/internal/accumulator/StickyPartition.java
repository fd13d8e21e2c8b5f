package dev.quill.producer.internal.accumulator;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import dev.quill.producer.PartitionInfo;

/**
 * Where records without a key go for one topic (KIP-480, KIP-794): all to one partition until about
 * {@code batch.size} bytes went there, then to another. With adaptive partitioning the next partition is
 * drawn with weights that favour partitions with shorter queues, so a slow broker gets less; otherwise
 * uniformly. Partitions without a leader are skipped while any partition has one.
 */
final class StickyPartition {

    private final int batchSize;
    private final boolean adaptive;
    private int current = -1;
    private long bytesSinceSwitch;

    StickyPartition(int batchSize, boolean adaptive) {
        this.batchSize = batchSize;
        this.adaptive = adaptive;
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
        int n = partitions.size();
        int[] candidates = new int[n];
        int available = 0;
        for (PartitionInfo p : partitions) {
            if (p.hasLeader()) {
                candidates[available++] = p.partition();
            }
        }
        if (available == 0) {
            return ThreadLocalRandom.current().nextInt(n);
        }
        if (!adaptive || available == 1) {
            return candidates[ThreadLocalRandom.current().nextInt(available)];
        }
        // Weight each partition by how much shorter its queue is than the longest, plus one so that
        // the longest queue still gets some traffic.
        int[] depth = new int[available];
        int maxDepth = 0;
        for (int i = 0; i < available; i++) {
            depth[i] = queues.queuedBatches(candidates[i]);
            maxDepth = Math.max(maxDepth, depth[i]);
        }
        long total = 0;
        long[] cumulative = new long[available];
        for (int i = 0; i < available; i++) {
            total += maxDepth + 1 - depth[i];
            cumulative[i] = total;
        }
        long pick = ThreadLocalRandom.current().nextLong(total);
        for (int i = 0; i < available; i++) {
            if (pick < cumulative[i]) {
                return candidates[i];
            }
        }
        return candidates[available - 1];
    }
}
