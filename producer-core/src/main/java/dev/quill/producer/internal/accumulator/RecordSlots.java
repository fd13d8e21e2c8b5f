package dev.quill.producer.internal.accumulator;

import java.util.Arrays;
import java.util.concurrent.CompletableFuture;

import dev.quill.producer.Callback;
import dev.quill.producer.RecordMetadata;

/**
 * The per-record state of one batch, in parallel arrays: each record's result future, callback, and what its
 * {@link RecordMetadata} will report. A batch's slots go back to the accumulator when the batch is done, so that
 * the next batch reuses them and an append allocates nothing but the future.
 */
final class RecordSlots {

    CompletableFuture<RecordMetadata>[] futures;
    Callback[] callbacks;
    long[] timestamps;
    int[] keySizes;
    int[] valueSizes;

    @SuppressWarnings("unchecked")
    RecordSlots(int capacity) {
        futures = new CompletableFuture[capacity];
        callbacks = new Callback[capacity];
        timestamps = new long[capacity];
        keySizes = new int[capacity];
        valueSizes = new int[capacity];
    }

    int capacity() {
        return futures.length;
    }

    void grow() {
        int n = futures.length * 2;
        futures = Arrays.copyOf(futures, n);
        callbacks = Arrays.copyOf(callbacks, n);
        timestamps = Arrays.copyOf(timestamps, n);
        keySizes = Arrays.copyOf(keySizes, n);
        valueSizes = Arrays.copyOf(valueSizes, n);
    }

    /** Lets go of the first {@code count} records' futures and callbacks, which belong to the application. */
    void clear(int count) {
        Arrays.fill(futures, 0, count, null);
        Arrays.fill(callbacks, 0, count, null);
    }
}
