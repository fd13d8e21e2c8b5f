package dev.quill.producer.bench;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import dev.quill.producer.testkit.KafkaCluster;

/**
 * The in-process Kafka cluster as a benchmark target; counts are the topic's end offsets. Produce requests are not
 * counted: only the broker's own request metrics know them.
 */
final class KafkaClusterBroker implements BenchBroker {

    private final KafkaCluster cluster;
    private final int partitions;
    private final boolean owned;

    /**
     * @param owned whether {@link #close()} stops the cluster (false for the tests' shared cluster)
     */
    KafkaClusterBroker(KafkaCluster cluster, int partitions, boolean owned) {
        this.cluster = cluster;
        this.partitions = partitions;
        this.owned = owned;
    }

    @Override
    public String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    @Override
    public String createTopic(String prefix) {
        return createTopic(prefix, partitions);
    }

    @Override
    public String createTopic(String prefix, int partitions) {
        return cluster.createTopic(KafkaCluster.uniqueTopic(prefix), partitions, 1);
    }

    /** Sum of the topic's end offsets, then deletes it so long benchmark sessions do not fill the disk. */
    @Override
    public long recordsOn(String topic, long expected) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        long total;
        while ((total = cluster.endOffsets(topic).values().stream().mapToLong(Long::longValue).sum()) < expected
                && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
        try {
            cluster.admin().deleteTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            System.err.println("could not delete topic " + topic + ": " + e);
        }
        return total;
    }

    @Override
    public String verifiedBy() {
        return "present on the broker";
    }

    @Override
    public void close() {
        if (owned) {
            cluster.close();
        }
    }
}
