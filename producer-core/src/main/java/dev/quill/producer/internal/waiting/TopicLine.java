package dev.quill.producer.internal.waiting;

import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicInteger;

import dev.quill.producer.internal.accumulator.PendingRecord;

/** The records of one topic that wait to be placed, in send order. */
final class TopicLine {

    final String topic;
    /** Guarded by this object's monitor. */
    final ArrayDeque<PendingRecord> records = new ArrayDeque<>();
    /** {@code records.size()}, readable without the monitor so that {@code send} checks it cheaply. */
    volatile int count;

    TopicLine(String topic) {
        this.topic = topic;
    }

    /**
     * Sets {@link #count} after {@link #records} changed, and counts the line in or out of {@code nonEmptyLines} when it
     * turned non-empty or empty. Call with this object's monitor held.
     */
    void recount(AtomicInteger nonEmptyLines) {
        int before = count;
        int now = records.size();
        count = now;
        if (before == 0 && now > 0) {
            nonEmptyLines.incrementAndGet();
        } else if (before > 0 && now == 0) {
            nonEmptyLines.decrementAndGet();
        }
    }
}
