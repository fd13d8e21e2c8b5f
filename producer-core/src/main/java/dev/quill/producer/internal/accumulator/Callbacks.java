package dev.quill.producer.internal.accumulator;

import java.lang.System.Logger.Level;
import java.util.concurrent.atomic.AtomicLong;

import dev.quill.producer.Callback;
import dev.quill.producer.RecordMetadata;

/**
 * Runs user callbacks so that one that throws cannot break the I/O thread or the records after it, and
 * reports failures nobody is listening for (fire-and-forget sends), at most once per interval so that an
 * outage does not flood the log.
 */
public final class Callbacks {

    private static final System.Logger LOG = System.getLogger("dev.quill.producer");
    private static final long UNOBSERVED_LOG_INTERVAL_MS = 10_000;
    private static final AtomicLong lastUnobservedLogMs = new AtomicLong();
    private static final AtomicLong unobservedSinceLastLog = new AtomicLong();

    private Callbacks() {
    }

    public static void invoke(Callback callback, RecordMetadata metadata, Exception error) {
        try {
            callback.onCompletion(metadata, error);
        } catch (RuntimeException | Error e) {
            LOG.log(Level.ERROR, "A send callback threw; the producer carries on with the other records", e);
        }
    }

    static void unobservedFailure(String topic, int partition, Exception error) {
        long suppressed = unobservedSinceLastLog.incrementAndGet();
        long now = System.currentTimeMillis();
        long last = lastUnobservedLogMs.get();
        if (now - last >= UNOBSERVED_LOG_INTERVAL_MS && lastUnobservedLogMs.compareAndSet(last, now)) {
            unobservedSinceLastLog.set(0);
            LOG.log(Level.WARNING, "Failed to send " + suppressed + " record(s) with no callback or future "
                    + "listener (latest to " + topic + "-" + partition + "): " + error.getMessage(), error);
        }
    }
}
