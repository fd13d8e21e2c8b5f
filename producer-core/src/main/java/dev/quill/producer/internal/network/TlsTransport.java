package dev.quill.producer.internal.network;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;

/**
 * TLS over a non-blocking socket with an {@link SSLEngine}. The handshake runs inside {@link #finishConnect()},
 * driven by the selector (this transport sets the interest it needs); afterwards {@link #write} wraps as many
 * request bytes as fit into TLS records and {@link #read} hands out decrypted bytes, so framing and pipelining
 * above it stay exactly as with plaintext.
 *
 * <p>Buffers: {@code netOut} holds encrypted bytes not yet written (read mode: position..limit are pending);
 * {@code netIn} holds encrypted bytes read but not yet decrypted and {@code appIn} decrypted bytes not yet
 * handed out (both in write mode: 0..position hold data).
 */
final class TlsTransport implements Transport {

    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);
    /** Records wrapped per socket write: fewer system calls for large Produce requests. */
    private static final int RECORDS_PER_WRITE = 4;

    private final SocketChannel channel;
    private final SSLEngine engine;
    private final String peer;
    private SelectionKey key;
    private ByteBuffer netIn;
    private ByteBuffer netOut;
    private ByteBuffer appIn;
    private boolean tcpConnected;
    private boolean handshakeDone;
    private boolean closed;

    TlsTransport(SocketChannel channel, SSLEngine engine, String peer) {
        this.channel = channel;
        this.engine = engine;
        this.peer = peer;
        int packet = engine.getSession().getPacketBufferSize();
        this.netIn = ByteBuffer.allocate(packet);
        this.netOut = ByteBuffer.allocate(packet * RECORDS_PER_WRITE).flip();
        this.appIn = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize());
    }

    @Override
    public void register(SelectionKey key) {
        this.key = key;
    }

    @Override
    public SocketChannel channel() {
        return channel;
    }

    /** The TCP connect, then the TLS handshake; true once both are done. */
    @Override
    public boolean finishConnect() throws IOException {
        if (!tcpConnected) {
            if (!channel.finishConnect()) {
                return false;
            }
            tcpConnected = true;
            engine.beginHandshake();
        }
        if (!handshakeDone) {
            handshake();
        }
        return handshakeDone;
    }

    private void handshake() throws IOException {
        while (true) {
            if (!flush()) {
                interest(SelectionKey.OP_WRITE);
                return;
            }
            switch (engine.getHandshakeStatus()) {
                case NEED_TASK -> runDelegatedTasks();
                case NEED_WRAP -> wrap(EMPTY, 0, 0);
                case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> {
                    SSLEngineResult result = unwrap();
                    if (result.getStatus() == SSLEngineResult.Status.CLOSED) {
                        throw new EOFException("the broker closed the TLS session during the handshake");
                    }
                    if (needsInput(result)) {
                        int n = channel.read(netIn);
                        if (n < 0) {
                            throw new EOFException("the broker closed the connection during the TLS handshake");
                        }
                        if (n == 0) {
                            interest(SelectionKey.OP_READ);
                            return;
                        }
                    }
                }
                default -> {
                    // FINISHED or NOT_HANDSHAKING: done, and the last flight is flushed (checked above).
                    handshakeDone = true;
                    return;
                }
            }
        }
    }

    @Override
    public long write(ByteBuffer[] sources, int offset, int length) throws IOException {
        if (!handshakeDone || !flush()) {
            return 0;
        }
        long consumed = 0;
        int packet = engine.getSession().getPacketBufferSize();
        while (remaining(sources, offset, length) > 0) {
            while (remaining(sources, offset, length) > 0 && netOut.capacity() - netOut.remaining() >= packet) {
                consumed += wrap(sources, offset, length).bytesConsumed();
            }
            if (!flush()) {
                break;
            }
        }
        return consumed;
    }

    @Override
    public int read(ByteBuffer destination) throws IOException {
        if (!handshakeDone) {
            return 0;
        }
        int total = 0;
        while (destination.hasRemaining()) {
            if (appIn.position() > 0) {
                total += drainAppIn(destination);
                continue;
            }
            SSLEngineResult result = netIn.position() > 0 ? unwrap() : null;
            if (result != null && result.getStatus() == SSLEngineResult.Status.CLOSED) {
                // close_notify from the broker: the stream ends here.
                return total > 0 ? total : -1;
            }
            if (result != null) {
                afterPostHandshakeMessage(result);
            }
            if (result == null || needsInput(result)) {
                int n = channel.read(netIn);
                if (n < 0) {
                    return total > 0 ? total : -1;
                }
                if (n == 0) {
                    return total;
                }
            }
        }
        return total;
    }

    /** TLS 1.3 sends session tickets and key updates after the handshake; a key update needs an answer. */
    private void afterPostHandshakeMessage(SSLEngineResult result) throws IOException {
        SSLEngineResult.HandshakeStatus status = result.getHandshakeStatus();
        while (status == SSLEngineResult.HandshakeStatus.NEED_TASK || status == SSLEngineResult.HandshakeStatus.NEED_WRAP) {
            if (status == SSLEngineResult.HandshakeStatus.NEED_TASK) {
                runDelegatedTasks();
            } else {
                wrap(EMPTY, 0, 0);
            }
            status = engine.getHandshakeStatus();
        }
        if (!flush() && key != null && key.isValid()) {
            key.interestOps(key.interestOps() | SelectionKey.OP_WRITE);
        }
    }

    private int drainAppIn(ByteBuffer destination) {
        appIn.flip();
        int n = Math.min(appIn.remaining(), destination.remaining());
        ByteBuffer slice = appIn.slice(appIn.position(), n);
        destination.put(slice);
        appIn.position(appIn.position() + n);
        appIn.compact();
        return n;
    }

    /** True when the engine consumed nothing and produced nothing: it waits for more bytes from the socket. */
    private static boolean needsInput(SSLEngineResult result) {
        return result.getStatus() == SSLEngineResult.Status.BUFFER_UNDERFLOW
                || (result.bytesConsumed() == 0 && result.bytesProduced() == 0
                        && result.getStatus() == SSLEngineResult.Status.OK
                        && result.getHandshakeStatus() != SSLEngineResult.HandshakeStatus.NEED_TASK
                        && result.getHandshakeStatus() != SSLEngineResult.HandshakeStatus.NEED_WRAP);
    }

    private SSLEngineResult unwrap() throws SSLException {
        while (true) {
            netIn.flip();
            SSLEngineResult result;
            try {
                result = engine.unwrap(netIn, appIn);
            } finally {
                netIn.compact();
            }
            switch (result.getStatus()) {
                case BUFFER_OVERFLOW -> appIn = grow(appIn, engine.getSession().getApplicationBufferSize());
                case BUFFER_UNDERFLOW -> {
                    if (netIn.position() == netIn.capacity()) {
                        netIn = grow(netIn, engine.getSession().getPacketBufferSize());
                    }
                    return result;
                }
                default -> {
                    return result;
                }
            }
        }
    }

    private SSLEngineResult wrap(ByteBuffer[] sources, int offset, int length) throws IOException {
        while (true) {
            netOut.compact();
            SSLEngineResult result;
            try {
                result = engine.wrap(sources, offset, length, netOut);
            } finally {
                netOut.flip();
            }
            switch (result.getStatus()) {
                case BUFFER_OVERFLOW -> {
                    if (!flush()) {
                        netOut = growPending(netOut, engine.getSession().getPacketBufferSize());
                    }
                }
                case CLOSED -> throw new SSLException("the TLS session with " + peer + " is closed");
                default -> {
                    return result;
                }
            }
        }
    }

    private SSLEngineResult wrap(ByteBuffer source, int offset, int length) throws IOException {
        return wrap(new ByteBuffer[] {source}, offset, length);
    }

    /** Writes pending encrypted bytes; true when none are left. */
    private boolean flush() throws IOException {
        while (netOut.hasRemaining()) {
            if (channel.write(netOut) == 0) {
                return false;
            }
        }
        return true;
    }

    private void runDelegatedTasks() {
        // Certificate checks run here, on the I/O thread, as kafka-clients does; they take milliseconds.
        Runnable task;
        while ((task = engine.getDelegatedTask()) != null) {
            task.run();
        }
    }

    private void interest(int ops) {
        if (key != null && key.isValid()) {
            key.interestOps(ops);
        }
    }

    /** A larger buffer in write mode holding the same {@code 0..position} content. */
    private static ByteBuffer grow(ByteBuffer buffer, int minFree) {
        ByteBuffer bigger = ByteBuffer.allocate(Math.max(buffer.capacity() * 2, buffer.capacity() + minFree));
        bigger.put(buffer.duplicate().flip());
        return bigger;
    }

    /** A larger buffer in read mode holding the same pending {@code position..limit} bytes. */
    private static ByteBuffer growPending(ByteBuffer buffer, int minFree) {
        ByteBuffer bigger = ByteBuffer.allocate(Math.max(buffer.capacity() * 2, buffer.capacity() + minFree));
        bigger.put(buffer.duplicate());
        return bigger.flip();
    }

    private static long remaining(ByteBuffer[] sources, int offset, int length) {
        long total = 0;
        for (int i = offset; i < offset + length; i++) {
            total += sources[i].remaining();
        }
        return total;
    }

    @Override
    public boolean hasBufferedWrites() {
        return netOut.hasRemaining();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            // close_notify, best effort: a broker that sees it logs a clean close rather than a truncation.
            engine.closeOutbound();
            if (tcpConnected && channel.isOpen()) {
                wrap(EMPTY, 0, 0);
                flush();
            }
        } catch (IOException | RuntimeException ignored) {
            // The socket is going away anyway.
        }
        try {
            channel.close();
        } catch (IOException ignored) {
            // Closing a socket that already failed has nothing left to report.
        }
    }
}
