package dev.quill.producer.internal.protocol;

import java.nio.ByteBuffer;

/**
 * Asks the transaction coordinator to commit ({@code committed} true) or abort the ongoing transaction.
 */
public record EndTxnRequest(String transactionalId, long producerId, short producerEpoch, boolean committed) {

    public ByteBuffer encode(short version, int correlationId, String clientId) {
        ApiKey api = ApiKey.END_TXN;
        boolean flexible = api.isFlexible(version);
        return RequestFrames.encode(api, version, correlationId, clientId,
                RequestHeader.utf8Bound(transactionalId) + 16, writer -> {
                    writer.writeString(transactionalId, flexible);
                    writer.writeInt64(producerId);
                    writer.writeInt16(producerEpoch);
                    writer.writeBoolean(committed);
                    if (flexible) {
                        writer.writeEmptyTaggedFields();
                    }
                });
    }
}
