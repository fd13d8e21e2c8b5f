package dev.quill.producer.internal.registry;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Schema ids by subject and schema, shared by all records: a known id costs one map lookup, and while an id is
 * being looked up every record that needs it waits on the same lookup rather than starting its own. A failed
 * lookup is forgotten, so that the next record asks again. At most {@code max.schemas.per.subject} entries are kept
 * per subject; beyond that the oldest is dropped (a producer writing ever-new schemas must not grow without bound).
 *
 * @param <S> the schema's key type: equal schemas must be equal keys
 */
public final class SchemaIdCache<S> {

    private final int maxPerSubject;
    private final Map<String, Map<S, CompletableFuture<Integer>>> bySubject = new ConcurrentHashMap<>();

    public SchemaIdCache(int maxPerSubject) {
        this.maxPerSubject = maxPerSubject;
    }

    /** The id if it is known now, else null; never starts a lookup. */
    public Integer known(String subject, S schema) {
        CompletableFuture<Integer> id = get(subject, schema);
        return id != null && id.isDone() && !id.isCompletedExceptionally() ? id.join() : null;
    }

    /** The id's stage: the cached one, the one in flight, or a new lookup from {@code lookup}. */
    public CompletableFuture<Integer> get(String subject, S schema, Supplier<CompletableFuture<Integer>> lookup) {
        Map<S, CompletableFuture<Integer>> schemas = schemas(subject);
        CompletableFuture<Integer> mine = new CompletableFuture<>();
        CompletableFuture<Integer> existing;
        synchronized (schemas) {
            existing = schemas.putIfAbsent(schema, mine);
        }
        if (existing != null) {
            return existing;
        }
        // The lookup starts outside the lock: it may complete on this very thread.
        CompletableFuture<Integer> started;
        try {
            started = lookup.get();
        } catch (RuntimeException e) {
            started = CompletableFuture.failedFuture(e);
        }
        started.whenComplete((id, error) -> {
            if (error != null) {
                synchronized (schemas) {
                    schemas.remove(schema, mine);
                }
                mine.completeExceptionally(error);
            } else {
                mine.complete(id);
            }
        });
        return mine;
    }

    private CompletableFuture<Integer> get(String subject, S schema) {
        Map<S, CompletableFuture<Integer>> schemas = bySubject.get(subject);
        if (schemas == null) {
            return null;
        }
        synchronized (schemas) {
            return schemas.get(schema);
        }
    }

    private Map<S, CompletableFuture<Integer>> schemas(String subject) {
        return bySubject.computeIfAbsent(subject, s -> new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<S, CompletableFuture<Integer>> eldest) {
                return size() > maxPerSubject;
            }
        });
    }
}
