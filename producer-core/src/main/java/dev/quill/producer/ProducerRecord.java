package dev.quill.producer;

import java.util.Objects;

/**
 * A record to send: a topic, an optional partition, a key and a value (either may be null), headers and
 * an optional timestamp.
 *
 * <pre>{@code
 * ProducerRecord.of("orders", orderId, order);
 * ProducerRecord.of("orders", 3, orderId, order); // to partition 3
 * ProducerRecord.builder("orders").key(orderId).value(order).header("trace", traceBytes).build();
 * }</pre>
 *
 * @param <K> key type
 * @param <V> value type
 */
public final class ProducerRecord<K, V> {

    /** No partition given: the partitioner chooses. */
    public static final int ANY_PARTITION = -1;
    /** No timestamp given: the producer stamps the record with the time of {@code send}. */
    public static final long NO_TIMESTAMP = -1L;

    private final String topic;
    private final int partition;
    private final K key;
    private final V value;
    private final Headers headers;
    private final long timestamp;

    private ProducerRecord(String topic, int partition, K key, V value, Headers headers, long timestamp) {
        if (topic == null || topic.isEmpty()) {
            throw new IllegalArgumentException("a record needs a topic; got " + (topic == null ? "null" : "\"\""));
        }
        if (partition < ANY_PARTITION) {
            throw invalidPartition(partition, topic);
        }
        if (timestamp < NO_TIMESTAMP) {
            throw new IllegalArgumentException("timestamp must be >= 0; got " + timestamp + " for topic " + topic);
        }
        this.topic = topic;
        this.partition = partition;
        this.key = key;
        this.value = value;
        this.headers = headers;
        this.timestamp = timestamp;
    }

    /** A record for the partitioner to place, stamped at send time, with no headers. */
    public static <K, V> ProducerRecord<K, V> of(String topic, K key, V value) {
        return new ProducerRecord<>(topic, ANY_PARTITION, key, value, new Headers(), NO_TIMESTAMP);
    }

    /**
     * A record for the given partition, bypassing the partitioner, stamped at send time, with no headers; as
     * kafka-clients' {@code new ProducerRecord<>(topic, partition, key, value)}.
     */
    public static <K, V> ProducerRecord<K, V> of(String topic, int partition, K key, V value) {
        if (partition < 0) {
            throw invalidPartition(partition, topic);
        }
        return new ProducerRecord<>(topic, partition, key, value, new Headers(), NO_TIMESTAMP);
    }

    private static IllegalArgumentException invalidPartition(int partition, String topic) {
        return new IllegalArgumentException("partition must be >= 0; got " + partition + " for topic " + topic);
    }

    public static <K, V> Builder<K, V> builder(String topic) {
        return new Builder<>(topic);
    }

    public String topic() {
        return topic;
    }

    /** The partition asked for, or {@link #ANY_PARTITION}. */
    public int partition() {
        return partition;
    }

    public boolean hasPartition() {
        return partition != ANY_PARTITION;
    }

    public K key() {
        return key;
    }

    public V value() {
        return value;
    }

    public Headers headers() {
        return headers;
    }

    /** The timestamp asked for, or {@link #NO_TIMESTAMP}. */
    public long timestamp() {
        return timestamp;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ProducerRecord<?, ?> r && topic.equals(r.topic) && partition == r.partition
                && Objects.equals(key, r.key) && Objects.equals(value, r.value) && headers.equals(r.headers)
                && timestamp == r.timestamp;
    }

    @Override
    public int hashCode() {
        return Objects.hash(topic, partition, key, value, headers, timestamp);
    }

    @Override
    public String toString() {
        return "ProducerRecord[topic=" + topic + ", partition=" + (hasPartition() ? partition : "any")
                + ", key=" + key + ", headers=" + headers.size() + ", timestamp="
                + (timestamp == NO_TIMESTAMP ? "at send" : timestamp) + "]";
    }

    /** Builds a {@link ProducerRecord}; every field but the topic is optional. */
    public static final class Builder<K, V> {
        private final String topic;
        private int partition = ANY_PARTITION;
        private K key;
        private V value;
        private final Headers headers = new Headers();
        private long timestamp = NO_TIMESTAMP;

        private Builder(String topic) {
            this.topic = topic;
        }

        public Builder<K, V> key(K key) {
            this.key = key;
            return this;
        }

        public Builder<K, V> value(V value) {
            this.value = value;
            return this;
        }

        /** Sends to this partition, bypassing the partitioner. */
        public Builder<K, V> partition(int partition) {
            this.partition = partition;
            return this;
        }

        /** The record's create time in epoch milliseconds; defaults to the time of {@code send}. */
        public Builder<K, V> timestamp(long timestamp) {
            this.timestamp = timestamp;
            return this;
        }

        public Builder<K, V> header(String name, byte[] value) {
            headers.add(name, value);
            return this;
        }

        public Builder<K, V> headers(Iterable<Header> more) {
            more.forEach(headers::add);
            return this;
        }

        public ProducerRecord<K, V> build() {
            return new ProducerRecord<>(topic, partition, key, value, new Headers(headers.asList()), timestamp);
        }
    }
}
