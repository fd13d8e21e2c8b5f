package dev.quill.producer.bench;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

import dev.quill.producer.testkit.KafkaCluster;

/**
 * The in-process Kafka cluster as a benchmark target; counts are the topic's end offsets. Produce requests are the
 * broker's own request metrics ({@code kafka.network:type=RequestMetrics,name=RequestsPerSec,request=Produce}, every
 * version). Those are global to the JVM, and a broker that stops unregisters them under every other broker still
 * running, so they are read only for a cluster started for the benchmark, alone in its JVM: not for the tests' shared
 * cluster.
 */
final class KafkaClusterBroker implements BenchBroker {

    private static final ObjectName PRODUCE_REQUESTS = objectName(
            "kafka.network:type=RequestMetrics,name=RequestsPerSec,request=Produce,*");

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
    public OptionalLong produceRequestsReceived() {
        if (!owned) {
            return OptionalLong.empty();
        }
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        long total = 0;
        try {
            for (ObjectName name : server.queryNames(PRODUCE_REQUESTS, null)) {
                total += ((Number) server.getAttribute(name, "Count")).longValue();
            }
        } catch (JMException e) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(total);
    }

    private static ObjectName objectName(String name) {
        try {
            return new ObjectName(name);
        } catch (JMException e) {
            throw new IllegalArgumentException(name, e);
        }
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
