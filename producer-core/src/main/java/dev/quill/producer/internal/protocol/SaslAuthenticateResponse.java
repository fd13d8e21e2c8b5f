package dev.quill.producer.internal.protocol;

import java.nio.ByteBuffer;

import dev.quill.producer.errors.Errors;

/**
 * The broker's SASL token, or why authentication failed; from v1 also how long the session may last
 * before the client must re-authenticate (0 when the broker sets no limit, KIP-368).
 */
public record SaslAuthenticateResponse(short errorCode, String errorMessage, byte[] authBytes,
                                       long sessionLifetimeMs) {

    public Errors error() {
        return Errors.forCode(errorCode);
    }

    public static SaslAuthenticateResponse parse(ByteBuffer frame, short version) {
        return ResponseFrames.parse(frame, ApiKey.SASL_AUTHENTICATE, version, reader -> {
            boolean flexible = ApiKey.SASL_AUTHENTICATE.isFlexible(version);
            short errorCode = reader.readInt16();
            String errorMessage = reader.readNullableString(flexible);
            ByteBuffer bytes = reader.readBytes(flexible);
            byte[] authBytes = new byte[bytes.remaining()];
            bytes.get(authBytes);
            long lifetime = version >= 1 ? reader.readInt64() : 0;
            if (flexible) {
                reader.skipTaggedFields();
            }
            return new SaslAuthenticateResponse(errorCode, errorMessage, authBytes, lifetime);
        });
    }

    @Override
    public String toString() {
        return "SaslAuthenticateResponse(" + Errors.forCode(errorCode) + ", " + authBytes.length + " bytes, lifetime "
                + sessionLifetimeMs + " ms)";
    }
}
