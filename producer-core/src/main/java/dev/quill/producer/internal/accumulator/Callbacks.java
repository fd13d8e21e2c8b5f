package dev.quill.producer.internal.accumulator;

import java.lang.System.Logger.Level;

import dev.quill.producer.Callback;
import dev.quill.producer.RecordMetadata;

/**
 * Runs user callbacks so that one that throws cannot break the I/O thread or the records after it. (Failed records
 * themselves are told to the operator by {@link dev.quill.producer.internal.log.RecordFailureLog}.)
 */
public final class Callbacks {

    private static final System.Logger LOG = System.getLogger("dev.quill.producer");

    private Callbacks() {
    }

    public static void invoke(Callback callback, RecordMetadata metadata, Exception error) {
        try {
            callback.onCompletion(metadata, error);
        } catch (RuntimeException | Error e) {
            LOG.log(Level.ERROR, "A send callback threw; the producer carries on with the other records", e);
        }
    }
}
