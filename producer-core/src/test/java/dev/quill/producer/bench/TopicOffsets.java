package dev.quill.producer.bench;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A null-broker topic's next offset per partition, advanced by the broker's thread on every Produce and read by the
 * benchmark's thread to verify a run.
 *
 * <p>The counters sit a few cache lines away from the objects allocated just before them. Those are the topic's name,
 * which the benchmark made a moment earlier and which a client hashes on every {@code send()}. On one cache line with
 * the counters, the name's line was taken away from the sending thread each time the broker answered, and a client's
 * send cost several times what it does when the broker is another machine, a cost of the benchmark, not of a client.
 */
final class TopicOffsets {

    /** 128 bytes of longs before the first counter and after the last, more than a cache line on either side. */
    private static final int PADDING = 16;

    private final AtomicLongArray slots;
    private final int partitions;

    TopicOffsets(int partitions) {
        this.partitions = partitions;
        this.slots = new AtomicLongArray(partitions + 2 * PADDING);
    }

    int partitionCount() {
        return partitions;
    }

    /** Advances the partition's offset by {@code records} and returns the base offset they were given. */
    long append(int partition, int records) {
        // Single writer (the broker's network thread), so get-then-set is enough; atomic only for readers.
        long base = slots.get(PADDING + partition);
        slots.set(PADDING + partition, base + records);
        return base;
    }

    /** Records appended over all partitions. */
    long total() {
        long sum = 0;
        for (int p = 0; p < partitions; p++) {
            sum += slots.get(PADDING + p);
        }
        return sum;
    }
}
