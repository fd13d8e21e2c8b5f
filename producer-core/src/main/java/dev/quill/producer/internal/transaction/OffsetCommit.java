package dev.quill.producer.internal.transaction;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import dev.quill.producer.ConsumedOffset;
import dev.quill.producer.GroupMetadata;

/** Offsets to commit with the open transaction, and the caller's result. */
public record OffsetCommit(List<ConsumedOffset> offsets, GroupMetadata group, CompletableFuture<Void> result) {
}
