package dev.quill.producer;

import java.util.List;
import java.util.Map;

/**
 * Chooses the partition of a record that names none. Configured with {@code partitioner.class}; without
 * one, Quill uses Kafka's built-in rule: murmur2 of the key bytes for keyed records, sticky or adaptive
 * spreading for records without a key.
 *
 * <p>Runs on the sending thread and must not block. A partitioner that throws fails that record alone.
 */
public interface Partitioner extends AutoCloseable {

    /** Returned to let the built-in rule choose, as kafka-clients allows. */
    int USE_BUILT_IN = -1;

    /**
     * @param partitions every partition of the topic, ordered by partition number
     * @return a partition number in {@code [0, partitions.size())}, or {@link #USE_BUILT_IN}
     */
    int partition(String topic, Object key, byte[] keyBytes, Object value, byte[] valueBytes,
                  List<PartitionInfo> partitions);

    /** Called once with the producer's whole configuration before the first record. */
    default void configure(Map<String, ?> configs) {
    }

    @Override
    default void close() {
    }
}
