package dev.quill.producer.internal.network;

/** The connection settings of the producer's configuration, as the I/O layer needs them. */
public record NetworkSettings(
        String clientId,
        int maxInFlightPerConnection,
        long requestTimeoutMs,
        long reconnectBackoffMs,
        long reconnectBackoffMaxMs,
        long connectionSetupTimeoutMs,
        long connectionSetupTimeoutMaxMs,
        int sendBufferBytes,
        int receiveBufferBytes,
        long connectionsMaxIdleMs) {
}
