package dev.quill.producer.internal.sender;

import dev.quill.producer.internal.network.BrokerClient;
import dev.quill.producer.internal.network.Node;

/**
 * Whether a producer's own connection to a broker can take a request now, opening it when there is none: for the
 * Produce requests to a partition's leader, and for the producer id and transaction requests.
 *
 * <p>For the latter, {@link MetadataFetcher#readyNode} finds a broker ready on the I/O thread's shared connections, but
 * a producer of a {@link dev.quill.producer.ProducerGroup} sends over its own stripe of them: that stripe may have no
 * connection to the broker yet, and a request before its handshake would find no version negotiated.
 */
final class LaneConnection {

    /** What a producer's connection to a broker allows now. */
    enum State {
        /** Handshake done: a request can go. */
        READY,
        /** Connecting or in its handshake; the network wakes the producer when that ends. */
        CONNECTING,
        /** An attempt failed, earlier or just now, and the reconnect backoff has not passed. */
        BACKING_OFF
    }

    private LaneConnection() {
    }

    /**
     * Opens a connection to the node unless it has one or its reconnect backoff holds. A connection that fails as it
     * starts (an address that does not resolve, say) begins a backoff that no network event ends, so it counts as
     * {@link State#BACKING_OFF}: the caller sets a timer for {@link BrokerClient#connectDelayMs} instead of waiting
     * for the network.
     */
    static State prepare(BrokerClient client, Node node, long nowMs) {
        int id = node.id();
        if (client.isReady(id)) {
            return State.READY;
        }
        if (!client.isConnected(id) && !client.isConnecting(id) && !client.connect(node, nowMs)) {
            return State.BACKING_OFF;
        }
        return State.CONNECTING;
    }
}
