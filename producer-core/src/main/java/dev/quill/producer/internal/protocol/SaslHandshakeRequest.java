package dev.quill.producer.internal.protocol;

import java.nio.ByteBuffer;

/**
 * Names the SASL mechanism the client will use. From v1 the tokens that follow travel inside
 * SaslAuthenticate requests (framed like any request) instead of as raw size-prefixed bytes.
 */
public record SaslHandshakeRequest(String mechanism) {

    public ByteBuffer encode(short version, int correlationId, String clientId) {
        return RequestFrames.encode(ApiKey.SASL_HANDSHAKE, version, correlationId, clientId,
                2 + RequestHeader.utf8Bound(mechanism), writer -> writer.writeString(mechanism));
    }
}
