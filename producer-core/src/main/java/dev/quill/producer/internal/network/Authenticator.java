package dev.quill.producer.internal.network;

/**
 * What runs on a connection after ApiVersions chose the versions and before the connection carries requests:
 * SASL, where configured. Like the rest of the handshake it ends with {@link NetworkClient#handshakeSucceeded}
 * or {@link NetworkClient#handshakeFailed}.
 */
public interface Authenticator {

    /** Nothing to do: the connection is ready once versions are negotiated. */
    Authenticator NONE = (node, client, apiVersions) -> client.handshakeSucceeded(node.id(), apiVersions);

    void authenticate(Node node, NetworkClient client, short[] apiVersions);

    /** Stops what the authenticator keeps going between connections; the producer is closing. */
    default void close() {
    }
}
