package dev.quill.producer.internal.sender;

import java.util.List;

import dev.quill.producer.PartitionInfo;
import dev.quill.producer.internal.accumulator.PendingRecord;

/** Places a record that waited for metadata, by the same rules as a record placed in {@code send}. */
@FunctionalInterface
public interface PartitionChooser {

    int partition(PendingRecord record, List<PartitionInfo> partitions);
}
