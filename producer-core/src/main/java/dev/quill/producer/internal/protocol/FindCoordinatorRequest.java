package dev.quill.producer.internal.protocol;

import java.nio.ByteBuffer;

/**
 * Asks which broker coordinates a consumer group or a transactional id. From v4 the request carries a list
 * of keys (KIP-699); Quill always asks for one, so a response names a single coordinator.
 *
 * @param keyType {@link #KEY_TYPE_GROUP} or {@link #KEY_TYPE_TRANSACTION}
 */
public record FindCoordinatorRequest(byte keyType, String key) {

    public static final byte KEY_TYPE_GROUP = 0;
    public static final byte KEY_TYPE_TRANSACTION = 1;

    public ByteBuffer encode(short version, int correlationId, String clientId) {
        ApiKey api = ApiKey.FIND_COORDINATOR;
        boolean flexible = api.isFlexible(version);
        return RequestFrames.encode(api, version, correlationId, clientId,
                RequestHeader.utf8Bound(key) + 12, writer -> {
                    if (version >= 4) {
                        writer.writeInt8(keyType);
                        writer.writeArrayLength(1, flexible);
                        writer.writeString(key, flexible);
                    } else {
                        writer.writeString(key, flexible);
                        writer.writeInt8(keyType);
                    }
                    if (flexible) {
                        writer.writeEmptyTaggedFields();
                    }
                });
    }
}
