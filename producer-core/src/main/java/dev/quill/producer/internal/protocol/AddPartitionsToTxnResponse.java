package dev.quill.producer.internal.protocol;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * The outcome of adding each partition to the transaction. The request succeeds or fails as a whole: a
 * coordinator error is repeated for every partition, and when some partitions are rejected the others
 * carry OPERATION_NOT_ATTEMPTED.
 *
 * @param results one entry per partition, in the broker's order
 */
public record AddPartitionsToTxnResponse(int throttleTimeMs, List<PartitionError> results) {

    public static AddPartitionsToTxnResponse parse(ByteBuffer frame, short version) {
        return ResponseFrames.parse(frame, ApiKey.ADD_PARTITIONS_TO_TXN, version, r -> readBody(r, version));
    }

    private static AddPartitionsToTxnResponse readBody(ProtocolReader reader, short version) {
        boolean flexible = ApiKey.ADD_PARTITIONS_TO_TXN.isFlexible(version);
        int throttleTimeMs = reader.readInt32();
        List<PartitionError> results = PartitionError.readTopics(reader, flexible);
        if (flexible) {
            reader.skipTaggedFields();
        }
        return new AddPartitionsToTxnResponse(throttleTimeMs, results);
    }
}
