package dev.quill.producer.internal.network;

import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.UnknownHostException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import javax.net.ssl.SSLException;

import dev.quill.producer.errors.AuthenticationException;
import dev.quill.producer.errors.Errors;
import dev.quill.producer.errors.ProducerException;
import dev.quill.producer.errors.RetriableException;
import dev.quill.producer.errors.SslAuthenticationException;
import dev.quill.producer.internal.ExponentialBackoff;

/**
 * Non-blocking connections to the brokers, one per broker, driven by {@link #poll} on the single I/O
 * thread. Nothing here blocks except the selector wait, and only that thread touches this class
 * (other threads may call {@link #wakeup()}).
 */
public final class NetworkClient implements BrokerClient {

    private final NetworkSettings settings;
    private final TransportFactory transports;
    private final HostResolver resolver;
    private final ConnectionHandshake handshake;
    private final ConnectionListener listener;
    private final Selector selector;
    /**
     * Whether the I/O thread may block in the selector now. Another thread's {@link #wakeup} touches the selector
     * (a system call, and another for the I/O thread to clear it) only then; while the thread is busy, the request
     * it leaves in {@link #wakeRequested} keeps its next select from blocking.
     */
    private volatile boolean mayBlock;
    /** Set by {@link #wakeup} before it reads {@link #mayBlock}; cleared by the I/O thread once it woke up. */
    private volatile boolean wakeRequested;
    private final Map<Integer, BrokerConnection> connections = new HashMap<>();
    private final Map<Integer, ReconnectState> reconnects = new HashMap<>();
    /**
     * Nodes whose last connection was closed in a way that suggests a security protocol mismatch; kept across
     * handshakes (a mismatched SASL listener still answers ApiVersions) until a request gets a response.
     */
    private final Set<Integer> suspectedMismatch = new HashSet<>();
    private final ExponentialBackoff reconnectBackoff;
    private final ExponentialBackoff setupTimeout;
    private int nextCorrelationId;
    private long featuresEpoch = -1;
    private volatile Map<String, Short> finalizedFeatures = Map.of();

    public NetworkClient(NetworkSettings settings, ConnectionHandshake handshake, ConnectionListener listener) {
        this(settings, TransportFactory.PLAINTEXT, HostResolver.SYSTEM, handshake, listener);
    }

    public NetworkClient(NetworkSettings settings, TransportFactory transports, HostResolver resolver,
                         ConnectionHandshake handshake, ConnectionListener listener) {
        this.settings = settings;
        this.transports = transports;
        this.resolver = resolver;
        this.handshake = handshake;
        this.listener = listener;
        this.reconnectBackoff = new ExponentialBackoff(settings.reconnectBackoffMs(), settings.reconnectBackoffMaxMs());
        this.setupTimeout = new ExponentialBackoff(settings.connectionSetupTimeoutMs(), settings.connectionSetupTimeoutMaxMs());
        try {
            this.selector = Selector.open();
        } catch (IOException e) {
            throw new ProducerException("could not open a network selector", e);
        }
    }

    /** True when a request can be sent to the node now: connected, negotiated, below the in-flight cap. */
    @Override
    public boolean isReady(int nodeId) {
        BrokerConnection c = connections.get(nodeId);
        return c != null && c.state == BrokerConnection.State.READY
                && c.inFlightCount() < settings.maxInFlightPerConnection()
                && System.currentTimeMillis() < c.reauthenticateAtMs;
    }

    @Override
    public boolean isConnected(int nodeId) {
        BrokerConnection c = connections.get(nodeId);
        return c != null && c.state == BrokerConnection.State.READY;
    }

    @Override
    public boolean isConnecting(int nodeId) {
        BrokerConnection c = connections.get(nodeId);
        return c != null && (c.state == BrokerConnection.State.CONNECTING || c.state == BrokerConnection.State.HANDSHAKE);
    }

    @Override
    public int inFlightCount(int nodeId) {
        BrokerConnection c = connections.get(nodeId);
        return c == null ? 0 : c.inFlightCount();
    }

    @Override
    public int inFlightCount() {
        int total = 0;
        for (BrokerConnection c : connections.values()) {
            total += c.inFlightCount();
        }
        return total;
    }

    /** How long until a connection must make way for a new SASL authentication; Long.MAX_VALUE when none must. */
    @Override
    public long timeToReauthenticationMs(long nowMs) {
        long earliest = Long.MAX_VALUE;
        for (BrokerConnection c : connections.values()) {
            earliest = Math.min(earliest, c.reauthenticateAtMs);
        }
        return earliest == Long.MAX_VALUE ? Long.MAX_VALUE : Math.max(0, earliest - nowMs);
    }

    /** How long until a connection attempt to the node is allowed; 0 when it is allowed now. */
    @Override
    public long connectDelayMs(int nodeId, long nowMs) {
        if (connections.containsKey(nodeId)) {
            return Long.MAX_VALUE;
        }
        ReconnectState r = reconnects.get(nodeId);
        return r == null ? 0 : Math.max(0, r.nextAttemptMs - nowMs);
    }

    /** Starts connecting when not connected and the reconnect backoff allows it; returns whether it started. */
    @Override
    public boolean connect(Node node, long nowMs) {
        if (connectDelayMs(node.id(), nowMs) > 0) {
            return false;
        }
        SocketChannel channel = null;
        try {
            InetSocketAddress address = reconnectState(node.id()).addresses.current(node, resolver);
            channel = SocketChannel.open();
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            channel.setOption(StandardSocketOptions.SO_KEEPALIVE, true);
            if (settings.sendBufferBytes() > 0) {
                channel.setOption(StandardSocketOptions.SO_SNDBUF, settings.sendBufferBytes());
            }
            if (settings.receiveBufferBytes() > 0) {
                channel.setOption(StandardSocketOptions.SO_RCVBUF, settings.receiveBufferBytes());
            }
            boolean connected = channel.connect(address);
            SelectionKey key = channel.register(selector, SelectionKey.OP_CONNECT);
            Transport transport = transports.open(channel, node);
            transport.register(key);
            BrokerConnection connection = new BrokerConnection(node, transport, key, nowMs);
            key.attach(connection);
            connections.put(node.id(), connection);
            if (connected && transport.finishConnect()) {
                key.interestOps(SelectionKey.OP_READ);
                onTransportUp(connection);
            }
            return true;
        } catch (IOException | RuntimeException e) {
            BrokerConnection started = connections.get(node.id());
            if (started != null && started.state == BrokerConnection.State.CONNECTING) {
                // The connect itself succeeded; the TLS handshake failed at once.
                closeConnection(started, failure(started, e), nowMs);
                return true;
            }
            if (channel != null) {
                try {
                    channel.close();
                } catch (IOException ignored) {
                    // The connect already failed; that failure is the one to report.
                }
            }
            recordFailure(node, nowMs, new RetriableException("could not connect to " + node + ": " + describe(e), e,
                    Errors.NETWORK_EXCEPTION), !(e instanceof UnknownHostException));
            return false;
        }
    }

    /**
     * Queues a request on a ready connection. The caller checks {@link #isReady} first; a request for a
     * node without a ready connection fails through its handler.
     */
    @Override
    public void send(int nodeId, short apiKey, boolean expectsResponse, RequestEncoder encoder,
                     ResponseHandler handler, long nowMs) {
        BrokerConnection c = connections.get(nodeId);
        if (c == null || c.state != BrokerConnection.State.READY) {
            handler.onFailure(new RetriableException("no ready connection to broker " + nodeId, null,
                    Errors.NETWORK_EXCEPTION));
            return;
        }
        enqueue(c, apiKey, expectsResponse, encoder, handler, nowMs);
    }

    /** Sends a request that is part of the connection handshake, before the connection is ready. */
    public void sendHandshake(int nodeId, short apiKey, RequestEncoder encoder, ResponseHandler handler, long nowMs) {
        BrokerConnection c = connections.get(nodeId);
        if (c == null || c.state != BrokerConnection.State.HANDSHAKE) {
            handler.onFailure(new RetriableException("connection to broker " + nodeId + " is not in its handshake",
                    null, Errors.NETWORK_EXCEPTION));
            return;
        }
        enqueue(c, apiKey, true, encoder, handler, nowMs);
    }

    private void enqueue(BrokerConnection c, short apiKey, boolean expectsResponse, RequestEncoder encoder,
                         ResponseHandler handler, long nowMs) {
        int correlationId = nextCorrelationId++;
        c.lastActivityMs = nowMs;
        c.enqueue(new InFlightRequest(correlationId, apiKey, encoder.encode(correlationId), expectsResponse, handler,
                nowMs + settings.requestTimeoutMs()));
        try {
            // Most requests fit in the socket buffer at once: writing now saves a trip through the selector.
            c.write();
        } catch (IOException | RuntimeException e) {
            closeConnection(c, new RetriableException("lost connection to " + c.node + ": " + describe(e), e,
                    Errors.NETWORK_EXCEPTION), nowMs);
        }
    }

    /** Marks the connection ready, with the version chosen for each API key (-1 where unsupported). */
    public void handshakeSucceeded(int nodeId, short[] apiVersions) {
        BrokerConnection c = connections.get(nodeId);
        if (c != null && c.state == BrokerConnection.State.HANDSHAKE) {
            c.apiVersions = apiVersions;
            c.state = BrokerConnection.State.READY;
            if (!suspectedMismatch.contains(nodeId)) {
                // A suspected mismatch keeps its reconnect backoff: the broker may close again at the first request.
                reconnects.remove(nodeId);
            }
            listener.onConnected(c.node);
        }
    }

    /**
     * SASL succeeded on the node's connection; {@code sessionLifetimeMs} is how long the broker accepts it before
     * the client must authenticate again (0: no limit).
     */
    public void authenticated(int nodeId, long sessionLifetimeMs) {
        BrokerConnection c = connections.get(nodeId);
        if (c != null) {
            c.sessionLifetimeMs = sessionLifetimeMs;
            if (sessionLifetimeMs > 0) {
                // Like kafka-clients, between 85% and 95% of the lifetime, so that a fleet of producers does
                // not reconnect in step.
                double share = 0.85 + 0.10 * ThreadLocalRandom.current().nextDouble();
                c.reauthenticateAtMs = System.currentTimeMillis() + (long) (sessionLifetimeMs * share);
            }
        }
    }

    public void handshakeFailed(int nodeId, ProducerException error, long nowMs) {
        BrokerConnection c = connections.get(nodeId);
        if (c != null) {
            closeConnection(c, error, nowMs);
        }
    }

    /**
     * Keeps the finalized features a broker reported when they are newer than those known: brokers learn of a
     * feature upgrade at different moments, and the epoch orders their views.
     */
    public synchronized void featuresReported(long epoch, Map<String, Short> finalized) {
        if (epoch >= featuresEpoch) {
            featuresEpoch = epoch;
            finalizedFeatures = Map.copyOf(finalized);
        }
    }

    @Override
    public short finalizedFeatureLevel(String feature) {
        return finalizedFeatures.getOrDefault(feature, (short) 0);
    }

    /** The version negotiated with the node for an API, or -1 when it has none or is not connected. */
    @Override
    public short apiVersion(int nodeId, short apiKey) {
        BrokerConnection c = connections.get(nodeId);
        if (c == null || c.apiVersions == null || apiKey >= c.apiVersions.length) {
            return -1;
        }
        return c.apiVersions[apiKey];
    }

    public void disconnect(int nodeId, ProducerException reason, long nowMs) {
        BrokerConnection c = connections.get(nodeId);
        if (c != null) {
            closeConnection(c, reason, nowMs);
        }
    }

    /** Waits up to {@code timeoutMs} for I/O, then performs it and expires timed-out requests. */
    @Override
    public void poll(long timeoutMs, long nowMs) {
        try {
            if (timeoutMs <= 0) {
                selector.selectNow();
            } else {
                // Announce the block before looking for a wake-up request: a waker that wrote its request after
                // the look then sees mayBlock and wakes the selector, so no request goes unheard.
                mayBlock = true;
                if (wakeRequested) {
                    selector.selectNow();
                } else {
                    selector.select(timeoutMs);
                }
            }
        } catch (IOException | ClosedSelectorException e) {
            throw new ProducerException("network selector failed", e);
        } finally {
            mayBlock = false;
            // What a request was for is noted elsewhere (a producer's attention, a flag) before wakeup() is called,
            // and the loop looks there before it polls again.
            wakeRequested = false;
        }
        long now = System.currentTimeMillis();
        Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
        while (keys.hasNext()) {
            SelectionKey key = keys.next();
            keys.remove();
            BrokerConnection c = (BrokerConnection) key.attachment();
            if (c.state == BrokerConnection.State.CLOSED) {
                continue;
            }
            c.lastActivityMs = now;
            try {
                if (c.state == BrokerConnection.State.CONNECTING) {
                    // TCP connect, then (TLS) the handshake, which sets the interest it needs meanwhile.
                    if (!c.transport.finishConnect()) {
                        continue;
                    }
                    key.interestOps(SelectionKey.OP_READ);
                    onTransportUp(c);
                }
                if (key.isValid() && key.isReadable()) {
                    c.read();
                    if (!suspectedMismatch.isEmpty() && c.responsesWhileReady() > 0) {
                        suspectedMismatch.remove(c.node.id());
                    }
                }
                if (key.isValid() && key.isWritable()) {
                    c.write();
                }
            } catch (IOException | RuntimeException e) {
                if (c.state == BrokerConnection.State.CLOSED) {
                    continue;
                }
                closeConnection(c, failure(c, e), now);
            }
        }
        expireTimedOut(now);
        closeIdle(now);
    }

    /**
     * Closes ready connections that carried nothing for {@code connections.max.idle.ms}, and those whose SASL
     * session is about to end once their last request is answered: the next connection authenticates
     * afresh, so the broker never has to cut a connection with requests on it.
     */
    private void closeIdle(long nowMs) {
        List<BrokerConnection> idle = null;
        List<BrokerConnection> expiring = null;
        for (BrokerConnection c : connections.values()) {
            if (c.state != BrokerConnection.State.READY || c.inFlightCount() > 0) {
                continue;
            }
            if (nowMs >= c.reauthenticateAtMs) {
                (expiring == null ? expiring = new ArrayList<>() : expiring).add(c);
            } else if (nowMs - c.lastActivityMs > settings.connectionsMaxIdleMs()) {
                (idle == null ? idle = new ArrayList<>() : idle).add(c);
            }
        }
        if (idle != null) {
            for (BrokerConnection c : idle) {
                closeQuietly(c, "closed after " + settings.connectionsMaxIdleMs() + " ms idle (connections.max.idle.ms)");
            }
        }
        if (expiring != null) {
            for (BrokerConnection c : expiring) {
                closeQuietly(c, "closed to authenticate again before its SASL session of " + c.sessionLifetimeMs
                        + " ms ends");
            }
        }
    }

    /**
     * Closes a connection on purpose, when nothing is in flight on it: no failure is recorded and the
     * next connection to the node is not delayed.
     */
    @Override
    public void closeIfIdle(int nodeId, String why) {
        BrokerConnection c = connections.get(nodeId);
        if (c != null && c.state == BrokerConnection.State.READY && c.inFlightCount() == 0) {
            closeQuietly(c, why);
        }
    }

    private void closeQuietly(BrokerConnection c, String why) {
        connections.remove(c.node.id());
        c.close(new RetriableException("connection to " + c.node + " " + why, null, Errors.NETWORK_EXCEPTION));
        listener.onDisconnected(c.node, null);
    }

    private void onTransportUp(BrokerConnection c) {
        c.state = BrokerConnection.State.HANDSHAKE;
        c.key.interestOps(SelectionKey.OP_READ);
        handshake.begin(c.node, this);
    }

    private void expireTimedOut(long nowMs) {
        List<BrokerConnection> expired = null;
        for (BrokerConnection c : connections.values()) {
            if (c.state == BrokerConnection.State.CONNECTING) {
                ReconnectState r = reconnects.get(c.node.id());
                long timeout = setupTimeout.backoffMs(r == null ? 0 : r.failures);
                if (nowMs - c.connectStartedMs > timeout) {
                    (expired == null ? expired = new ArrayList<>() : expired).add(c);
                }
                continue;
            }
            InFlightRequest oldest = c.oldest();
            if (oldest != null && nowMs > oldest.deadlineMs) {
                (expired == null ? expired = new ArrayList<>() : expired).add(c);
            }
        }
        if (expired != null) {
            for (BrokerConnection c : expired) {
                String why = c.state == BrokerConnection.State.CONNECTING
                        ? "connection setup to " + c.node + " timed out"
                        : "request to " + c.node + " timed out after " + settings.requestTimeoutMs()
                                + " ms (request.timeout.ms)";
                closeConnection(c, new RetriableException(why, null, Errors.REQUEST_TIMED_OUT), nowMs);
            }
        }
    }

    private void closeConnection(BrokerConnection c, ProducerException cause, long nowMs) {
        boolean connecting = c.state == BrokerConnection.State.CONNECTING;
        connections.remove(c.node.id());
        c.close(cause);
        recordFailure(c.node, nowMs, cause, connecting);
    }

    /**
     * @param addressFailed whether the failure was reaching the node's current address: then the next address
     *     of its host name, if one is left, is tried at once instead of after the reconnect backoff
     */
    private void recordFailure(Node node, long nowMs, ProducerException cause, boolean addressFailed) {
        ReconnectState r = reconnectState(node.id());
        if (addressFailed && r.addresses.advance()) {
            r.nextAttemptMs = nowMs;
        } else {
            r.nextAttemptMs = nowMs + reconnectBackoff.backoffMs(r.failures);
            r.failures++;
        }
        listener.onDisconnected(node, cause);
    }

    private ReconnectState reconnectState(int nodeId) {
        return reconnects.computeIfAbsent(nodeId, id -> new ReconnectState(new NodeAddresses(settings.useAllDnsIps())));
    }

    /**
     * What a connection's I/O failure means. A TLS handshake failure is final (the certificate or protocol will
     * not change by retrying); so is a broker that answers in TLS to plaintext. A broker that just closes the
     * connection at a telling moment (during the TLS handshake, before answering ApiVersions, or at the first
     * request after it) most likely runs a listener of another security protocol; that becomes final when it
     * happens twice in a row, so that a broker restarting at that moment does not fail records.
     */
    private ProducerException failure(BrokerConnection c, Throwable e) {
        if (e instanceof ProtocolMismatchException) {
            return new AuthenticationException(c.node + ": " + e.getMessage(), e);
        }
        // Before the connection carried a request (TLS 1.3 reports a refused client certificate only after the
        // handshake, while ApiVersions is in flight); later TLS errors are network failures like any other.
        if (e instanceof SSLException ssl && c.state != BrokerConnection.State.READY
                && !TlsFailures.isClosedByPeer(ssl)) {
            return new SslAuthenticationException(TlsFailures.describe(c.node, ssl), e);
        }
        String suspicion = null;
        if (e instanceof EOFException || e instanceof SSLException) {
            suspicion = ProtocolMismatchException.suspicion(c.state, transports.tls(), authenticates(),
                    c.responsesWhileReady());
        }
        if (suspicion != null) {
            String message = c.node + " closed the connection " + suspicion;
            if (!suspectedMismatch.add(c.node.id())) {
                return new AuthenticationException(message, e);
            }
            return new SuspectedMismatch(message, e);
        }
        String phase = c.state == BrokerConnection.State.CONNECTING ? "could not connect to " : "lost connection to ";
        return new RetriableException(phase + c.node + ": " + describe(e), e, Errors.NETWORK_EXCEPTION);
    }

    private boolean authenticates() {
        return handshake instanceof ApiVersionsHandshake h && h.authenticates();
    }

    /** A first sign of a security protocol mismatch: still retried once, in case the broker was restarting. */
    private static final class SuspectedMismatch extends RetriableException {
        SuspectedMismatch(String message, Throwable cause) {
            super(message, cause, Errors.NETWORK_EXCEPTION);
        }
    }

    private static String describe(Throwable e) {
        if (e instanceof UnknownHostException) {
            return "cannot resolve host name " + e.getMessage();
        }
        String message = e.getMessage();
        return message == null ? e.getClass().getSimpleName() : message;
    }

    @Override
    public void wakeup() {
        wakeRequested = true;
        if (mayBlock) {
            selector.wakeup();
        }
    }

    @Override
    public void close() {
        ProducerException closed = new ProducerException("the producer is closing");
        for (BrokerConnection c : new ArrayList<>(connections.values())) {
            c.close(closed);
        }
        connections.clear();
        handshake.close();
        try {
            selector.close();
        } catch (IOException ignored) {
            // Nothing can use the selector after close; a failure to release it changes nothing.
        }
    }

    /** A node's connection attempts since its last successful handshake. */
    private static final class ReconnectState {
        final NodeAddresses addresses;
        int failures;
        long nextAttemptMs;

        ReconnectState(NodeAddresses addresses) {
            this.addresses = addresses;
        }
    }
}
