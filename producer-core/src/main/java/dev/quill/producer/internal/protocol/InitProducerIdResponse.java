package dev.quill.producer.internal.protocol;

import dev.quill.producer.errors.Errors;
import java.nio.ByteBuffer;

/** The producer id and epoch the broker assigned, or the error that prevented it. */
public record InitProducerIdResponse(int throttleTimeMs, short errorCode, long producerId, short producerEpoch) {

    public Errors error() {
        return Errors.forCode(errorCode);
    }

    public static InitProducerIdResponse parse(ByteBuffer frame, short version) {
        ApiKey api = ApiKey.INIT_PRODUCER_ID;
        return ResponseFrames.parse(frame, api, version, reader -> {
            InitProducerIdResponse response = new InitProducerIdResponse(
                    reader.readInt32(), reader.readInt16(), reader.readInt64(), reader.readInt16());
            if (api.isFlexible(version)) {
                reader.skipTaggedFields();
            }
            return response;
        });
    }
}
