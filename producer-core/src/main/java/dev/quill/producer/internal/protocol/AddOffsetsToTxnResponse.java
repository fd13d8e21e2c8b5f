package dev.quill.producer.internal.protocol;

import dev.quill.producer.errors.Errors;
import java.nio.ByteBuffer;

/** Whether the transaction coordinator added the group's offsets to the transaction. */
public record AddOffsetsToTxnResponse(int throttleTimeMs, short errorCode) {

    public Errors error() {
        return Errors.forCode(errorCode);
    }

    public static AddOffsetsToTxnResponse parse(ByteBuffer frame, short version) {
        ApiKey api = ApiKey.ADD_OFFSETS_TO_TXN;
        return ResponseFrames.parse(frame, api, version, reader -> {
            AddOffsetsToTxnResponse response = new AddOffsetsToTxnResponse(reader.readInt32(), reader.readInt16());
            if (api.isFlexible(version)) {
                reader.skipTaggedFields();
            }
            return response;
        });
    }
}
