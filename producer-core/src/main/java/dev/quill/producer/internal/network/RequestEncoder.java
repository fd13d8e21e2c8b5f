package dev.quill.producer.internal.network;

import java.nio.ByteBuffer;

/** Encodes one request frame (size prefix, header, body) once the correlation id is known. */
@FunctionalInterface
public interface RequestEncoder {

    ByteBuffer[] encode(int correlationId);
}
