package dev.quill.producer.internal.network;

import dev.quill.producer.errors.ProducerException;

/** Told of connection changes, for health and metrics. Called on the I/O thread. */
public interface ConnectionListener {

    void onConnected(Node node);

    /** @param cause why the connection failed, or null when the producer closed an idle connection */
    void onDisconnected(Node node, ProducerException cause);
}
