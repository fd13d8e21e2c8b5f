package dev.quill.producer.internal.protocol;

import java.nio.ByteBuffer;

/**
 * Response header v0 (correlation id) and v1 (+ tagged fields). The network layer reads the
 * correlation id first to find the in-flight request, whose api key and version then decide how the
 * rest of the frame parses.
 */
public final class ResponseHeader {

    private ResponseHeader() {
    }

    /** The correlation id of a response frame (after its size prefix), without moving its position. */
    public static int correlationId(ByteBuffer frame) {
        if (frame.remaining() < 4) {
            throw new MalformedResponseException("response of " + frame.remaining() + " bytes has no correlation id");
        }
        return frame.getInt(frame.position());
    }

    /** Reads the header of a response to {@code api} at {@code version}; returns its correlation id. */
    public static int read(ProtocolReader reader, ApiKey api, short version) {
        int correlationId = reader.readInt32();
        if (api.responseHeaderVersion(version) >= 1) {
            reader.skipTaggedFields();
        }
        return correlationId;
    }
}
