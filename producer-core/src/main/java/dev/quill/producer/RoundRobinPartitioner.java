package dev.quill.producer;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Spreads records over partitions in turn, ignoring keys: one counter per topic, shared by all threads. Partitions
 * with a leader come first: while some partition has none, the turn goes round the others only, and only when
 * no partition has a leader does it cover all of them (as kafka-clients' {@code RoundRobinPartitioner}).
 *
 * <p>Caveats: keys lose their partition affinity, so records of one key are not ordered. Batches fill one record
 * per partition at a time, so they are smaller than with the built-in sticky partitioner; prefer
 * {@code partitioner.ignore.keys=true} when the goal is only to spread load evenly. Selected with
 * {@code partitioner.class=dev.quill.producer.RoundRobinPartitioner} or kafka-clients' class name
 * {@code org.apache.kafka.clients.producer.RoundRobinPartitioner}.
 */
public final class RoundRobinPartitioner implements Partitioner {

    private final ConcurrentMap<String, AtomicInteger> counters = new ConcurrentHashMap<>();

    @Override
    public int partition(String topic, Object key, byte[] keyBytes, Object value, byte[] valueBytes,
                         List<PartitionInfo> partitions) {
        // The sign bit cleared, not Math.abs, so that the turn stays non-negative when the counter wraps.
        int turn = counters.computeIfAbsent(topic, t -> new AtomicInteger()).getAndIncrement() & 0x7fffffff;
        int available = 0;
        for (int i = 0, n = partitions.size(); i < n; i++) {
            if (partitions.get(i).hasLeader()) {
                available++;
            }
        }
        if (available == 0) {
            return partitions.get(turn % partitions.size()).partition();
        }
        int target = turn % available;
        for (int i = 0, n = partitions.size(); i < n; i++) {
            PartitionInfo p = partitions.get(i);
            if (p.hasLeader() && target-- == 0) {
                return p.partition();
            }
        }
        throw new IllegalStateException("unreachable");
    }
}
