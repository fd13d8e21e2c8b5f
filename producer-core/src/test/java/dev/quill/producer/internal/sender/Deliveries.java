package dev.quill.producer.internal.sender;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import dev.quill.producer.RecordMetadata;

/** What the user holding a record's future sees, read without waiting: the sender already ran. */
final class Deliveries {

    private Deliveries() {
    }

    static RecordMetadata delivered(CompletableFuture<RecordMetadata> record) {
        assertThat(record).as("record delivered").isCompleted();
        return record.join();
    }

    static Throwable failure(CompletableFuture<RecordMetadata> record) {
        assertThat(record).as("record failed").isCompletedExceptionally();
        try {
            record.join();
            throw new AssertionError("unreachable: the future failed");
        } catch (CompletionException e) {
            return e.getCause();
        }
    }
}
