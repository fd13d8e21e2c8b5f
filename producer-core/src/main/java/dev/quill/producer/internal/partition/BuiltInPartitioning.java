package dev.quill.producer.internal.partition;

import dev.quill.producer.PartitionInfo;

import java.util.List;

/**
 * The stateless parts of kafka-clients' built-in partitioning: the keyed rule, and the uniform choice among
 * partitions with a leader that the sticky rule (KIP-480) falls back to when no load statistics are known.
 */
public final class BuiltInPartitioning {

    private BuiltInPartitioning() {
    }

    /**
     * The partition of a keyed record: murmur2 of the key bytes, sign bit cleared, modulo the number of <em>all</em>
     * partitions (not only those with a leader), so that a key keeps its partition while a leader is down.
     */
    public static int partitionForKey(byte[] keyBytes, int numPartitions) {
        return Murmur2.toPositive(Murmur2.hash(keyBytes)) % numPartitions;
    }

    /** As {@link #partitionForKey(byte[], int)} for key bytes inside a larger array. */
    public static int partitionForKey(byte[] buffer, int offset, int length, int numPartitions) {
        return Murmur2.toPositive(Murmur2.hash(buffer, offset, length)) % numPartitions;
    }

    /**
     * A partition chosen by {@code random} among those with a leader, or among all when none has one; kafka-clients'
     * choice for a new sticky partition when adaptive partitioning has no statistics.
     *
     * @param random a non-negative random int
     * @param partitions every partition of the topic, ordered by partition number; not empty
     */
    public static int uniformPreferAvailable(int random, List<PartitionInfo> partitions) {
        int available = 0;
        for (int i = 0, n = partitions.size(); i < n; i++) {
            if (partitions.get(i).hasLeader()) {
                available++;
            }
        }
        if (available == 0) {
            return partitions.get(random % partitions.size()).partition();
        }
        int target = random % available;
        for (int i = 0, n = partitions.size(); i < n; i++) {
            PartitionInfo p = partitions.get(i);
            if (p.hasLeader() && target-- == 0) {
                return p.partition();
            }
        }
        throw new IllegalStateException("unreachable");
    }
}
