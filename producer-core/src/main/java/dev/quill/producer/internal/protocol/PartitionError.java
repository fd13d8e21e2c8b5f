package dev.quill.producer.internal.protocol;

import dev.quill.producer.errors.Errors;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** One partition's error code in a response that answers per topic and partition (AddPartitionsToTxn, TxnOffsetCommit). */
public record PartitionError(String topic, int partition, short errorCode) {

    public Errors error() {
        return Errors.forCode(errorCode);
    }

    /** Reads {@code [Name, [PartitionIndex, ErrorCode]]}, flattened in the broker's order. */
    static List<PartitionError> readTopics(ProtocolReader reader, boolean flexible) {
        List<PartitionError> results = new ArrayList<>();
        int topics = reader.readArrayLength(flexible);
        for (int i = 0; i < topics; i++) {
            String topic = reader.readString(flexible);
            results.addAll(reader.readArray(flexible, r -> {
                PartitionError result = new PartitionError(topic, r.readInt32(), r.readInt16());
                if (flexible) {
                    r.skipTaggedFields();
                }
                return result;
            }));
            if (flexible) {
                reader.skipTaggedFields();
            }
        }
        return Collections.unmodifiableList(results);
    }
}
