package dev.quill.producer.testkit;

import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.metadata.bootstrap.BootstrapMetadata;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * A real Apache Kafka cluster (KRaft, in this JVM) for integration tests, with the reference
 * kafka-clients admin and consumer to set it up and read back what Quill wrote.
 *
 * <p>Starting a cluster costs seconds, so {@link #shared()} gives one per JVM; tests keep apart by
 * using {@link #uniqueTopic(String)}. {@link SharedClustersShutdown} stops it when the test run ends.
 */
public final class KafkaCluster implements AutoCloseable {

    private static final AtomicInteger TOPIC_SEQUENCE = new AtomicInteger();
    private static KafkaCluster shared;

    private final KafkaClusterTestKit kit;
    private final Admin admin;

    /** The {@code transaction.version} a cluster formatted by Kafka 4.1 finalizes: KIP-890's protocol. */
    public static final short DEFAULT_TRANSACTION_VERSION = 2;

    private KafkaCluster(int brokers, Map<String, String> brokerConfig, short transactionVersion) throws Exception {
        // The kit finalizes only metadata.version; a real 4.1 cluster also finalizes these at format time.
        BootstrapMetadata bootstrap = BootstrapMetadata.fromVersions(MetadataVersion.IBP_4_1_IV1,
                Map.of("transaction.version", transactionVersion, "group.version", (short) 1), "quill tests");
        TestKitNodes nodes = new TestKitNodes.Builder(bootstrap)
                // A directory of our own: the kit's default one is deleted by a JVM shutdown hook of its own, which
                // races the broker's orderly stop (a context closing on Ctrl-C) and makes it log storage errors.
                // The kit deletes this one itself when the cluster is closed.
                .setBaseDirectory(Files.createTempDirectory("quill-kafka-"))
                .setNumBrokerNodes(brokers)
                .setNumControllerNodes(1)
                .setCombined(true)
                .build();
        KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(nodes)
                .setConfigProp("unstable.api.versions.enable", "false")
                .setConfigProp("unstable.feature.versions.enable", "false")
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("offsets.topic.num.partitions", "1")
                .setConfigProp("transaction.state.log.replication.factor", String.valueOf(Math.min(brokers, 3)))
                .setConfigProp("transaction.state.log.min.isr", "1")
                .setConfigProp("transaction.state.log.num.partitions", "1")
                // Abort transactions past transaction.timeout.ms within a second, not ten: tests wait for it.
                .setConfigProp("transaction.abort.timed.out.transaction.cleanup.interval.ms", "500");
        brokerConfig.forEach(builder::setConfigProp);
        kit = builder.build();
        kit.format();
        kit.startup();
        kit.waitForReadyBrokers();
        Properties adminProps = new Properties();
        adminProps.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kit.bootstrapServers());
        admin = Admin.create(adminProps);
    }

    /** The cluster every test class in this JVM shares: one broker, topic auto-creation on. */
    public static synchronized KafkaCluster shared() {
        if (shared == null) {
            shared = start(1, Map.of());
        }
        return shared;
    }

    /**
     * Stops the shared cluster, if one was started. Called once the test run ends, before the JVM
     * exits: stopping it from a shutdown hook would race Kafka's own hook that deletes the log
     * directories, and a broker that loses its log directory halts the JVM with exit code 1.
     */
    static synchronized void closeShared() {
        if (shared != null) {
            shared.close();
            shared = null;
        }
    }

    /** A cluster of its own, for tests that stop brokers or need other broker settings. */
    public static KafkaCluster start(int brokers, Map<String, String> brokerConfig) {
        return start(brokers, brokerConfig, DEFAULT_TRANSACTION_VERSION);
    }

    /**
     * A cluster of its own with the given {@code transaction.version}: 0 or 1 as a cluster upgraded from Kafka 3.x
     * runs (transactions without KIP-890's protocol), 2 as one formatted by 4.x.
     */
    public static KafkaCluster start(int brokers, Map<String, String> brokerConfig, short transactionVersion) {
        try {
            return new KafkaCluster(brokers, brokerConfig, transactionVersion);
        } catch (Exception e) {
            throw new IllegalStateException("could not start an in-process Kafka cluster", e);
        }
    }

    public String bootstrapServers() {
        return kit.bootstrapServers();
    }

    public Admin admin() {
        return admin;
    }

    public KafkaClusterTestKit kit() {
        return kit;
    }

    public static String uniqueTopic(String prefix) {
        return prefix + "-" + TOPIC_SEQUENCE.incrementAndGet() + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public String createTopic(String name, int partitions, int replicationFactor) {
        return createTopic(name, partitions, replicationFactor, Map.of());
    }

    public String createTopic(String name, int partitions, int replicationFactor, Map<String, String> configs) {
        try {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) replicationFactor).configs(configs)))
                    .all().get(30, TimeUnit.SECONDS);
            awaitLeaders(name, partitions);
            return name;
        } catch (Exception e) {
            throw new IllegalStateException("could not create topic " + name, e);
        }
    }

    /** A topic whose partition p is placed on the brokers {@code replicasByPartition.get(p)}, first one leading. */
    public String createTopic(String name, Map<Integer, List<Integer>> replicasByPartition, Map<String, String> configs) {
        try {
            admin.createTopics(List.of(new NewTopic(name, replicasByPartition).configs(configs)))
                    .all().get(30, TimeUnit.SECONDS);
            awaitLeaders(name, replicasByPartition.size());
            return name;
        } catch (Exception e) {
            throw new IllegalStateException("could not create topic " + name, e);
        }
    }

    /** Stops a broker with a controlled shutdown: it leaves every ISR and hands over its leaderships. */
    public void stopBroker(int id) {
        kit.brokers().get(id).shutdown();
        kit.brokers().get(id).awaitShutdown();
    }

    /** Starts a broker stopped with {@link #stopBroker} again, on the same ports and data. */
    public void startBroker(int id) {
        kit.brokers().get(id).startup();
    }

    /** Waits until every partition of the topic has a leader, as the brokers report it. */
    public void awaitLeaders(String topic, int partitions) {
        awaitCondition(Duration.ofSeconds(30), "leaders for all partitions of " + topic, () -> {
            try {
                TopicDescription d = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
                return d.partitions().size() == partitions
                        && d.partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty());
            } catch (Exception e) {
                return false;
            }
        });
    }

    /**
     * Reads the topic from the beginning with kafka-clients' consumer until {@code expected} records
     * arrived or the deadline passed; returns what was read, so a test can assert on a shortfall.
     */
    public List<ConsumerRecord<byte[], byte[]>> readAll(String topic, int expected, Duration timeout) {
        return readAll(topic, expected, timeout, "read_uncommitted");
    }

    /**
     * As {@link #readAll(String, int, Duration)} with the given isolation level; {@code read_committed} also reads on
     * to the last stable offset, so that records beyond the expected ones are seen rather than missed.
     */
    public List<ConsumerRecord<byte[], byte[]>> readAll(String topic, int expected, Duration timeout, String isolation) {
        Properties props = consumerProperties();
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "10000");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation);
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + timeout.toNanos();
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            while (System.nanoTime() < deadline && (records.size() < expected
                    || partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p)))) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

    /** Log end offsets per partition: what the brokers hold, independent of any client's claims. */
    public Map<Integer, Long> endOffsets(String topic) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProperties())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            Map<Integer, Long> result = new HashMap<>();
            consumer.endOffsets(partitions, Duration.ofSeconds(30)).forEach((tp, o) -> result.put(tp.partition(), o));
            return result;
        }
    }

    private Properties consumerProperties() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return props;
    }

    /** Polls until the condition holds; fails with the description when the deadline passes. */
    public static void awaitCondition(Duration timeout, String description, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + description);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + description, e);
            }
        }
    }

    @Override
    public synchronized void close() {
        try {
            admin.close(Duration.ofSeconds(5));
            kit.close();
        } catch (Exception e) {
            throw new IllegalStateException("could not stop the in-process Kafka cluster", e);
        }
    }
}
