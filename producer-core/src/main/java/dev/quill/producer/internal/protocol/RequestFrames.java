package dev.quill.producer.internal.protocol;

import java.nio.ByteBuffer;
import java.util.function.Consumer;

/** Builds a whole request frame in one buffer: size prefix, header, body. */
final class RequestFrames {

    private RequestFrames() {
    }

    static ByteBuffer encode(ApiKey api, short version, int correlationId, String clientId,
                             int bodySizeHint, Consumer<ProtocolWriter> body) {
        api.checkSupported(version);
        ProtocolWriter writer = new ProtocolWriter(4 + RequestHeader.maxSize(clientId) + bodySizeHint);
        writer.writeInt32(0);
        RequestHeader.write(writer, api, version, correlationId, clientId);
        body.accept(writer);
        writer.setInt32(0, writer.position() - 4);
        return writer.toByteBuffer();
    }
}
