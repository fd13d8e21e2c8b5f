package dev.quill.producer.internal.network;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

/**
 * The byte stream under one broker connection. Plaintext passes bytes through to the socket; TLS wraps
 * them with an {@code SSLEngine} without changing how requests are framed or pipelined above it.
 */
public interface Transport extends AutoCloseable {

    SocketChannel channel();

    /** Gives the transport its selection key, for a transport that must choose its own interest (TLS handshake). */
    default void register(SelectionKey key) {
    }

    /** Completes a non-blocking connect; true once the transport can carry requests. */
    boolean finishConnect() throws IOException;

    /** Writes as much as the socket takes now; returns bytes consumed from the sources. */
    long write(ByteBuffer[] sources, int offset, int length) throws IOException;

    /** Reads what is available now; -1 at end of stream. */
    int read(ByteBuffer destination) throws IOException;

    /** Whether bytes accepted by {@link #write} are still buffered inside the transport. */
    boolean hasBufferedWrites();

    @Override
    void close();
}
