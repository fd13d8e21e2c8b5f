package dev.quill.producer;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.quill.producer.errors.AuthenticationException;
import dev.quill.producer.errors.ProducerException;
import dev.quill.producer.internal.network.ConnectionListener;
import dev.quill.producer.internal.network.ConnectionStripes;
import dev.quill.producer.internal.network.Node;

/** Follows connection events on the I/O thread so that {@link ProducerHealth} can be read on any thread. */
final class HealthTracker implements ConnectionListener {

    private final Set<Integer> connected = ConcurrentHashMap.newKeySet();
    private volatile String lastError;
    private volatile Instant lastErrorAt;
    private volatile Instant lastConnectedAt;
    private volatile boolean authenticationFailed;

    @Override
    public void onConnected(Node node) {
        if (node.id() >= 0) {
            // Bootstrap connections (negative ids) duplicate a broker's own; count brokers, not sockets.
            connected.add(node.id());
        }
        lastConnectedAt = Instant.now();
        authenticationFailed = false;
    }

    @Override
    public void onDisconnected(Node node, ProducerException cause) {
        connected.remove(node.id());
        if (cause == null) {
            return;
        }
        lastError = cause.getMessage();
        lastErrorAt = Instant.now();
        authenticationFailed = cause instanceof AuthenticationException;
    }

    /** Brokers with at least one connection open: several connections to one broker count once. */
    int connected() {
        return (int) connected.stream().map(ConnectionStripes::brokerId).distinct().count();
    }

    /**
     * UP while a connection is up, or while idle with no failure since the last successful connection
     * (idle connections are closed by design); DOWN when the latest attempt failed or authentication did.
     */
    ProducerHealth snapshot(int brokersKnown, Instant lastMetadataRefresh, long bufferUsed, long bufferTotal,
                            int inFlight, List<String> belowMinInsyncReplicas) {
        Instant connectedAt = lastConnectedAt;
        Instant failedAt = lastErrorAt;
        ProducerHealth.Status status;
        if (authenticationFailed) {
            status = ProducerHealth.Status.DOWN;
        } else if (!connected.isEmpty() && lastMetadataRefresh != null) {
            status = ProducerHealth.Status.UP;
        } else if (failedAt != null && (connectedAt == null || failedAt.isAfter(connectedAt))) {
            status = ProducerHealth.Status.DOWN;
        } else if (connectedAt != null && lastMetadataRefresh != null) {
            status = ProducerHealth.Status.UP;
        } else {
            status = ProducerHealth.Status.UNKNOWN;
        }
        return new ProducerHealth(status, brokersKnown, connected(), lastError, failedAt, connectedAt,
                lastMetadataRefresh,
                bufferUsed, bufferTotal, inFlight, belowMinInsyncReplicas);
    }
}
