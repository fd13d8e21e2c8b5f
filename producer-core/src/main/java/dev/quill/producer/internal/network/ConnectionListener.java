package dev.quill.producer.internal.network;

import dev.quill.producer.errors.ProducerException;

/** Told of connection changes, for health and metrics. Called on the I/O thread. */
public interface ConnectionListener {

    void onConnected(Node node);

    /** @param cause why the connection failed, or null when the producer closed an idle connection */
    void onDisconnected(Node node, ProducerException cause);

    /** Tells {@code first}, then {@code second}. */
    static ConnectionListener both(ConnectionListener first, ConnectionListener second) {
        return new ConnectionListener() {
            @Override
            public void onConnected(Node node) {
                first.onConnected(node);
                second.onConnected(node);
            }

            @Override
            public void onDisconnected(Node node, ProducerException cause) {
                first.onDisconnected(node, cause);
                second.onDisconnected(node, cause);
            }
        };
    }
}
