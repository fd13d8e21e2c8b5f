package dev.quill.producer.internal.network;

import java.nio.ByteBuffer;

/** A request written (or being written) to a connection, awaiting its response. */
final class InFlightRequest {

    final int correlationId;
    final short apiKey;
    final ByteBuffer[] frame;
    final boolean expectsResponse;
    final ResponseHandler handler;
    final long deadlineMs;
    int firstUnwritten;

    InFlightRequest(int correlationId, short apiKey, ByteBuffer[] frame, boolean expectsResponse,
                    ResponseHandler handler, long deadlineMs) {
        this.correlationId = correlationId;
        this.apiKey = apiKey;
        this.frame = frame;
        this.expectsResponse = expectsResponse;
        this.handler = handler;
        this.deadlineMs = deadlineMs;
    }

    boolean fullyWritten() {
        while (firstUnwritten < frame.length && !frame[firstUnwritten].hasRemaining()) {
            firstUnwritten++;
        }
        return firstUnwritten == frame.length;
    }
}
