package dev.quill.producer;

import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.quill.producer.errors.AuthenticationException;
import dev.quill.producer.errors.ProducerException;
import dev.quill.producer.internal.network.ConnectionListener;
import dev.quill.producer.internal.network.Node;

/** Follows connection events on the I/O thread so that {@link ProducerHealth} can be read on any thread. */
final class HealthTracker implements ConnectionListener {

    private final Set<Integer> connected = ConcurrentHashMap.newKeySet();
    private volatile String lastError;
    private volatile Instant lastErrorAt;
    private volatile boolean authenticationFailed;
    private volatile boolean everAttempted;

    @Override
    public void onConnected(Node node) {
        everAttempted = true;
        connected.add(node.id());
        authenticationFailed = false;
    }

    @Override
    public void onDisconnected(Node node, ProducerException cause) {
        everAttempted = true;
        connected.remove(node.id());
        lastError = cause.getMessage();
        lastErrorAt = Instant.now();
        authenticationFailed = cause instanceof AuthenticationException;
    }

    int connected() {
        return connected.size();
    }

    ProducerHealth snapshot(int brokersKnown, Instant lastMetadataRefresh, long bufferUsed, long bufferTotal,
                            int inFlight) {
        ProducerHealth.Status status;
        if (authenticationFailed) {
            status = ProducerHealth.Status.DOWN;
        } else if (!connected.isEmpty() && lastMetadataRefresh != null) {
            status = ProducerHealth.Status.UP;
        } else if (everAttempted) {
            status = ProducerHealth.Status.DOWN;
        } else {
            status = ProducerHealth.Status.UNKNOWN;
        }
        return new ProducerHealth(status, brokersKnown, connected.size(), lastError, lastErrorAt, lastMetadataRefresh,
                bufferUsed, bufferTotal, inFlight);
    }
}
