package dev.quill.producer;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import dev.quill.producer.errors.DeliveryTimeoutException;
import dev.quill.producer.errors.ProducerClosedException;
import dev.quill.producer.errors.ProducerException;

/**
 * What a Kafka producer does: send records, flush, describe itself (partitions, metrics, health, configuration) and
 * close. {@link QuillProducer} talks to the brokers; {@code dev.quill.producer.testing.MockProducer} is a test double
 * that records what it is given. Code that sends (a service, a {@code ProducerTemplate}) depends on this interface, so
 * that a test can hand it the double.
 *
 * <p>Implementations are thread-safe. A record's callback runs before its future completes, so code chained on the
 * future sees what the callback did.
 *
 * <p>Transactions are not part of this interface: {@link TransactionalProducer} adds them, so that code which only
 * sends keeps depending on this one.
 *
 * @param <K> key type
 * @param <V> value type
 */
public interface Producer<K, V> extends AutoCloseable {

    /** The client id this producer uses with the brokers (generated when none was configured). */
    String clientId();

    /** Sends a record; the future completes when the brokers acknowledged it or it failed. */
    default CompletableFuture<RecordMetadata> send(ProducerRecord<K, V> record) {
        return send(record, null);
    }

    /**
     * Sends a record and runs the callback when it was acknowledged or failed, then completes the returned future.
     * A record refused at once (the producer is closed, a serializer threw, the record is too large) fails through
     * both, never by an exception from this method.
     *
     * @param callback run once with the outcome, or null
     */
    CompletableFuture<RecordMetadata> send(ProducerRecord<K, V> record, Callback callback);

    /**
     * Makes every buffered record sendable now and waits until each has completed, successfully or not.
     * Records sent while flushing may or may not be waited for.
     */
    void flush();

    /**
     * The partitions of a topic, ordered by partition number.
     *
     * @throws DeliveryTimeoutException when the topic's metadata did not arrive within {@code max.block.ms}
     */
    List<PartitionInfo> partitionsFor(String topic);

    /** A snapshot of the producer's counters and gauges. */
    ProducerMetrics metrics();

    /** The producer's view of the cluster, from its own connections and metadata; sends nothing. */
    ProducerHealth health();

    /**
     * The producer's latest failure at or after {@code since}: a broker connection refused or lost, a request
     * retried or failed. Says what may be holding up a record that has not completed yet; null when nothing failed.
     */
    ProducerException lastErrorSince(Instant since);

    /** The configuration this producer runs with. */
    ProducerConfig config();

    /** Closes, waiting without limit for buffered records to be sent. */
    @Override
    void close();

    /**
     * Sends what is buffered and closes, waiting at most {@code timeout}. Records still unsent when the timeout passes
     * fail with {@link ProducerClosedException}, as do records sent afterwards. Closing twice is harmless.
     */
    void close(Duration timeout);
}
