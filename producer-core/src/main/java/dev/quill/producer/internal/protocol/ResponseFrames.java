package dev.quill.producer.internal.protocol;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.function.Function;

/** Parses a response frame (header + body), turning any decoding failure into one exception type. */
final class ResponseFrames {

    private ResponseFrames() {
    }

    static <T> T parse(ByteBuffer frame, ApiKey api, short version, Function<ProtocolReader, T> body) {
        api.checkSupported(version);
        ProtocolReader reader = new ProtocolReader(frame);
        try {
            ResponseHeader.read(reader, api, version);
            return body.apply(reader);
        } catch (BufferUnderflowException | IllegalArgumentException | IndexOutOfBoundsException e) {
            throw new MalformedResponseException(
                    "could not parse " + api.displayName() + " v" + version + " response: " + e, e);
        } catch (MalformedResponseException e) {
            throw new MalformedResponseException(
                    "could not parse " + api.displayName() + " v" + version + " response: " + e.getMessage(), e);
        }
    }
}
