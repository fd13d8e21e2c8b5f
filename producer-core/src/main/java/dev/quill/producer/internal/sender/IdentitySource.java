package dev.quill.producer.internal.sender;

import dev.quill.producer.errors.ProducerException;
import dev.quill.producer.internal.accumulator.PartitionGate;

/**
 * Gives a producer that needs one its id and epoch, and decides when its batches may go out: for the idempotent
 * producer, once InitProducerId answered; for the transactional one, once the open transaction may take them.
 * Used by the I/O thread only, except {@link #fatalError()}.
 */
interface IdentitySource {

    /** An error after which the producer cannot send any record, or null. */
    ProducerException fatalError();

    /** Sends what the identity needs next; true when batches may be drained now. */
    boolean ensureIdentity(long now);

    /** A batch with sequence numbers failed for good, or the brokers lost the producer's state. */
    void requestReset();

    /** A batch failed for good, with the error its records got. */
    default void batchFailed(ProducerException error) {
    }

    /** Which partitions may send their next batch. */
    default PartitionGate gate() {
        return PartitionGate.OPEN;
    }

    /** The Produce version to use given the one negotiated with the broker. */
    default short produceVersion(short negotiated) {
        return negotiated;
    }

    /** The transactional id Produce requests carry, or null. */
    default String transactionalId() {
        return null;
    }

    /** Whether a request of its own waits for a connection to become ready. */
    default boolean waitsForNetwork() {
        return false;
    }

    /** How long until this source has something to send without being woken; bounds the I/O thread's wait. */
    default long timeToNextRequestMs(long now) {
        return Long.MAX_VALUE;
    }
}
