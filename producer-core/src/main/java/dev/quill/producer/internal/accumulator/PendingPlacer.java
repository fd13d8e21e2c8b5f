package dev.quill.producer.internal.accumulator;

/** Decides the fate of a record that waited for metadata; see {@link RecordAccumulator#placePending}. */
@FunctionalInterface
public interface PendingPlacer {

    /** Appends or fails the record and returns true, or returns false to leave it (and those after it) waiting. */
    boolean placeOrFail(PendingRecord record);
}
