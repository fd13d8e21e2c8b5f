package dev.quill.producer.internal.protocol;

import java.nio.ByteBuffer;

/**
 * Adds a consumer group's offsets topic partition to the transaction, the step before
 * {@link TxnOffsetCommitRequest} sends the offsets themselves to the group coordinator.
 */
public record AddOffsetsToTxnRequest(String transactionalId, long producerId, short producerEpoch, String groupId) {

    public ByteBuffer encode(short version, int correlationId, String clientId) {
        ApiKey api = ApiKey.ADD_OFFSETS_TO_TXN;
        boolean flexible = api.isFlexible(version);
        return RequestFrames.encode(api, version, correlationId, clientId,
                RequestHeader.utf8Bound(transactionalId) + RequestHeader.utf8Bound(groupId) + 20, writer -> {
                    writer.writeString(transactionalId, flexible);
                    writer.writeInt64(producerId);
                    writer.writeInt16(producerEpoch);
                    writer.writeString(groupId, flexible);
                    if (flexible) {
                        writer.writeEmptyTaggedFields();
                    }
                });
    }
}
