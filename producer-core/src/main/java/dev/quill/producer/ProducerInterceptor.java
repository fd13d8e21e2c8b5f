package dev.quill.producer;

import java.util.Map;

/**
 * Sees every record before it is serialized and hears of its outcome, with the semantics of kafka-clients'
 * {@code org.apache.kafka.clients.producer.ProducerInterceptor}. Configured by {@code interceptor.classes}, which
 * takes Quill interceptors and kafka-clients interceptors alike (the latter need kafka-clients on the class path).
 *
 * <p>Interceptors run in the order configured, each on the record the previous one returned. An interceptor is
 * shared by every thread that sends, and its {@link #onAcknowledgement} runs on the producer's I/O thread: make it
 * thread-safe, and keep both methods fast.
 *
 * <p>Caveats: Quill does not tell interceptors about cluster metadata (kafka-clients' {@code ClusterResourceListener})
 * and does not register their metrics ({@code Monitorable}).
 *
 * @param <K> key type
 * @param <V> value type
 */
public interface ProducerInterceptor<K, V> extends AutoCloseable {

    /**
     * Called from {@code send}, before the key and value are serialized and the partition is chosen. May return the
     * record unchanged or a different one, which is then sent instead (its partition, when given, is used; otherwise
     * the partition is chosen from its key). Changing key, value or topic is allowed but surprises whoever reads
     * the topic, as in kafka-clients.
     *
     * <p>An exception thrown here, or a null result, is logged and the interceptor is skipped: the next one (or the
     * producer) gets the record as it was before this interceptor.
     */
    ProducerRecord<K, V> onSend(ProducerRecord<K, V> record);

    /**
     * Called exactly once per record that went through {@link #onSend}: when the brokers acknowledged it, or when
     * it failed, including failures before it reached a batch (a serializer that threw, a record too large, a
     * closed producer). Runs before the record's callback and before its future completes.
     *
     * <p>On failure, {@code metadata} holds only the topic and the partition the record asked for (-1,
     * {@link ProducerRecord#ANY_PARTITION}, when it asked for none); offset, timestamp and sizes are -1. Unlike
     * kafka-clients, the partition chosen for a record that failed after partitioning is not reported.
     *
     * <p>Runs on the I/O thread for records that reached a batch and on the sending thread otherwise. An exception
     * thrown here is logged and ignored. Default: does nothing.
     *
     * @param metadata where the record landed, or only its topic and requested partition when it failed
     * @param error why the record failed, or null when it succeeded
     */
    default void onAcknowledgement(RecordMetadata metadata, Exception error) {
    }

    /**
     * Called once, before the first record, with the producer's whole configuration: the map it was created from
     * (Kafka's keys, unknown ones included) with the effective {@code client.id}. Default: does nothing.
     */
    default void configure(Map<String, ?> configs) {
    }

    /** Called once when the producer closes, after its last record completed. Default: does nothing. */
    @Override
    default void close() {
    }
}
