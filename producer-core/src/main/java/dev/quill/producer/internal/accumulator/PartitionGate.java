package dev.quill.producer.internal.accumulator;

/**
 * Says whether a partition's next batch may be drained now. A transaction opened on a cluster without implicit
 * partition registration (transaction.version below 2) must add each partition to the transaction before its first
 * batch goes out; the gate holds the batch back meanwhile and remembers the partition to add.
 *
 * <p>Called on the I/O thread, under the partition queue's lock: it must be quick and must not call back into the
 * accumulator.
 */
@FunctionalInterface
public interface PartitionGate {

    PartitionGate OPEN = (topic, partition) -> true;

    boolean maySend(String topic, int partition);
}
