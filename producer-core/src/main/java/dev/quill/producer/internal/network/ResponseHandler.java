package dev.quill.producer.internal.network;

import java.nio.ByteBuffer;

import dev.quill.producer.errors.ProducerException;

/** Receives the outcome of one request. Called on the I/O thread. */
public interface ResponseHandler {

    /**
     * @param frame the response frame after its size prefix, positioned at the response header; null for
     *     a request that expects no response (Produce with {@code acks=0}) once it is fully written
     */
    void onResponse(ByteBuffer frame);

    /** The request was lost: connection closed, request timed out, or it could not be sent. */
    void onFailure(ProducerException error);
}
