package dev.quill.producer.internal.protocol;

import java.nio.ByteBuffer;

/** Carries one SASL token from client to broker (v0 plain, v1 same body, v2 flexible). */
public record SaslAuthenticateRequest(byte[] authBytes) {

    public ByteBuffer encode(short version, int correlationId, String clientId) {
        boolean flexible = ApiKey.SASL_AUTHENTICATE.isFlexible(version);
        return RequestFrames.encode(ApiKey.SASL_AUTHENTICATE, version, correlationId, clientId,
                authBytes.length + 8, writer -> {
                    writer.writeBytes(ByteBuffer.wrap(authBytes), flexible);
                    if (flexible) {
                        writer.writeEmptyTaggedFields();
                    }
                });
    }

    /** Deliberately silent about the token: for PLAIN it holds the password. */
    @Override
    public String toString() {
        return "SaslAuthenticateRequest(" + authBytes.length + " bytes)";
    }
}
