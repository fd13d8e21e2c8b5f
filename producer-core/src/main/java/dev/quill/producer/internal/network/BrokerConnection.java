package dev.quill.producer.internal.network;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.util.ArrayDeque;

/**
 * One connection to one broker, owned by the I/O thread. Requests are written in order and, since a
 * broker answers a connection's requests in the order it received them, responses are matched to the
 * oldest request awaiting one.
 */
final class BrokerConnection {

    enum State { CONNECTING, HANDSHAKE, READY, CLOSED }

    private static final int MAX_RESPONSE_BYTES = 100 * 1024 * 1024;
    private static final int RECEIVE_BUFFER_BYTES = 8 * 1024;
    private static final ByteBuffer[] NO_BYTES = new ByteBuffer[0];

    final Node node;
    final Transport transport;
    final SelectionKey key;
    final long connectStartedMs;
    State state = State.CONNECTING;
    short[] apiVersions;
    long sessionLifetimeMs;
    /**
     * When to stop using this connection so that a new one authenticates again before the broker's SASL
     * session ends (KIP-368); never when the broker sets no session lifetime.
     */
    long reauthenticateAtMs = Long.MAX_VALUE;
    long lastActivityMs;

    private final ArrayDeque<InFlightRequest> toWrite = new ArrayDeque<>();
    private final ArrayDeque<InFlightRequest> awaitingResponse = new ArrayDeque<>();
    /**
     * Bytes read and not yet handed on, in write mode between reads. One read usually brings a whole response (or
     * several), so that a response costs one system call, not one for its size, one for its body and one more to
     * find the socket empty.
     */
    private final ByteBuffer received = ByteBuffer.allocate(RECEIVE_BUFFER_BYTES);
    /** A response larger than {@link #received}, read straight into a buffer of its own until complete. */
    private ByteBuffer responseBuffer;
    private int responsesWhileReady;

    BrokerConnection(Node node, Transport transport, SelectionKey key, long connectStartedMs) {
        this.node = node;
        this.transport = transport;
        this.key = key;
        this.connectStartedMs = connectStartedMs;
        this.lastActivityMs = connectStartedMs;
    }

    int inFlightCount() {
        return toWrite.size() + awaitingResponse.size();
    }

    void enqueue(InFlightRequest request) {
        toWrite.addLast(request);
        key.interestOps(key.interestOps() | SelectionKey.OP_WRITE);
    }

    /** The request that has waited longest, or null: its deadline decides whether the connection timed out. */
    InFlightRequest oldest() {
        InFlightRequest awaiting = awaitingResponse.peekFirst();
        return awaiting != null ? awaiting : toWrite.peekFirst();
    }

    /** Writes what the socket takes; hands requests that expect no response to their handler once written. */
    void write() throws IOException {
        if (transport.hasBufferedWrites()) {
            // TLS records wrapped earlier (or a post-handshake answer) go out before anything new.
            transport.write(NO_BYTES, 0, 0);
        }
        while (!toWrite.isEmpty()) {
            InFlightRequest head = toWrite.peekFirst();
            transport.write(head.frame, head.firstUnwritten, head.frame.length - head.firstUnwritten);
            if (!head.fullyWritten()) {
                return;
            }
            toWrite.pollFirst();
            if (head.expectsResponse) {
                awaitingResponse.addLast(head);
            } else {
                head.handler.onResponse(null);
            }
        }
        if (!transport.hasBufferedWrites()) {
            key.interestOps(key.interestOps() & ~SelectionKey.OP_WRITE);
        }
    }

    /**
     * Reads every complete response available now and hands each to its request's handler. Stops once a read finds
     * the socket empty (it returned less than there was room for): the selector reports when more arrives.
     */
    void read() throws IOException {
        while (state != State.CLOSED) {
            if (responseBuffer != null) {
                if (transport.read(responseBuffer) < 0) {
                    throw closedByBroker(true);
                }
                if (responseBuffer.hasRemaining()) {
                    return;
                }
                ByteBuffer frame = responseBuffer.flip();
                responseBuffer = null;
                complete(frame);
                continue;
            }
            int room = received.remaining();
            int n = transport.read(received);
            if (n < 0) {
                throw closedByBroker(received.position() > 0);
            }
            received.flip();
            try {
                completeReceived();
            } finally {
                received.compact();
            }
            if (n < room) {
                return;
            }
        }
    }

    private EOFException closedByBroker(boolean midResponse) {
        return new EOFException("connection closed by " + node + (midResponse ? " in the middle of a response" : ""));
    }

    /** Hands on every whole response in {@link #received}; a larger one than it holds moves to its own buffer. */
    private void completeReceived() throws IOException {
        while (received.remaining() >= 4 && state != State.CLOSED) {
            int size = received.getInt(received.position());
            ProtocolMismatchException.checkNotTls(size);
            if (size < 4 || size > MAX_RESPONSE_BYTES) {
                throw new IOException("invalid response size " + size + " from " + node);
            }
            int available = received.remaining() - 4;
            if (available < size && 4 + size <= received.capacity()) {
                return;
            }
            received.position(received.position() + 4);
            ByteBuffer frame = ByteBuffer.allocate(size);
            int copied = Math.min(available, size);
            System.arraycopy(received.array(), received.arrayOffset() + received.position(), frame.array(), 0, copied);
            received.position(received.position() + copied);
            if (copied < size) {
                responseBuffer = frame.position(copied);
                return;
            }
            complete(frame);
        }
    }

    private void complete(ByteBuffer frame) throws IOException {
        InFlightRequest request = awaitingResponse.pollFirst();
        int correlationId = frame.getInt(0);
        if (request == null || request.correlationId != correlationId) {
            throw new IOException("response with correlation id " + correlationId + " from " + node
                    + " does not match the oldest request in flight"
                    + (request == null ? " (none)" : " (" + request.correlationId + ")"));
        }
        if (state == State.READY) {
            responsesWhileReady++;
        }
        request.handler.onResponse(frame);
    }

    /** Responses to requests sent after the handshake: none yet means the broker may reject this client. */
    int responsesWhileReady() {
        return responsesWhileReady;
    }

    /** Closes the socket and fails every request not yet answered. */
    void close(dev.quill.producer.errors.ProducerException cause) {
        state = State.CLOSED;
        key.cancel();
        transport.close();
        InFlightRequest request;
        while ((request = awaitingResponse.pollFirst()) != null) {
            request.handler.onFailure(cause);
        }
        while ((request = toWrite.pollFirst()) != null) {
            request.handler.onFailure(cause);
        }
    }
}
