package dev.quill.producer.internal.protocol;

import java.nio.ByteBuffer;
import java.util.List;

import dev.quill.producer.errors.Errors;

/** The broker's answer to SaslHandshake: an error code and the mechanisms its listener enables. */
public record SaslHandshakeResponse(short errorCode, List<String> mechanisms) {

    public Errors error() {
        return Errors.forCode(errorCode);
    }

    public static SaslHandshakeResponse parse(ByteBuffer frame, short version) {
        return ResponseFrames.parse(frame, ApiKey.SASL_HANDSHAKE, version, reader -> {
            short errorCode = reader.readInt16();
            List<String> mechanisms = reader.readArray(false, ProtocolReader::readString);
            return new SaslHandshakeResponse(errorCode, mechanisms);
        });
    }
}
