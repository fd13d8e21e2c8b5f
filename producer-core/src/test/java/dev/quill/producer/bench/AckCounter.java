package dev.quill.producer.bench;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts one producer's acknowledgements for a whole run: one shared instance per producer, updated only by that
 * producer's I/O thread, so that counting adds neither an allocation per record nor contention between producers.
 */
final class AckCounter implements BenchProducer.Completions {

    private static final long ACK_WAIT_NANOS = TimeUnit.MINUTES.toNanos(2);

    private final AtomicLong acked = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private volatile Exception firstError;

    @Override
    public void completed(Exception error) {
        if (error != null) {
            if (firstError == null) {
                firstError = error;
            }
            failed.incrementAndGet();
        }
        acked.incrementAndGet();
    }

    /** Records completed so far, successfully or not. */
    long completed() {
        return acked.get();
    }

    long failures() {
        return failed.get();
    }

    /** The first error a callback reported, or null. */
    Exception firstError() {
        return firstError;
    }

    /**
     * Waits, up to two minutes, until {@code expected} records completed. flush() returns once futures complete;
     * Quill completes a future just before running its callback, so the callbacks are waited for too, for both
     * clients, before a clock stops.
     */
    void awaitAll(long expected) {
        long deadline = System.nanoTime() + ACK_WAIT_NANOS;
        while (acked.get() < expected) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("only " + acked.get() + " of " + expected + " records completed");
            }
            Thread.onSpinWait();
        }
    }
}
