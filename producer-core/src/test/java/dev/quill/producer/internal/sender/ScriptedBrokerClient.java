package dev.quill.producer.internal.sender;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.common.protocol.ApiKeys;

import dev.quill.producer.errors.Errors;
import dev.quill.producer.errors.ProducerException;
import dev.quill.producer.errors.RetriableException;
import dev.quill.producer.internal.network.BrokerClient;
import dev.quill.producer.internal.network.ConnectionListener;
import dev.quill.producer.internal.network.Node;
import dev.quill.producer.internal.network.RequestEncoder;
import dev.quill.producer.internal.network.ResponseHandler;
import dev.quill.producer.internal.protocol.ApiKey;
import dev.quill.producer.internal.protocol.KafkaWire;

/**
 * A {@link BrokerClient} whose brokers are the test: it reports the nodes it was told are ready, keeps every
 * request the sender sends (in flight until the test answers or fails it), and speaks the latest version of every
 * API Quill knows. Connecting succeeds at once; where the sender connects to is what a test checks.
 *
 * <p>Like the real client it fails, in {@link #poll}, a request older than {@code request.timeout.ms} by the
 * sender's clock: that is how a request no broker answers ends.
 */
final class ScriptedBrokerClient implements BrokerClient {

    private final String clientId;
    private final long requestTimeoutMs;
    private final Set<Integer> ready = new HashSet<>();
    private final List<SentRequest> sent = new ArrayList<>();
    private final List<SentRequest> inFlight = new ArrayList<>();
    private final List<Node> connected = new ArrayList<>();
    private final ConnectionListener listener;
    private int nextCorrelationId;
    private long lastPollTimeoutMs = -1;
    /** Nodes whose last connection failed, with the time their reconnect backoff ends. */
    private final Map<Integer, Long> backingOff = new HashMap<>();
    /** Nodes whose next connection fails as it starts, with the backoff that failure begins. */
    private final Map<Integer, Long> refusedOnce = new HashMap<>();

    /** @param listener hears of each connection made, as a network client's listener does */
    ScriptedBrokerClient(String clientId, long requestTimeoutMs, ConnectionListener listener) {
        this.clientId = clientId;
        this.requestTimeoutMs = requestTimeoutMs;
        this.listener = listener;
    }

    /** From now on the nodes take requests. */
    void ready(int... nodeIds) {
        for (int id : nodeIds) {
            ready.add(id);
        }
    }

    /** The node's connection failed: until {@code untilMs} no new one may start, as a reconnect backoff has it. */
    void connectionFailed(int nodeId, long untilMs) {
        ready.remove(nodeId);
        backingOff.put(nodeId, untilMs);
    }

    /**
     * The node's connection is lost, and the next one fails as it starts (its address no longer resolves, say), which
     * begins a reconnect backoff of {@code backoffMs}.
     */
    void refusesNextConnection(int nodeId, long backoffMs) {
        ready.remove(nodeId);
        refusedOnce.put(nodeId, backoffMs);
    }

    /** Every request sent so far, oldest first. */
    List<SentRequest> sent() {
        return List.copyOf(sent);
    }

    /** The sent requests of one API, oldest first. */
    List<SentRequest> sent(ApiKeys api) {
        return sent.stream().filter(r -> r.api == api).toList();
    }

    /** The oldest request of the API still awaiting its outcome; fails the test when there is none. */
    SentRequest inFlight(ApiKeys api) {
        return inFlight.stream().filter(r -> r.api == api).findFirst()
                .orElseThrow(() -> new AssertionError("no " + api + " request in flight; sent: " + sent));
    }

    /** How long the I/O loop last offered to wait for the network: what ends its sleep when nothing happens. */
    long lastPollTimeoutMs() {
        return lastPollTimeoutMs;
    }

    /** The nodes the sender connected to, in order. */
    List<Node> connected() {
        return List.copyOf(connected);
    }

    @Override
    public boolean isReady(int nodeId) {
        return ready.contains(nodeId);
    }

    @Override
    public boolean isConnected(int nodeId) {
        return ready.contains(nodeId);
    }

    @Override
    public boolean isConnecting(int nodeId) {
        return false;
    }

    @Override
    public int inFlightCount(int nodeId) {
        return (int) inFlight.stream().filter(r -> r.nodeId == nodeId).count();
    }

    @Override
    public int inFlightCount() {
        return inFlight.size();
    }

    @Override
    public long timeToReauthenticationMs(long nowMs) {
        return Long.MAX_VALUE;
    }

    @Override
    public long connectDelayMs(int nodeId, long nowMs) {
        if (ready.contains(nodeId)) {
            return Long.MAX_VALUE;
        }
        return Math.max(0, backingOff.getOrDefault(nodeId, nowMs) - nowMs);
    }

    @Override
    public boolean connect(Node node, long nowMs) {
        if (connectDelayMs(node.id(), nowMs) > 0) {
            return false;
        }
        Long refusedBackoffMs = refusedOnce.remove(node.id());
        if (refusedBackoffMs != null) {
            backingOff.put(node.id(), nowMs + refusedBackoffMs);
            return false;
        }
        backingOff.remove(node.id());
        connected.add(node);
        ready.add(node.id());
        listener.onConnected(node);
        return true;
    }

    @Override
    public short apiVersion(int nodeId, short apiKey) {
        return ready.contains(nodeId) ? ApiKey.forId(apiKey).latestVersion() : -1;
    }

    @Override
    public short finalizedFeatureLevel(String feature) {
        return 0;
    }

    @Override
    public void send(int nodeId, short apiKey, boolean expectsResponse, RequestEncoder encoder,
                     ResponseHandler handler, long nowMs) {
        if (!ready.contains(nodeId)) {
            handler.onFailure(new RetriableException("no ready connection to broker " + nodeId, null,
                    Errors.NETWORK_EXCEPTION));
            return;
        }
        int correlationId = nextCorrelationId++;
        ApiKeys api = ApiKeys.forId(apiKey);
        ByteBuffer[] frame = encoder.encode(correlationId);
        // The version the sender chose, which may be below the negotiated one (Produce on transaction version 1).
        short version = KafkaWire.join(frame).getShort(Integer.BYTES + Short.BYTES);
        SentRequest request = new SentRequest(nodeId, api, version, correlationId, frame, clientId, nowMs, handler,
                inFlight::remove);
        sent.add(request);
        if (expectsResponse) {
            inFlight.add(request);
        } else {
            handler.onResponse(null);
        }
    }

    @Override
    public void poll(long timeoutMs, long nowMs) {
        lastPollTimeoutMs = timeoutMs;
        for (SentRequest request : List.copyOf(inFlight)) {
            if (nowMs > request.sentMs + requestTimeoutMs) {
                request.fail(new RetriableException("request to broker " + request.nodeId + " timed out after "
                        + requestTimeoutMs + " ms (request.timeout.ms)", null, Errors.REQUEST_TIMED_OUT));
            }
        }
    }

    @Override
    public void closeIfIdle(int nodeId, String why) {
        if (inFlightCount(nodeId) == 0) {
            ready.remove(nodeId);
        }
    }

    @Override
    public void wakeup() {
        // The test drives the sender; there is no wait to end.
    }

    @Override
    public void close() {
        ProducerException closing = new ProducerException("the producer is closing");
        List.copyOf(inFlight).forEach(r -> r.fail(closing));
        ready.clear();
    }
}
