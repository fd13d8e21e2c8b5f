package dev.quill.producer.internal.protocol;

import java.nio.ByteBuffer;

/**
 * Asks for a producer id and epoch. {@code producerId}/{@code producerEpoch} (v3+) let a producer bump
 * the epoch of the id it holds instead of getting a new one; versions before 3 cannot carry them, so
 * they are left out there and the broker allocates a fresh id. Use -1/-1 for a first request.
 */
public record InitProducerIdRequest(String transactionalId, int transactionTimeoutMs, long producerId,
                                    short producerEpoch) {

    public static final long NO_PRODUCER_ID = -1L;
    public static final short NO_PRODUCER_EPOCH = -1;

    public ByteBuffer encode(short version, int correlationId, String clientId) {
        ApiKey api = ApiKey.INIT_PRODUCER_ID;
        boolean flexible = api.isFlexible(version);
        return RequestFrames.encode(api, version, correlationId, clientId,
                RequestHeader.utf8Bound(transactionalId) + 24, writer -> {
                    writer.writeNullableString(transactionalId, flexible);
                    writer.writeInt32(transactionTimeoutMs);
                    if (version >= 3) {
                        writer.writeInt64(producerId);
                        writer.writeInt16(producerEpoch);
                    }
                    if (flexible) {
                        writer.writeEmptyTaggedFields();
                    }
                });
    }
}
