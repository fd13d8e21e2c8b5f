package dev.quill.producer.internal.protocol;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * The outcome of committing each partition's offset within the transaction.
 *
 * @param results one entry per partition, in the broker's order
 */
public record TxnOffsetCommitResponse(int throttleTimeMs, List<PartitionError> results) {

    public static TxnOffsetCommitResponse parse(ByteBuffer frame, short version) {
        return ResponseFrames.parse(frame, ApiKey.TXN_OFFSET_COMMIT, version, r -> readBody(r, version));
    }

    private static TxnOffsetCommitResponse readBody(ProtocolReader reader, short version) {
        boolean flexible = ApiKey.TXN_OFFSET_COMMIT.isFlexible(version);
        int throttleTimeMs = reader.readInt32();
        List<PartitionError> results = PartitionError.readTopics(reader, flexible);
        if (flexible) {
            reader.skipTaggedFields();
        }
        return new TxnOffsetCommitResponse(throttleTimeMs, results);
    }
}
