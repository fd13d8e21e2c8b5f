package dev.quill.producer.internal.sender;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.function.LongFunction;
import java.util.function.LongSupplier;

import dev.quill.producer.errors.ProducerException;
import dev.quill.producer.internal.metadata.Cluster;
import dev.quill.producer.internal.metadata.Metadata;
import dev.quill.producer.internal.network.BrokerClient;
import dev.quill.producer.internal.network.Node;
import dev.quill.producer.internal.network.ResponseHandler;
import dev.quill.producer.internal.protocol.ApiKey;
import dev.quill.producer.internal.protocol.MetadataRequest;
import dev.quill.producer.internal.protocol.MetadataResponse;

/**
 * Keeps {@link Metadata} fresh from the I/O thread: when a refresh is due, asks one broker for the topics in use
 * and installs the answer. Also picks the broker for other cluster-wide requests.
 */
final class MetadataFetcher {

    private static final long NO_BACKOFF = -1;

    private final String clientId;
    private final LongFunction<List<String>> topicsInUse;
    private final Metadata metadata;
    private final BrokerClient client;
    private final LongSupplier clock;
    private boolean inFlight;
    private int candidateCursor;
    /**
     * When the last look found no candidate to ask or connect to, every one in its reconnect backoff: when the first
     * may be tried; {@link #NO_BACKOFF} when it found one, or a connection under way.
     */
    private long candidatesBackOffUntilMs = NO_BACKOFF;

    /** @param topicsInUse the topics whose metadata to fetch, given the time now */
    MetadataFetcher(String clientId, LongFunction<List<String>> topicsInUse, Metadata metadata, BrokerClient client,
                    LongSupplier clock) {
        this.clientId = clientId;
        this.topicsInUse = topicsInUse;
        this.clock = clock;
        this.metadata = metadata;
        this.client = client;
    }

    /**
     * How long the I/O thread may wait before a refresh needs it. A request in flight, or a connection under way to
     * ask one, wakes it by its answer; every candidate in its reconnect backoff does not, and then the first backoff's
     * end does.
     */
    long timeToNextUpdateMs(long now) {
        if (inFlight) {
            return Long.MAX_VALUE;
        }
        long due = metadata.timeToNextUpdate(now);
        if (due > 0) {
            return due;
        }
        return candidatesBackOffUntilMs == NO_BACKOFF ? Long.MAX_VALUE : Math.max(0, candidatesBackOffUntilMs - now);
    }

    /** Sends a Metadata request when a refresh is due, none is in flight and a broker is ready for it. */
    void maybeUpdate(long now) {
        if (inFlight || metadata.timeToNextUpdate(now) > 0) {
            return;
        }
        Node node = readyNode(now);
        if (node == null) {
            return;
        }
        List<String> topics = topicsInUse.apply(now);
        short version = client.apiVersion(node.id(), ApiKey.METADATA.id());
        MetadataRequest request = new MetadataRequest(topics, true);
        inFlight = true;
        client.send(node.id(), ApiKey.METADATA.id(), true,
                correlationId -> new ByteBuffer[] {request.encode(version, correlationId, clientId)},
                new ResponseHandler() {
                    @Override
                    public void onResponse(ByteBuffer frame) {
                        inFlight = false;
                        long at = clock.getAsLong();
                        Cluster fresh = MetadataResponses.toCluster(MetadataResponse.parse(frame, version));
                        metadata.update(fresh, MetadataResponses.isIncomplete(fresh), at);
                        if (!fresh.nodes().isEmpty()) {
                            // The brokers are known by id now; a second connection to one of them under its
                            // bootstrap address only costs a socket.
                            metadata.bootstrap().forEach(b -> client.closeIfIdle(b.id(),
                                    "no longer needed once metadata named the brokers"));
                        }
                    }

                    @Override
                    public void onFailure(ProducerException error) {
                        inFlight = false;
                        metadata.failedUpdate(clock.getAsLong());
                    }
                }, now);
    }

    /**
     * A broker to ask for cluster-wide information: a ready connection if there is one (the least busy);
     * otherwise starts connecting to the next candidate, known brokers and bootstrap servers in turn, and
     * returns null.
     */
    Node readyNode(long now) {
        candidatesBackOffUntilMs = NO_BACKOFF;
        List<Node> candidates = metadata.metadataCandidates();
        Node best = null;
        for (Node node : candidates) {
            if (client.isReady(node.id())
                    && (best == null || client.inFlightCount(node.id()) < client.inFlightCount(best.id()))) {
                best = node;
            }
        }
        if (best != null) {
            return best;
        }
        for (Node node : candidates) {
            if (client.isConnecting(node.id())) {
                return null;
            }
        }
        long firstTryInMs = Long.MAX_VALUE;
        for (int i = 0; i < candidates.size(); i++) {
            Node node = candidates.get((candidateCursor + i) % candidates.size());
            long delayMs = client.connectDelayMs(node.id(), now);
            if (delayMs == 0) {
                candidateCursor = (candidateCursor + i + 1) % candidates.size();
                if (!client.connect(node, now)) {
                    // Failed at once (an address that does not resolve, say): the next address, or the backoff
                    // that failure began, says when to try again.
                    long retryInMs = client.connectDelayMs(node.id(), now);
                    candidatesBackOffUntilMs = retryInMs == Long.MAX_VALUE ? NO_BACKOFF : now + retryInMs;
                }
                return null;
            }
            firstTryInMs = Math.min(firstTryInMs, delayMs);
        }
        if (firstTryInMs != Long.MAX_VALUE) {
            candidatesBackOffUntilMs = now + firstTryInMs;
        }
        return null;
    }
}
