package dev.quill.producer.internal.partition;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

import dev.quill.producer.PartitionInfo;
import dev.quill.producer.Partitioner;
import dev.quill.producer.errors.ProducerException;
import dev.quill.producer.errors.SerializationException;

/**
 * Chooses the partition of every record that names none, by one rule wherever the record is placed: in
 * {@code send}, or later when a record that waited for metadata or a schema id is placed. The rule is
 * {@code partitioner.class} when set (unless it answers {@link Partitioner#USE_BUILT_IN}), else murmur2 of the key
 * bytes (unless {@code partitioner.ignore.keys}), else the topic's {@link StickyPartition}.
 *
 * <p>Runs the user's partitioner on the thread placing the record, never the I/O thread, and holds no lock that
 * network I/O needs while doing so.
 */
public final class Partitioning implements AutoCloseable {

    private final Partitioner partitioner;
    private final boolean ignoreKeys;
    private final int batchSize;
    private final boolean adaptive;
    private final PartitionLoad load;
    private final ConcurrentHashMap<String, StickyPartition> sticky = new ConcurrentHashMap<>();

    /**
     * @param partitioner the configured {@code partitioner.class}, already configured, or null for the built-in rule
     * @param batchSize {@code batch.size}: how many bytes of keyless records go to one partition before the next
     * @param adaptive {@code partitioner.adaptive.partitioning.enable}
     */
    public Partitioning(Partitioner partitioner, boolean ignoreKeys, int batchSize, boolean adaptive, PartitionLoad load) {
        this.partitioner = partitioner;
        this.ignoreKeys = ignoreKeys;
        this.batchSize = batchSize;
        this.adaptive = adaptive;
        this.load = load;
    }

    /**
     * The partition for a record that names none.
     *
     * @param partitions every partition of the topic, ordered by partition number
     * @throws ProducerException when the user's partitioner throws or chooses a partition the topic lacks
     */
    public int partition(String topic, Object key, byte[] keyBytes, Object value, byte[] valueBytes,
                         List<PartitionInfo> partitions) {
        if (partitioner != null) {
            int chosen;
            try {
                chosen = partitioner.partition(topic, key, keyBytes, value, valueBytes, partitions);
            } catch (RuntimeException e) {
                throw new SerializationException("Partitioner " + partitioner.getClass().getName()
                        + " failed for a record to topic " + topic + ": " + e.getMessage(), e);
            }
            if (chosen != Partitioner.USE_BUILT_IN) {
                if (chosen < 0 || chosen >= partitions.size()) {
                    throw new ProducerException("Partitioner " + partitioner.getClass().getName() + " chose partition "
                            + chosen + " of topic " + topic + ", which has " + partitions.size() + " partitions");
                }
                return chosen;
            }
        }
        if (keyBytes != null && !ignoreKeys) {
            return BuiltInPartitioning.partitionForKey(keyBytes, partitions.size());
        }
        return stickyFor(topic).partition(partitions);
    }

    /**
     * A record went into the partition's batch: keyless records move on once they filled a batch.
     *
     * @param appended what the append reported, see {@link Appended}
     */
    public void onAppended(String topic, int partition, int appended) {
        StickyPartition topicSticky = sticky.get(topic);
        if (topicSticky != null) {
            topicSticky.onAppended(partition, Appended.bytes(appended), Appended.batchFull(appended));
        }
    }

    private StickyPartition stickyFor(String topic) {
        StickyPartition existing = sticky.get(topic);
        return existing != null ? existing
                : sticky.computeIfAbsent(topic, t -> new StickyPartition(t, batchSize, adaptive, load));
    }

    @Override
    public void close() {
        if (partitioner != null) {
            partitioner.close();
        }
    }
}
