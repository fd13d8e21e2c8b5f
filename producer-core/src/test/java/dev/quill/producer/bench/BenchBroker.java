package dev.quill.producer.bench;

/**
 * Where a benchmark sends: a real in-process Kafka broker, or the {@link NullBroker} that acknowledges
 * without storing. Either way it independently counts what arrived on a topic, which is how every run is
 * verified.
 */
interface BenchBroker extends AutoCloseable {

    String bootstrapServers();

    /** A new, empty topic with the benchmark's partition count, named after {@code prefix}. */
    String createTopic(String prefix);

    /**
     * How many records the broker holds (or acknowledged) on the topic, once {@code expected} are there or 10 s
     * passed: with {@code acks=0} a client is done before the broker has read everything. The topic is then dropped.
     */
    long recordsOn(String topic, long expected);

    /** For the summary line: how the counts were checked. */
    String verifiedBy();
}
