package dev.quill.producer.bench;

import java.util.Map;
import java.util.OptionalLong;

import dev.quill.producer.testkit.KafkaCluster;

/**
 * Where a benchmark sends: a real in-process Kafka broker, or the {@link NullBroker} that acknowledges
 * without storing. Either way it independently counts what arrived on a topic, which is how every run is
 * verified.
 */
interface BenchBroker extends AutoCloseable {

    /**
     * Starts the broker a benchmark's {@code --broker} option names: kafka (an in-process Kafka broker) or null (a
     * {@link NullBroker}, which measures the clients alone); topics get {@code partitions} partitions unless made
     * with a count of their own.
     */
    static BenchBroker start(String kind, int partitions) throws Exception {
        return switch (kind) {
            case "kafka" -> {
                System.out.println("Starting an in-process Kafka broker...");
                yield new KafkaClusterBroker(KafkaCluster.start(1, Map.of()), partitions, true);
            }
            case "null" -> {
                System.out.println("Starting a null broker (acknowledges everything, stores nothing)...");
                yield NullBroker.start(partitions);
            }
            default -> throw new IllegalArgumentException("--broker is kafka or null, not " + kind);
        };
    }

    String bootstrapServers();

    /** A new, empty topic with the benchmark's partition count, named after {@code prefix}. */
    String createTopic(String prefix);

    /** A new, empty topic with {@code partitions} partitions, named after {@code prefix}. */
    String createTopic(String prefix, int partitions);

    /**
     * How many records the broker holds (or acknowledged) on the topic, once {@code expected} are there or 10 s
     * passed: with {@code acks=0} a client is done before the broker has read everything. The topic is then dropped.
     */
    long recordsOn(String topic, long expected);

    /**
     * Produce requests this broker received since it started, on every topic, when it counts them: subtract two
     * readings for a run's. Empty when it does not.
     */
    default OptionalLong produceRequestsReceived() {
        return OptionalLong.empty();
    }

    /** Produce requests received since {@code before}, a reading of {@link #produceRequestsReceived()}. */
    default OptionalLong produceRequestsSince(OptionalLong before) {
        OptionalLong now = produceRequestsReceived();
        return before.isPresent() && now.isPresent() ? OptionalLong.of(now.getAsLong() - before.getAsLong())
                : OptionalLong.empty();
    }

    /** For the summary line: how the counts were checked. */
    String verifiedBy();
}
