package dev.quill.producer.internal.protocol;

import dev.quill.producer.errors.Errors;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The outcome of committing each partition's offset within the transaction.
 *
 * @param results one entry per partition, in the broker's order
 */
public record TxnOffsetCommitResponse(int throttleTimeMs, List<PartitionResult> results) {

    public record PartitionResult(String topic, int partition, short errorCode) {

        public Errors error() {
            return Errors.forCode(errorCode);
        }
    }

    public static TxnOffsetCommitResponse parse(ByteBuffer frame, short version) {
        return ResponseFrames.parse(frame, ApiKey.TXN_OFFSET_COMMIT, version, r -> readBody(r, version));
    }

    private static TxnOffsetCommitResponse readBody(ProtocolReader reader, short version) {
        boolean flexible = ApiKey.TXN_OFFSET_COMMIT.isFlexible(version);
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
        return new TxnOffsetCommitResponse(throttleTimeMs, Collections.unmodifiableList(results));
    }
}
