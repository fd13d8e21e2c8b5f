package dev.quill.producer.internal.network;

/**
 * The connection settings of the producer's configuration, as the I/O layer needs them.
 *
 * @param useAllDnsIps {@code client.dns.lookup=use_all_dns_ips}: try every address a broker's host name resolves
 *     to, not only the first
 */
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
        long connectionsMaxIdleMs,
        boolean useAllDnsIps) {
}
