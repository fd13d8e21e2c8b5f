package dev.quill.producer.internal.accumulator;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which brokers the sticky partitioner should leave out for {@code partitioner.availability.timeout.ms} (KIP-794):
 * those that had batches due for longer than the timeout without any being drained to them. As in kafka-clients,
 * each broker keeps the last time it had a batch due and the last time batches were drained to it; the gap between
 * the two is how long data has been waiting on it.
 *
 * <p>The I/O thread writes (ready checks and drains); threads that send read, without locks.
 */
final class NodeAvailability {

    private final long timeoutMs;
    /** Brokers that had a batch due at the last ready check; the others are not behind. */
    private final ConcurrentHashMap<Integer, Times> waiting = new ConcurrentHashMap<>();

    /** @param timeoutMs {@code partitioner.availability.timeout.ms}; 0 tracks nothing, so every broker is available */
    NodeAvailability(long timeoutMs) {
        this.timeoutMs = timeoutMs;
    }

    boolean enabled() {
        return timeoutMs > 0;
    }

    /**
     * A ready check found batches due (sendable, or held back only by unanswered requests) for these brokers and
     * none for the others.
     */
    void onReadyCheck(Set<Integer> due, long nowMs) {
        if (!enabled()) {
            return;
        }
        // A broker that nothing was due for is not behind: when data is due for it again, its wait starts then,
        // not at its last drain, however long ago that was.
        waiting.keySet().retainAll(due);
        for (Integer node : due) {
            waiting.computeIfAbsent(node, id -> new Times(nowMs)).readyMs = nowMs;
        }
    }

    /** Batches were drained to the broker. */
    void onDrained(int node, long nowMs) {
        if (!enabled()) {
            return;
        }
        Times times = waiting.get(node);
        if (times != null) {
            times.drainMs = nowMs;
        }
    }

    /** Whether keyless records may go to the partitions this broker leads. */
    boolean isAvailable(int node) {
        Times times = waiting.get(node);
        if (times == null) {
            return true;
        }
        // Ready time first, so that every drain up to it is seen: a racing read may understate the wait, never
        // overstate it and leave a broker out that was just drained.
        long readyMs = times.readyMs;
        return readyMs - times.drainMs <= timeoutMs;
    }

    private static final class Times {
        volatile long readyMs;
        volatile long drainMs;

        Times(long nowMs) {
            readyMs = nowMs;
            drainMs = nowMs;
        }
    }
}
