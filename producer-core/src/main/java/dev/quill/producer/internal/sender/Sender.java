package dev.quill.producer.internal.sender;

import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.quill.producer.PartitionInfo;
import dev.quill.producer.errors.AuthenticationException;
import dev.quill.producer.errors.DeliveryTimeoutException;
import dev.quill.producer.errors.Errors;
import dev.quill.producer.errors.ProducerClosedException;
import dev.quill.producer.errors.ProducerException;
import dev.quill.producer.errors.RetriableException;
import dev.quill.producer.internal.ExponentialBackoff;
import dev.quill.producer.internal.accumulator.PendingRecord;
import dev.quill.producer.internal.accumulator.ProducerBatch;
import dev.quill.producer.internal.accumulator.ReadyNodes;
import dev.quill.producer.internal.accumulator.RecordAccumulator;
import dev.quill.producer.internal.metadata.Cluster;
import dev.quill.producer.internal.metadata.Metadata;
import dev.quill.producer.internal.network.ConnectionListener;
import dev.quill.producer.internal.network.NetworkClient;
import dev.quill.producer.internal.network.Node;
import dev.quill.producer.internal.network.ResponseHandler;
import dev.quill.producer.internal.protocol.ApiKey;
import dev.quill.producer.internal.protocol.ProduceRequest;
import dev.quill.producer.internal.protocol.ProduceResponse;

/**
 * The producer's single I/O thread: keeps metadata fresh, places records that waited for it, drains
 * ready batches into Produce requests per leader, and completes every record from the responses,
 * retrying what a retry can fix within {@code retries} and {@code delivery.timeout.ms}.
 */
public final class Sender implements Runnable, ConnectionListener {

    private static final System.Logger LOG = System.getLogger("dev.quill.producer");
    private static final long MAX_POLL_MS = 1_000;

    private final SenderSettings settings;
    private final RecordAccumulator accumulator;
    private final Metadata metadata;
    private final NetworkClient client;
    private final PartitionChooser chooser;
    private final SenderStats stats;
    private final ExponentialBackoff retryBackoff;
    private final MetadataFetcher metadataFetcher;
    private final ProducerIdManager identity;
    private final Map<Integer, ProducerException> incompatibleBrokers = new HashMap<>();
    private ProducerException lastConnectionError;
    /** Set while the latest connection attempt failed authentication: records waiting for metadata fail at once. */
    private AuthenticationException authenticationFailure;
    /** "topic-partition" of partitions whose latest produce was refused for lack of in-sync replicas. */
    private final Set<String> belowMinInsyncReplicas = ConcurrentHashMap.newKeySet();
    private volatile boolean running = true;
    private volatile boolean forceClose;

    public Sender(SenderSettings settings, RecordAccumulator accumulator, Metadata metadata, NetworkClient client,
                  PartitionChooser chooser, SenderStats stats) {
        this.settings = settings;
        this.accumulator = accumulator;
        this.metadata = metadata;
        this.client = client;
        this.chooser = chooser;
        this.stats = stats;
        this.retryBackoff = new ExponentialBackoff(settings.retryBackoffMs(), settings.retryBackoffMaxMs());
        this.metadataFetcher = new MetadataFetcher(settings, accumulator, metadata, client);
        this.identity = new ProducerIdManager(settings, accumulator, client, metadataFetcher);
    }

    @Override
    public void run() {
        while (running) {
            runOnceSafely();
        }
        // Closing: keep sending until everything queued or in flight is done, unless forced.
        while (!forceClose && (accumulator.hasUndrained() || client.inFlightCount() > 0)) {
            runOnceSafely();
        }
        // Closing the network fails what is in flight (final, since closing); then nothing is left to retry.
        client.close();
        accumulator.abortUndrained(new ProducerClosedException("the producer was closed before the record was sent"));
    }

    private void runOnceSafely() {
        try {
            runOnce();
        } catch (RuntimeException | Error e) {
            LOG.log(Level.ERROR, "Unexpected error in the producer's I/O thread; it carries on", e);
        }
    }

    /** Stops after sending what is queued; {@code force} abandons it instead. */
    public void initiateClose(boolean force) {
        forceClose |= force;
        running = false;
        accumulator.beginClose();
        client.wakeup();
    }

    public void wakeup() {
        client.wakeup();
    }

    void runOnce() {
        long now = System.currentTimeMillis();
        metadataFetcher.maybeUpdate(now);
        Cluster cluster = metadata.cluster();
        placePending(cluster, now);

        ReadyNodes ready = accumulator.ready(cluster, now);
        if (ready.unknownLeader()) {
            metadata.requestUpdate();
        }
        List<Integer> sendable = new ArrayList<>();
        for (int nodeId : ready.nodes()) {
            if (incompatibleBrokers.containsKey(nodeId) || client.isReady(nodeId)) {
                sendable.add(nodeId);
            } else if (!client.isConnected(nodeId) && !client.isConnecting(nodeId)) {
                Node node = cluster.node(nodeId);
                if (node != null) {
                    client.connect(node, now);
                }
            }
        }
        ProducerException fatal = identity.fatalError();
        if (fatal != null) {
            accumulator.abortUndrained(fatal);
        }
        boolean canProduce = !settings.idempotent() || identity.ensureIdentity(now);
        Map<Integer, List<ProducerBatch>> drained = canProduce
                ? accumulator.drain(cluster, Set.copyOf(sendable), settings.maxRequestSize(), now)
                : Map.of();
        for (Map.Entry<Integer, List<ProducerBatch>> e : drained.entrySet()) {
            ProducerException incompatible = incompatibleBrokers.get(e.getKey());
            if (incompatible != null) {
                e.getValue().forEach(b -> finish(b, incompatible));
            } else {
                sendProduce(e.getKey(), e.getValue(), now);
            }
        }
        for (ProducerBatch expired : accumulator.expire(now)) {
            finish(expired, deliveryTimeout(expired, now));
        }

        long pollMs = Math.min(Math.min(ready.nextReadyCheckDelayMs(), metadata.timeToNextUpdate(now)),
                client.timeToReauthenticationMs(now));
        if (!sendable.isEmpty() && drained.isEmpty()) {
            // Ready batches held back only by in-flight limits: the responses will wake the selector.
            pollMs = Math.min(pollMs, MAX_POLL_MS);
        }
        if (!accumulator.topicsWithPending().isEmpty()) {
            pollMs = Math.min(pollMs, settings.retryBackoffMs());
        }
        client.poll(Math.max(0, Math.min(pollMs, MAX_POLL_MS)), now);
    }

    /** An error after which the producer cannot send any record, or null. */
    public ProducerException fatalError() {
        return identity.fatalError();
    }

    // ---- connections --------------------------------------------------------------------------------

    /** A broker this producer cannot talk to (for example, too old) fails its records at once. */
    @Override
    public void onDisconnected(Node node, ProducerException cause) {
        if (cause == null) {
            return;
        }
        lastConnectionError = cause;
        if (cause instanceof AuthenticationException auth) {
            authenticationFailure = auth;
        }
        // Reconnect (with backoff) through a metadata refresh, so that an idle producer notices when the
        // cluster is back rather than at its next send.
        metadata.requestUpdate();
        if (!cause.isRetriable()) {
            incompatibleBrokers.put(node.id(), cause);
        }
    }

    @Override
    public void onConnected(Node node) {
        incompatibleBrokers.remove(node.id());
        authenticationFailure = null;
    }

    // ---- records that waited for metadata ---------------------------------------------------------

    private void placePending(Cluster cluster, long now) {
        for (String topic : accumulator.topicsWithPending()) {
            List<PartitionInfo> partitions = cluster.partitionsFor(topic);
            Errors topicError = cluster.topicError(topic);
            accumulator.placePending(topic, r -> {
                if (topicError != null && !topicError.isRetriable()) {
                    accumulator.failPending(r, topicError.exception("Cannot send to topic " + topic + ": "
                            + topicError.description()));
                    return true;
                }
                if (partitions != null && r.requestedPartition() < partitions.size() && place(r, partitions, now)) {
                    return true;
                }
                if (partitions == null && authenticationFailure != null) {
                    // No broker lets this client in: metadata cannot come, and waiting max.block.ms helps nobody.
                    accumulator.failPending(r, authenticationFailure);
                    return true;
                }
                if (now - r.createdMs() >= settings.maxBlockMs()) {
                    accumulator.failPending(r, metadataTimeout(r, partitions, topicError));
                    return true;
                }
                return false;
            });
            if (accumulator.hasPending(topic)) {
                metadata.requestUpdate();
            }
        }
    }

    /** Appends the record to its partition; false when buffer memory is short, to try again later. */
    private boolean place(PendingRecord r, List<PartitionInfo> partitions, long now) {
        int partition;
        try {
            partition = r.requestedPartition() >= 0 ? r.requestedPartition() : chooser.partition(r, partitions);
        } catch (ProducerException e) {
            accumulator.failPending(r, e);
            return true;
        }
        try {
            // The I/O thread must not wait for memory it is itself responsible for freeing.
            // The reservation was sized as the record's bytes: it serves as both.
            accumulator.append(r.topic(), partition, r.timestamp(), r.keyBytes(), r.valueBytes(), r.headers(),
                    r.reservedBytes(), r.callback(), r.future(), r.reservedBytes(), 0, now);
            return true;
        } catch (ProducerException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private DeliveryTimeoutException metadataTimeout(PendingRecord r, List<PartitionInfo> partitions, Errors error) {
        String message = partitions == null
                ? "Topic " + r.topic() + " not present in metadata after " + settings.maxBlockMs() + " ms (max.block.ms)"
                : "Partition " + r.requestedPartition() + " of topic " + r.topic() + " with partition count "
                        + partitions.size() + " is not present in metadata after " + settings.maxBlockMs()
                        + " ms (max.block.ms)";
        Throwable cause = error != null ? error.exception(error.description()) : lastConnectionError;
        return new DeliveryTimeoutException(message + (cause == null ? "" : "; last error: " + cause.getMessage()), cause);
    }

    // ---- produce ----------------------------------------------------------------------------------

    private void sendProduce(int nodeId, List<ProducerBatch> batches, long now) {
        ProduceRequest.Builder builder = ProduceRequest.builder(settings.acks(), settings.requestTimeoutMs());
        for (ProducerBatch batch : batches) {
            builder.add(batch.topic, batch.partition, batch.close());
        }
        ProduceRequest request = builder.build();
        short version = client.apiVersion(nodeId, ApiKey.PRODUCE.id());
        boolean expectsResponse = settings.acks() != 0;
        long sentNanos = System.nanoTime();
        client.send(nodeId, ApiKey.PRODUCE.id(), expectsResponse,
                correlationId -> request.encode(version, correlationId, settings.clientId()),
                new ResponseHandler() {
                    @Override
                    public void onResponse(ByteBuffer frame) {
                        stats.onRequestCompleted((System.nanoTime() - sentNanos) / 1000);
                        long at = System.currentTimeMillis();
                        if (frame == null) {
                            batches.forEach(b -> complete(b, -1, -1));
                        } else {
                            onProduceResponse(batches, ProduceResponse.parse(frame, version), at);
                        }
                    }

                    @Override
                    public void onFailure(ProducerException error) {
                        metadata.requestUpdate();
                        long at = System.currentTimeMillis();
                        for (ProducerBatch batch : batches) {
                            retryOrFail(batch, error, at);
                        }
                    }
                }, now);
    }

    private void onProduceResponse(List<ProducerBatch> batches, ProduceResponse response, long now) {
        Map<String, Map<Integer, ProduceResponse.PartitionResponse>> byTopic = new HashMap<>();
        for (ProduceResponse.TopicResponse t : response.responses()) {
            Map<Integer, ProduceResponse.PartitionResponse> partitions = byTopic.computeIfAbsent(t.name(), k -> new HashMap<>());
            for (ProduceResponse.PartitionResponse p : t.partitionResponses()) {
                partitions.put(p.index(), p);
            }
        }
        for (ProducerBatch batch : batches) {
            ProduceResponse.PartitionResponse p = byTopic.getOrDefault(batch.topic, Map.of()).get(batch.partition);
            if (p == null) {
                retryOrFail(batch, new ProducerException("the broker's Produce response did not mention "
                        + batch.topic + "-" + batch.partition, null, Errors.UNKNOWN_SERVER_ERROR), now);
                continue;
            }
            Errors error = p.error();
            trackInsyncReplicas(batch, error);
            if (error == Errors.NONE || (error == Errors.DUPLICATE_SEQUENCE_NUMBER && batch.baseSequence() >= 0)) {
                // A duplicate means an earlier attempt of this very batch was written: it succeeded.
                complete(batch, p.baseOffset(), p.logAppendTimeMs());
                continue;
            }
            if (invalidatesMetadata(error)) {
                metadata.requestUpdate();
            }
            String detail = p.errorMessage() != null ? p.errorMessage() : error.description();
            if (!p.recordErrors().isEmpty()) {
                detail += " (record " + p.recordErrors().get(0).batchIndex() + ": "
                        + p.recordErrors().get(0).batchIndexErrorMessage() + ")";
            }
            ProducerException failure = error.exception("Failed to produce to " + batch.topic + "-" + batch.partition
                    + ": " + error.name() + ": " + detail);
            if (batch.baseSequence() >= 0 && (error == Errors.UNKNOWN_PRODUCER_ID || error == Errors.INVALID_PRODUCER_EPOCH
                    || error == Errors.OUT_OF_ORDER_SEQUENCE_NUMBER)) {
                // The broker's view of this producer's sequence no longer matches ours (an earlier batch
                // failed, or the broker lost the producer's state): resend under a new identity.
                if (error != Errors.OUT_OF_ORDER_SEQUENCE_NUMBER || !accumulator.hasRetryBefore(batch)) {
                    identity.requestReset();
                }
                failure = new RetriableException(failure.getMessage(), null, error);
            }
            if (error == Errors.MESSAGE_TOO_LARGE && batch.recordCount() > 1) {
                // Too large as a whole, perhaps not record by record: resend in halves, costing no retry.
                accumulator.onRequestDone(batch, false);
                accumulator.splitAndReenqueue(batch, now, failure);
                continue;
            }
            boolean redirected = followLeaderHint(batch, p.currentLeader(), response.nodeEndpoints());
            retryOrFail(batch, failure, redirected, now);
        }
    }

    private void trackInsyncReplicas(ProducerBatch batch, Errors error) {
        String partition = batch.topic + "-" + batch.partition;
        if (error == Errors.NOT_ENOUGH_REPLICAS || error == Errors.NOT_ENOUGH_REPLICAS_AFTER_APPEND) {
            belowMinInsyncReplicas.add(partition);
        } else if (error == Errors.NONE) {
            belowMinInsyncReplicas.remove(partition);
        }
    }

    /** Partitions whose latest produce was refused for running below {@code min.insync.replicas}, sorted. */
    public List<String> partitionsBelowMinInsyncReplicas() {
        return belowMinInsyncReplicas.stream().sorted().toList();
    }

    /** Errors meaning the producer's view of leaders is stale (Kafka's InvalidMetadataException family). */
    private static boolean invalidatesMetadata(Errors error) {
        return switch (error) {
            case NOT_LEADER_OR_FOLLOWER, UNKNOWN_TOPIC_OR_PARTITION, LEADER_NOT_AVAILABLE, FENCED_LEADER_EPOCH,
                 UNKNOWN_LEADER_EPOCH, KAFKA_STORAGE_ERROR, UNKNOWN_TOPIC_ID, INCONSISTENT_TOPIC_ID -> true;
            default -> false;
        };
    }

    private void complete(ProducerBatch batch, long baseOffset, long logAppendTime) {
        accumulator.onRequestDone(batch, true);
        // Counted before the futures complete, so that a caller who waited for them sees the counts.
        if (!batch.isDone()) {
            stats.onBatchSucceeded(batch);
            batch.succeed(baseOffset, logAppendTime);
        }
        accumulator.deallocate(batch);
    }

    /**
     * Produce v10+ names the new leader with NOT_LEADER_OR_FOLLOWER (KIP-951): route the partition there at
     * once instead of waiting for a metadata refresh. Returns whether the partition was redirected.
     */
    private boolean followLeaderHint(ProducerBatch batch, ProduceResponse.LeaderIdAndEpoch hint,
                                     List<ProduceResponse.NodeEndpoint> endpoints) {
        if (hint == null || !hint.isKnown()) {
            return false;
        }
        Node leader = metadata.cluster().node(hint.leaderId());
        for (ProduceResponse.NodeEndpoint e : endpoints) {
            if (e.nodeId() == hint.leaderId()) {
                leader = new Node(e.nodeId(), e.host(), e.port(), e.rack());
            }
        }
        return leader != null && metadata.applyLeaderHint(batch.topic, batch.partition, leader);
    }

    private void retryOrFail(ProducerBatch batch, ProducerException error, long now) {
        retryOrFail(batch, error, false, now);
    }

    /** @param redirected the partition has a new leader already: resend without a backoff */
    private void retryOrFail(ProducerBatch batch, ProducerException error, boolean redirected, long now) {
        accumulator.onRequestDone(batch, false);
        if (!error.isRetriable() || forceClose) {
            finish(batch, error);
            return;
        }
        if (now - batch.createdMs >= settings.deliveryTimeoutMs()) {
            batch.scheduleRetry(now, error);
            finish(batch, deliveryTimeout(batch, now));
            return;
        }
        if (batch.attempts() > settings.retries()) {
            finish(batch, error.brokerError().orElse(Errors.NETWORK_EXCEPTION).exception(
                    error.getMessage() + " (gave up after " + batch.attempts() + " attempts; retries="
                            + settings.retries() + ")"));
            return;
        }
        stats.onBatchRetried(batch);
        accumulator.reenqueue(batch, redirected ? now : now + retryBackoff.backoffMs(batch.attempts() - 1), error);
    }

    private DeliveryTimeoutException deliveryTimeout(ProducerBatch batch, long now) {
        ProducerException last = batch.lastError();
        return new DeliveryTimeoutException("Expiring " + batch.recordCount() + " record(s) for " + batch.topic + "-"
                + batch.partition + ": " + (now - batch.createdMs) + " ms has passed since batch creation "
                + "(delivery.timeout.ms=" + settings.deliveryTimeoutMs() + ") after " + batch.attempts() + " attempt(s)"
                + (last == null ? "" : "; last error: " + last.getMessage()), last);
    }

    private void finish(ProducerBatch batch, ProducerException error) {
        if (batch.baseSequence() >= 0 && !batch.isDone()) {
            // Its sequence numbers leave a gap the broker will never see filled.
            identity.requestReset();
        }
        if (!batch.isDone()) {
            stats.batchFailed(batch, error);
            batch.fail(error);
        }
        accumulator.deallocate(batch);
    }
}
