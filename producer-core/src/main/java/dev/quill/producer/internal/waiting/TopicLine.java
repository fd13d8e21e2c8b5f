package dev.quill.producer.internal.waiting;

import java.util.ArrayDeque;

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
}
