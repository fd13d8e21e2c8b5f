package dev.quill.producer.internal.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class SchemaRegistryIdCacheTest {

    @Test
    void waitersShareOneLookupAndLaterCallsSeeTheId() {
        SchemaIdCache<String> cache = new SchemaIdCache<>(10);
        CompletableFuture<Integer> lookup = new CompletableFuture<>();
        AtomicInteger lookups = new AtomicInteger();

        CompletableFuture<Integer> first = cache.get("s", "schema", () -> {
            lookups.incrementAndGet();
            return lookup;
        });
        CompletableFuture<Integer> second = cache.get("s", "schema", () -> {
            lookups.incrementAndGet();
            return lookup;
        });
        assertThat(cache.known("s", "schema")).isNull();
        lookup.complete(5);

        assertThat(lookups).hasValue(1);
        assertThat(first.join()).isEqualTo(5);
        assertThat(second.join()).isEqualTo(5);
        assertThat(cache.known("s", "schema")).isEqualTo(5);
        assertThat(cache.known("other-subject", "schema")).isNull();
    }

    @Test
    void aFailedLookupIsForgotten() {
        SchemaIdCache<String> cache = new SchemaIdCache<>(10);

        CompletableFuture<Integer> failed = cache.get("s", "schema",
                () -> CompletableFuture.failedFuture(new IllegalStateException("down")));
        CompletableFuture<Integer> retried = cache.get("s", "schema", () -> CompletableFuture.completedFuture(6));

        assertThat(failed).isCompletedExceptionally();
        assertThat(retried.join()).isEqualTo(6);
    }

    @Test
    void eachSubjectKeepsAtMostMaxSchemasDroppingTheLeastRecentlyUsed() {
        SchemaIdCache<String> cache = new SchemaIdCache<>(2);
        cache.get("s", "a", () -> CompletableFuture.completedFuture(1));
        cache.get("s", "b", () -> CompletableFuture.completedFuture(2));
        cache.known("s", "a");
        cache.get("s", "c", () -> CompletableFuture.completedFuture(3));
        cache.get("t", "x", () -> CompletableFuture.completedFuture(4));

        assertThat(cache.known("s", "a")).isEqualTo(1);
        assertThat(cache.known("s", "b")).isNull();
        assertThat(cache.known("s", "c")).isEqualTo(3);
        assertThat(cache.known("t", "x")).isEqualTo(4);
    }
}
