package dev.quill.producer.internal.partition;

import java.util.Arrays;

/**
 * Adaptive partitioning (KIP-794): the choice of the next sticky partition for records without a key, weighted
 * against partitions whose queues are long, so that a slow broker gets less new data.
 *
 * <p>Each partition's weight is {@code maxQueueSize + 1 - queueSize}: the longest queue still has weight 1, an
 * empty queue the most. The weights are kept as a running sum (a cumulative frequency table), so that one random
 * number and a binary search pick a partition. This is kafka-clients' computation, so both clients spread
 * records alike; the test compares the tables.
 *
 * <p>Immutable; build a new one whenever the queue sizes are sampled (once per sender drain in kafka-clients).
 */
public final class PartitionLoadStats {

    private final int[] cumulativeFrequencyTable;
    private final int[] partitionIds;
    private final int length;

    private PartitionLoadStats(int[] cumulativeFrequencyTable, int[] partitionIds, int length) {
        this.cumulativeFrequencyTable = cumulativeFrequencyTable;
        this.partitionIds = partitionIds;
        this.length = length;
    }

    /**
     * Returns null when weighting would change nothing, and the caller should choose uniformly among available
     * partitions: when fewer than one partition is available, the topic has fewer than two partitions, or every
     * partition is available with the same queue size.
     *
     * @param queueSizes queue sizes of the available partitions in {@code [0, length)}; the array's length is the
     *        topic's partition count (kafka-clients' convention). Not modified.
     * @param partitionIds the partition number of each entry of {@code queueSizes}
     * @param length how many partitions are available (have a leader that is not lagging)
     */
    public static PartitionLoadStats compute(int[] queueSizes, int[] partitionIds, int length) {
        if (queueSizes.length != partitionIds.length || length > queueSizes.length || length < 0) {
            throw new IllegalArgumentException("queueSizes (" + queueSizes.length + "), partitionIds ("
                    + partitionIds.length + ") and length (" + length + ") do not match");
        }
        if (length < 1 || queueSizes.length < 2) {
            return null;
        }
        int max = queueSizes[0];
        boolean allEqual = true;
        for (int i = 1; i < length; i++) {
            allEqual &= queueSizes[i] == queueSizes[0];
            max = Math.max(max, queueSizes[i]);
        }
        if (allEqual && length == queueSizes.length) {
            return null;
        }
        int maxPlusOne = max + 1;
        int[] table = new int[length];
        int sum = 0;
        for (int i = 0; i < length; i++) {
            sum += maxPlusOne - queueSizes[i];
            table[i] = sum;
        }
        return new PartitionLoadStats(table, Arrays.copyOf(partitionIds, length), length);
    }

    /**
     * The partition for a random draw: partition {@code i} is chosen with probability proportional to its weight.
     *
     * @param random a non-negative random int (for example {@code Murmur2.toPositive(ThreadLocalRandom.current().nextInt())})
     */
    public int choose(int random) {
        int weighted = random % cumulativeFrequencyTable[length - 1];
        // The first entry greater than the draw owns it; binarySearch returns -(insertion point) - 1 on a miss,
        // and on an exact hit the owner is the next entry, hence "+ 1" in both cases.
        int found = Arrays.binarySearch(cumulativeFrequencyTable, 0, length, weighted);
        int index = found >= 0 ? found + 1 : -(found + 1);
        return partitionIds[index];
    }

    /** The sum of all weights: the exclusive upper end of the draws {@link #choose} maps. */
    public int rangeEnd() {
        return cumulativeFrequencyTable[length - 1];
    }

    /** A copy of the running sums of the weights, entry {@code i} belonging to {@link #partitionIds()}{@code [i]}. */
    public int[] cumulativeFrequencyTable() {
        return cumulativeFrequencyTable.clone();
    }

    public int[] partitionIds() {
        return partitionIds.clone();
    }

    public int length() {
        return length;
    }

    @Override
    public String toString() {
        return "PartitionLoadStats[CFT=" + Arrays.toString(cumulativeFrequencyTable) + ", ids="
                + Arrays.toString(partitionIds) + "]";
    }
}
