package dev.quill.producer.internal.network;

/**
 * What a connection must exchange before it carries requests: ApiVersions negotiation, and SASL where
 * configured. It sends through {@link NetworkClient#sendHandshake} and ends with
 * {@link NetworkClient#handshakeSucceeded} or {@link NetworkClient#handshakeFailed}.
 */
public interface ConnectionHandshake {

    void begin(Node node, NetworkClient client);

    /** The producer is closing: no more connections will be made. */
    default void close() {
    }
}
