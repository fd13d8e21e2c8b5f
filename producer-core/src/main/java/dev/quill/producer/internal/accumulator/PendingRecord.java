package dev.quill.producer.internal.accumulator;

import java.util.concurrent.CompletableFuture;

import dev.quill.producer.Callback;
import dev.quill.producer.Headers;
import dev.quill.producer.RecordMetadata;

/**
 * A serialized record whose topic metadata (or requested partition) is not known yet. It waits here,
 * not in the caller's thread, until metadata arrives or {@code max.block.ms} passes, holding
 * {@code reservedBytes} of buffer memory so that waiting records count against {@code buffer.memory}.
 */
public record PendingRecord(String topic, int requestedPartition, Object key, Object value, byte[] keyBytes,
                     byte[] valueBytes, Headers headers, long timestamp, Callback callback,
                     CompletableFuture<RecordMetadata> future, long createdMs, int reservedBytes) {

    /** Fails the record, running its callback as any other failed record's; see {@link RecordAccumulator#failPending}. */
    void fail(dev.quill.producer.errors.ProducerException error) {
        if (callback != null) {
            Callbacks.invoke(callback, null, error);
        }
        future.completeExceptionally(error);
    }
}
