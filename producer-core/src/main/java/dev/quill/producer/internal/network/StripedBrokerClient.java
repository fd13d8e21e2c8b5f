package dev.quill.producer.internal.network;

/**
 * A {@link BrokerClient} whose requests go over the connections of one {@linkplain ConnectionStripes stripe}: its
 * callers name brokers as metadata does, and it maps them to that stripe's connections. Polling and closing stay
 * with the owner of the shared client.
 */
public final class StripedBrokerClient extends BrokerClientView {

    private final int stripe;

    private StripedBrokerClient(BrokerClient shared, int stripe) {
        super(shared);
        this.stripe = stripe;
    }

    /** The client for a stripe: the shared one itself for stripe 0. */
    public static BrokerClient of(BrokerClient shared, int stripe) {
        if (stripe < 0 || stripe >= ConnectionStripes.MAX_STRIPES) {
            throw new IllegalArgumentException("stripe must be in 0.." + (ConnectionStripes.MAX_STRIPES - 1));
        }
        return stripe == 0 ? shared : new StripedBrokerClient(shared, stripe);
    }

    private int id(int brokerId) {
        return ConnectionStripes.connectionId(brokerId, stripe);
    }

    @Override
    public boolean isReady(int nodeId) {
        return shared.isReady(id(nodeId));
    }

    @Override
    public boolean isConnected(int nodeId) {
        return shared.isConnected(id(nodeId));
    }

    @Override
    public boolean isConnecting(int nodeId) {
        return shared.isConnecting(id(nodeId));
    }

    @Override
    public int inFlightCount(int nodeId) {
        return shared.inFlightCount(id(nodeId));
    }

    @Override
    public long connectDelayMs(int nodeId, long nowMs) {
        return shared.connectDelayMs(id(nodeId), nowMs);
    }

    @Override
    public boolean connect(Node node, long nowMs) {
        return shared.connect(ConnectionStripes.connection(node, stripe), nowMs);
    }

    @Override
    public short apiVersion(int nodeId, short apiKey) {
        return shared.apiVersion(id(nodeId), apiKey);
    }

    @Override
    public void send(int nodeId, short apiKey, boolean expectsResponse, RequestEncoder encoder, ResponseHandler handler,
                     long nowMs) {
        shared.send(id(nodeId), apiKey, expectsResponse, encoder, handler, nowMs);
    }

    @Override
    public void closeIfIdle(int nodeId, String why) {
        shared.closeIfIdle(id(nodeId), why);
    }
}
