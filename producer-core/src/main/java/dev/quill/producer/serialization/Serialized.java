package dev.quill.producer.serialization;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * What an {@link AsyncSerializer} made of a key or value: the bytes, whose length is final at once, and the stage
 * that completes once their content is final too (a schema id written into them), or fails with the reason.
 *
 * @param bytes the serialized data, null for no bytes (a null key or a tombstone)
 * @param ready completes when {@code bytes} may be sent; already complete when nothing was looked up
 */
public record Serialized(byte[] bytes, CompletableFuture<Void> ready) {

    private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

    public Serialized {
        Objects.requireNonNull(ready, "ready");
    }

    /** Bytes that need no lookup. */
    public static Serialized now(byte[] bytes) {
        return new Serialized(bytes, DONE);
    }

    /** Whether the bytes may be sent now. */
    public boolean isReady() {
        return ready.isDone() && !ready.isCompletedExceptionally();
    }
}
