package dev.quill.producer.internal.sender;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

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

    /** The exception the record's future failed with, as {@code get} or a callback would report it. */
    static Throwable failure(CompletableFuture<RecordMetadata> record) {
        assertThat(record).as("record failed").isCompletedExceptionally();
        return catchThrowableOfType(CompletionException.class, record::join).getCause();
    }
}
