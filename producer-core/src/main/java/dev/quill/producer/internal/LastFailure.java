package dev.quill.producer.internal;

import dev.quill.producer.errors.ProducerException;

/**
 * The producer's latest failure of any kind (a connection refused, a request retried or failed), and when: what a
 * caller who stopped waiting for a record is told may be holding it up. Written on the I/O thread, read on any.
 */
public final class LastFailure {

    private record Failure(ProducerException error, long atMs) {
    }

    private volatile Failure latest;

    public void record(ProducerException error, long atMs) {
        latest = new Failure(error, atMs);
    }

    /** The latest failure at or after {@code sinceMs} (epoch milliseconds), or null. */
    public ProducerException since(long sinceMs) {
        Failure current = latest;
        return current != null && current.atMs() >= sinceMs ? current.error() : null;
    }
}
