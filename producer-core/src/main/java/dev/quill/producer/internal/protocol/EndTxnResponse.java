package dev.quill.producer.internal.protocol;

import dev.quill.producer.errors.Errors;
import java.nio.ByteBuffer;

/**
 * Whether the transaction ended. Under transaction version 2 (KIP-890, EndTxn v5+) the coordinator bumps
 * the epoch at the end of every transaction and returns the producer id and epoch to use for the next
 * one; versions before 5 cannot carry them, so they read as -1/-1 there.
 */
public record EndTxnResponse(int throttleTimeMs, short errorCode, long producerId, short producerEpoch) {

    public Errors error() {
        return Errors.forCode(errorCode);
    }

    public static EndTxnResponse parse(ByteBuffer frame, short version) {
        ApiKey api = ApiKey.END_TXN;
        return ResponseFrames.parse(frame, api, version, reader -> {
            int throttleTimeMs = reader.readInt32();
            short errorCode = reader.readInt16();
            long producerId = version >= 5 ? reader.readInt64() : -1L;
            short producerEpoch = version >= 5 ? reader.readInt16() : -1;
            if (api.isFlexible(version)) {
                reader.skipTaggedFields();
            }
            return new EndTxnResponse(throttleTimeMs, errorCode, producerId, producerEpoch);
        });
    }
}
