package dev.quill.producer.internal.accumulator;

import java.util.Arrays;

/**
 * The records of one batch, in append order. A batch's slots go back to the accumulator when the batch is done, so
 * that the next batch reuses the array and an append allocates nothing but the record's future.
 */
final class RecordSlots {

    PendingRecord[] records;

    RecordSlots(int capacity) {
        records = new PendingRecord[capacity];
    }

    int capacity() {
        return records.length;
    }

    void grow() {
        records = Arrays.copyOf(records, records.length * 2);
    }

    /** Lets go of the first {@code count} records, whose futures belong to the application. */
    void clear(int count) {
        Arrays.fill(records, 0, count, null);
    }
}
