package dev.quill.producer.internal.network;

/**
 * A view of a {@link BrokerClient} that someone else owns: it passes every call through, except {@link #poll} and
 * {@link #close}, which stay with the owner. Views change what they must (which connections, what to note) and
 * inherit the rest.
 */
public abstract class BrokerClientView implements BrokerClient {

    protected final BrokerClient shared;

    protected BrokerClientView(BrokerClient shared) {
        this.shared = shared;
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
    public void send(int nodeId, short apiKey, boolean expectsResponse, RequestEncoder encoder, ResponseHandler handler,
                     long nowMs) {
        shared.send(nodeId, apiKey, expectsResponse, encoder, handler, nowMs);
    }

    @Override
    public void closeIfIdle(int nodeId, String why) {
        shared.closeIfIdle(nodeId, why);
    }

    @Override
    public void wakeup() {
        shared.wakeup();
    }

    @Override
    public final void poll(long timeoutMs, long nowMs) {
        throw new UnsupportedOperationException("the shared client's owner polls it");
    }

    @Override
    public final void close() {
        throw new UnsupportedOperationException("the shared client's owner closes it");
    }
}
