package dev.quill.producer;

/**
 * Runs once when a record is acknowledged or has failed. Runs on the producer's I/O thread, or, for a record that
 * failed while it waited for metadata or a schema id, on the thread that places waiting records, which the JVM's
 * producers share; so it must be quick and must not block: hand long work to an executor. An exception thrown here
 * is logged and does not affect other records.
 */
@FunctionalInterface
public interface Callback {

    /**
     * @param metadata where the record landed, or null when it failed
     * @param error why the record failed, or null when it succeeded
     */
    void onCompletion(RecordMetadata metadata, Exception error);
}
