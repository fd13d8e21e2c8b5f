package dev.quill.producer.internal.protocol;

import dev.quill.producer.errors.Errors;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The outcome of adding each partition to the transaction. The request succeeds or fails as a whole: a
 * coordinator error is repeated for every partition, and when some partitions are rejected the others
 * carry OPERATION_NOT_ATTEMPTED.
 *
 * @param results one entry per partition, in the broker's order
 */
public record AddPartitionsToTxnResponse(int throttleTimeMs, List<PartitionResult> results) {

    public record PartitionResult(String topic, int partition, short errorCode) {

        public Errors error() {
            return Errors.forCode(errorCode);
        }
    }

    public static AddPartitionsToTxnResponse parse(ByteBuffer frame, short version) {
        return ResponseFrames.parse(frame, ApiKey.ADD_PARTITIONS_TO_TXN, version, r -> readBody(r, version));
    }

    private static AddPartitionsToTxnResponse readBody(ProtocolReader reader, short version) {
        boolean flexible = ApiKey.ADD_PARTITIONS_TO_TXN.isFlexible(version);
        int throttleTimeMs = reader.readInt32();
        List<PartitionResult> results = new ArrayList<>();
        int topics = reader.readArrayLength(flexible);
        for (int i = 0; i < topics; i++) {
            String topic = reader.readString(flexible);
            results.addAll(reader.readArray(flexible, r -> {
                PartitionResult result = new PartitionResult(topic, r.readInt32(), r.readInt16());
                if (flexible) {
                    r.skipTaggedFields();
                }
                return result;
            }));
            if (flexible) {
                reader.skipTaggedFields();
            }
        }
        if (flexible) {
            reader.skipTaggedFields();
        }
        return new AddPartitionsToTxnResponse(throttleTimeMs, Collections.unmodifiableList(results));
    }
}
