package dev.quill.producer.internal.partition;

import java.util.List;

import dev.quill.producer.PartitionInfo;
import dev.quill.producer.Partitioner;
import dev.quill.producer.errors.ProducerException;
import dev.quill.producer.errors.SerializationException;

/**
 * Chooses the partition of every record that names none, by one rule wherever the record is placed: in
 * {@code send}, or later when a record that waited for metadata or a schema id is placed. The rule is
 * {@code partitioner.class} when set (unless it answers {@link Partitioner#USE_BUILT_IN}), else murmur2 of the key
 * bytes (unless {@code partitioner.ignore.keys}), else the topic's {@link StickyPartition}, which the caller keeps
 * per topic (the accumulator does, next to the topic's batches) so that a record costs no lookup here.
 *
 * <p>Runs the user's partitioner on the thread placing the record, never the I/O thread, and holds no lock that
 * network I/O needs while doing so.
 */
public final class Partitioning implements AutoCloseable {

    private final Partitioner partitioner;
    private final boolean ignoreKeys;

    /** @param partitioner the configured {@code partitioner.class}, already configured, or null for the built-in rule */
    public Partitioning(Partitioner partitioner, boolean ignoreKeys) {
        this.partitioner = partitioner;
        this.ignoreKeys = ignoreKeys;
    }

    /**
     * The partition for a record that names none.
     *
     * @param sticky the sticky partition of the record's topic, which also names the topic
     * @param partitions every partition of the topic, ordered by partition number
     * @throws ProducerException when the user's partitioner throws or chooses a partition the topic lacks
     */
    public int partition(StickyPartition sticky, Object key, byte[] keyBytes, Object value, byte[] valueBytes,
                         List<PartitionInfo> partitions) {
        if (partitioner != null) {
            String topic = sticky.topic();
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
        return sticky.partition(partitions);
    }

    @Override
    public void close() {
        if (partitioner != null) {
            partitioner.close();
        }
    }
}
