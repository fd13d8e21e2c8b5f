package dev.quill.producer.internal.network;

/**
 * What the I/O thread needs of the connections to the brokers: whether a broker can take a request now, a way
 * to connect and send, and a poll that performs the I/O and runs the response handlers. It is the seam between
 * deciding what to send (the sender) and moving bytes (the network), so that the sender's decisions can be
 * exercised against a scripted broker.
 *
 * <p>Only the I/O thread calls it, except {@link #wakeup()}. Response handlers run inside {@link #poll}, or
 * inside {@link #send} when the request fails at once.
 */
public interface BrokerClient extends AutoCloseable {

    /**
     * Whether a request sent to the node now would go out without waiting: connected, handshake done, below the
     * per-connection in-flight cap. The sender drains batches only for such nodes, so that a batch never waits in
     * a connection's queue where its delivery timeout cannot reach it.
     */
    boolean isReady(int nodeId);

    /**
     * Whether the node has a connection past its handshake, even one too busy to be {@linkplain #isReady ready}:
     * then waiting, not connecting again, is the answer.
     */
    boolean isConnected(int nodeId);

    /** Whether a connection to the node is being set up (TCP, TLS or the handshake): do not start another. */
    boolean isConnecting(int nodeId);

    /** Requests awaiting a response on the node's connection; picks the least busy broker for metadata. */
    int inFlightCount(int nodeId);

    /**
     * Requests awaiting a response on all connections. Zero means no response can still arrive to complete a batch
     * under the current sequence numbers, which a new producer epoch and a clean close both wait for.
     */
    int inFlightCount();

    /**
     * How long until a connection must make way for a new SASL authentication, so that the I/O thread wakes up
     * in time to let it; {@link Long#MAX_VALUE} when none must.
     */
    long timeToReauthenticationMs(long nowMs);

    /**
     * How long the reconnect backoff still holds off a new connection to the node; 0 when one may start now,
     * {@link Long#MAX_VALUE} while a connection exists. Lets the sender skip brokers that failed recently.
     */
    long connectDelayMs(int nodeId, long nowMs);

    /**
     * Starts connecting to the node unless the reconnect backoff forbids it; the connection becomes
     * {@linkplain #isReady ready} in a later {@link #poll}. Returns whether an attempt started.
     */
    boolean connect(Node node, long nowMs);

    /**
     * The version of the API negotiated with the node, which the request must be encoded in; -1 when the node
     * does not support it or is not connected.
     */
    short apiVersion(int nodeId, short apiKey);

    /**
     * The cluster-wide finalized level of a feature (such as {@code transaction.version}) from the newest
     * ApiVersions answer, 0 when the feature is not finalized or no broker answered yet.
     */
    short finalizedFeatureLevel(String feature);

    /**
     * Queues a request for a node the caller found {@linkplain #isReady ready}. The encoder is given the
     * correlation id; the handler hears exactly once of the outcome: a response, or a failure (lost connection,
     * {@code request.timeout.ms}, or no ready connection, then at once). With {@code expectsResponse} false
     * ({@code acks=0}) it hears {@code onResponse(null)} once the request is written.
     */
    void send(int nodeId, short apiKey, boolean expectsResponse, RequestEncoder encoder, ResponseHandler handler,
              long nowMs);

    /**
     * Waits up to {@code timeoutMs} for network I/O, or until {@link #wakeup()}, then performs it and runs the
     * handlers of the requests that completed or failed. The sender's only wait.
     */
    void poll(long timeoutMs, long nowMs);

    /**
     * Closes the node's connection when nothing is in flight on it, without counting a failure against the node.
     * Used to drop bootstrap connections once metadata names the brokers.
     */
    void closeIfIdle(int nodeId, String why);

    /** Ends a {@link #poll} early, from any thread: new records or a close need the I/O thread's attention. */
    void wakeup();

    /** Closes every connection, failing what is in flight; the producer is closing. */
    @Override
    void close();
}
