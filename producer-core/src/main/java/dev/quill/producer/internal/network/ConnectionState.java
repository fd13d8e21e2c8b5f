package dev.quill.producer.internal.network;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.quill.producer.errors.AuthenticationException;
import dev.quill.producer.errors.ProducerException;
import dev.quill.producer.internal.LastFailure;

/**
 * The producer's one listener of connection events: remembers what the sender and the waiting records need to
 * know (the latest failure, a failed authentication, brokers this client cannot talk to) and passes each event on
 * to health tracking and to the operator's log. Written on the I/O thread, read on any.
 */
public final class ConnectionState implements ConnectionListener {

    private final ConnectionListener health;
    private final ConnectionListener log;
    private final Runnable onFailure;
    private final LastFailure lastFailure;
    private final Map<Integer, ProducerException> incompatibleBrokers = new ConcurrentHashMap<>();
    private volatile ProducerException lastError;
    private volatile AuthenticationException authenticationFailure;

    /**
     * @param health told of every event
     * @param log told of every event, to tell the operator of failures and recoveries
     * @param onFailure run after a connection failed, to refresh metadata so that an idle producer notices when the
     *     cluster is back rather than at its next send
     * @param lastFailure where every connection failure is also recorded
     */
    public ConnectionState(ConnectionListener health, ConnectionListener log, Runnable onFailure,
                           LastFailure lastFailure) {
        this.health = health;
        this.log = log;
        this.onFailure = onFailure;
        this.lastFailure = lastFailure;
    }

    @Override
    public void onConnected(Node connection) {
        // Health counts connections; the log and the sender speak of brokers (see ConnectionStripes).
        Node node = ConnectionStripes.broker(connection);
        incompatibleBrokers.remove(node.id());
        authenticationFailure = null;
        health.onConnected(connection);
        log.onConnected(node);
    }

    @Override
    public void onDisconnected(Node connection, ProducerException cause) {
        Node node = ConnectionStripes.broker(connection);
        health.onDisconnected(connection, cause);
        if (cause == null) {
            log.onDisconnected(node, null);
            return;
        }
        lastError = cause;
        lastFailure.record(cause, System.currentTimeMillis());
        if (cause instanceof AuthenticationException auth) {
            authenticationFailure = auth;
        }
        if (!cause.isRetriable()) {
            incompatibleBrokers.put(node.id(), cause);
        }
        // Once the state is recorded: whoever reads the line may look at the producer's health or last error.
        log.onDisconnected(node, cause);
        onFailure.run();
    }

    /** The latest connection failure, or null. */
    public ProducerException lastError() {
        return lastError;
    }

    /** Set while the latest connection attempt failed authentication: no broker lets this client in. */
    public AuthenticationException authenticationFailure() {
        return authenticationFailure;
    }

    /** Why this client cannot talk to the broker at all (for example, it is too old), or null. */
    public ProducerException incompatibility(int nodeId) {
        return incompatibleBrokers.get(nodeId);
    }
}
