package dev.quill.producer.internal.sender;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.quill.producer.errors.ProducerException;
import dev.quill.producer.internal.network.BrokerClient;
import dev.quill.producer.internal.network.Node;
import dev.quill.producer.internal.network.RequestEncoder;
import dev.quill.producer.internal.network.ResponseHandler;

/**
 * One producer's view of the shared connections, which notes when that producer needs the I/O thread: woken (a new
 * batch, a flush, a transactional call) or answered (a response or failure of one of its requests). The
 * {@link IoLoop} runs a producer's {@link Sender} only then or when its own deadline comes, so that one busy
 * producer does not make the loop visit every idle producer of its group on each event.
 */
public final class LaneClient implements BrokerClient {

    private final BrokerClient shared;
    private final NetworkEvents events;
    private final AtomicBoolean attention = new AtomicBoolean(true);

    /** @param events counts the answers to this producer's requests, which may free others' waits */
    public LaneClient(BrokerClient shared, NetworkEvents events) {
        this.shared = shared;
        this.events = events;
    }

    /** Whether something happened for this producer since the last call; clears it. */
    boolean takeAttention() {
        return attention.getAndSet(false);
    }

    @Override
    public void wakeup() {
        attention.set(true);
        shared.wakeup();
    }

    @Override
    public void send(int nodeId, short apiKey, boolean expectsResponse, RequestEncoder encoder, ResponseHandler handler,
                     long nowMs) {
        shared.send(nodeId, apiKey, expectsResponse, encoder, new ResponseHandler() {
            @Override
            public void onResponse(ByteBuffer frame) {
                attention.set(true);
                events.responded();
                handler.onResponse(frame);
            }

            @Override
            public void onFailure(ProducerException error) {
                attention.set(true);
                events.responded();
                handler.onFailure(error);
            }
        }, nowMs);
    }

    @Override
    public boolean isReady(int nodeId) {
        return shared.isReady(nodeId);
    }

    @Override
    public boolean isConnected(int nodeId) {
        return shared.isConnected(nodeId);
    }

    @Override
    public boolean isConnecting(int nodeId) {
        return shared.isConnecting(nodeId);
    }

    @Override
    public int inFlightCount(int nodeId) {
        return shared.inFlightCount(nodeId);
    }

    @Override
    public int inFlightCount() {
        return shared.inFlightCount();
    }

    @Override
    public long timeToReauthenticationMs(long nowMs) {
        return shared.timeToReauthenticationMs(nowMs);
    }

    @Override
    public long connectDelayMs(int nodeId, long nowMs) {
        return shared.connectDelayMs(nodeId, nowMs);
    }

    @Override
    public boolean connect(Node node, long nowMs) {
        return shared.connect(node, nowMs);
    }

    @Override
    public short apiVersion(int nodeId, short apiKey) {
        return shared.apiVersion(nodeId, apiKey);
    }

    @Override
    public short finalizedFeatureLevel(String feature) {
        return shared.finalizedFeatureLevel(feature);
    }

    @Override
    public void poll(long timeoutMs, long nowMs) {
        throw new UnsupportedOperationException("the I/O loop polls the shared client");
    }

    @Override
    public void closeIfIdle(int nodeId, String why) {
        shared.closeIfIdle(nodeId, why);
    }

    @Override
    public void close() {
        throw new UnsupportedOperationException("the I/O loop closes the shared client");
    }
}
