package dev.quill.producer.internal.network;

/**
 * Several connections to one broker, told apart by the node id the network layer sees. A broker processes one
 * request per connection at a time, in order; producers that share connections (a {@code ProducerGroup}) spread
 * over a few stripes, so that one producer's request does not wait behind all the others'. Stripe 0 is the broker's
 * own id; stripe {@code s} adds {@code s * STRIDE} (subtracts, for the negative ids of bootstrap servers), which
 * assumes broker ids below 16,777,216.
 */
public final class ConnectionStripes {

    public static final int MAX_STRIPES = 64;
    private static final int STRIDE = 1 << 24;

    private ConnectionStripes() {
    }

    /** The id the network layer knows the broker's connection of this stripe by. */
    static int connectionId(int brokerId, int stripe) {
        return brokerId >= 0 ? brokerId + stripe * STRIDE : brokerId - stripe * STRIDE;
    }

    /** The broker a connection id stands for. */
    public static int brokerId(int connectionId) {
        return connectionId >= 0 ? connectionId % STRIDE : -((-connectionId) % STRIDE);
    }

    /** The broker a connection's node stands for, as logs and metadata name it. */
    public static Node broker(Node connection) {
        int broker = brokerId(connection.id());
        return broker == connection.id() ? connection
                : new Node(broker, connection.host(), connection.port(), connection.rack());
    }

    static Node connection(Node broker, int stripe) {
        return stripe == 0 ? broker : new Node(connectionId(broker.id(), stripe), broker.host(), broker.port(),
                broker.rack());
    }
}
