package dev.quill.producer.internal.sender;

import dev.quill.producer.internal.network.BrokerClient;
import dev.quill.producer.internal.network.Node;

/**
 * Whether a producer's own connection to a broker can take a request now, opening it when there is none.
 *
 * <p>{@link MetadataFetcher#readyNode} finds a broker ready on the I/O thread's shared connections, but a producer of a
 * {@link dev.quill.producer.ProducerGroup} sends over its own stripe of them: that stripe may have no connection to the
 * broker yet, and a request before its handshake would find no version negotiated.
 */
final class LaneConnection {

    /** What a producer's connection to a broker allows now. */
    enum State {
        /** Handshake done: a request can go. */
        READY,
        /** Connecting or in its handshake; the network wakes the producer when that ends. */
        CONNECTING,
        /** The last attempt failed and the reconnect backoff has not passed. */
        BACKING_OFF
    }

    private LaneConnection() {
    }

    static State prepare(BrokerClient client, Node node, long nowMs) {
        int id = node.id();
        if (client.isReady(id)) {
            return State.READY;
        }
        if (!client.isConnected(id) && !client.isConnecting(id)) {
            if (client.connectDelayMs(id, nowMs) > 0) {
                return State.BACKING_OFF;
            }
            client.connect(node, nowMs);
        }
        return State.CONNECTING;
    }
}
