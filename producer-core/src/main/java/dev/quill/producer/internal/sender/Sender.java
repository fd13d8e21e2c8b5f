package dev.quill.producer.internal.sender;

import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

import dev.quill.producer.errors.DeliveryTimeoutException;
import dev.quill.producer.errors.Errors;
import dev.quill.producer.errors.ProducerClosedException;
import dev.quill.producer.errors.ProducerException;
import dev.quill.producer.errors.RetriableException;
import dev.quill.producer.internal.ExponentialBackoff;
import dev.quill.producer.internal.LastFailure;
import dev.quill.producer.internal.accumulator.ProducerBatch;
import dev.quill.producer.internal.accumulator.ReadyNodes;
import dev.quill.producer.internal.accumulator.RecordAccumulator;
import dev.quill.producer.internal.waiting.WaitingRecords;
import dev.quill.producer.internal.metadata.Cluster;
import dev.quill.producer.internal.metadata.Metadata;
import dev.quill.producer.internal.network.BrokerClient;
import dev.quill.producer.internal.network.ConnectionState;
import dev.quill.producer.internal.network.Node;
import dev.quill.producer.internal.network.ResponseHandler;
import dev.quill.producer.internal.protocol.ApiKey;
import dev.quill.producer.internal.protocol.ProduceRequest;
import dev.quill.producer.internal.protocol.ProduceResponse;
import dev.quill.producer.internal.transaction.TransactionManager;
import dev.quill.producer.internal.transaction.TransactionState;

/**
 * One producer's share of the I/O thread: drains its ready batches into Produce requests per leader, and completes
 * every record from the responses, retrying what a retry can fix within {@code retries} and
 * {@code delivery.timeout.ms}. The {@link IoLoop} runs it with the other producers sharing the thread, the
 * connections and the metadata; everything here runs on that thread, except the methods said to be thread-safe.
 */
public final class Sender {

    private static final System.Logger LOG = System.getLogger("dev.quill.producer");

    private final SenderSettings settings;
    private final RecordAccumulator accumulator;
    private final Metadata metadata;
    private final LaneClient client;
    /** When this sender needs the I/O thread again at the latest (loop thread only). */
    private long dueAtMs;
    /** Its last round left batches or requests waiting for a connection or an in-flight slot (loop thread only). */
    private boolean waitsForNetwork;
    private final ConnectionState connections;
    private final WaitingRecords waiting;
    private final SenderStats stats;
    private final LastFailure lastFailure;
    private final ExponentialBackoff retryBackoff;
    private final IdentitySource identity;
    /** Null unless the producer is transactional. */
    private final TransactionManager transactions;
    private final LongSupplier clock;
    /** The metadata the waiting records last heard of. */
    private Cluster announced;
    /** "topic-partition" of partitions whose latest produce was refused for lack of in-sync replicas. */
    private final Set<String> belowMinInsyncReplicas = ConcurrentHashMap.newKeySet();
    private volatile boolean closing;
    private volatile boolean forceClose;
    private boolean closeNoticed;
    private final CompletableFuture<Void> finished = new CompletableFuture<>();

    /**
     * @param transactions the transactional producer's state, null for any other producer
     * @param client this producer's view of the connections; whoever else wakes the I/O thread for this producer
     *               (its accumulator, waiting records, transactions) wakes it through this client
     * @param loop the I/O thread's loop, which lends its clock and its broker for cluster-wide requests; the caller
     *             {@linkplain IoLoop#add adds} the sender to it
     */
    public Sender(SenderSettings settings, RecordAccumulator accumulator, WaitingRecords waiting, Metadata metadata,
                  LaneClient client, ConnectionState connections, SenderStats stats, LastFailure lastFailure,
                  TransactionManager transactions, IoLoop loop) {
        this.settings = settings;
        this.lastFailure = lastFailure;
        this.clock = loop.clock();
        this.accumulator = accumulator;
        this.waiting = waiting;
        this.metadata = metadata;
        this.client = client;
        this.connections = connections;
        this.stats = stats;
        this.retryBackoff = new ExponentialBackoff(settings.retryBackoffMs(), settings.retryBackoffMaxMs());
        this.transactions = transactions;
        this.identity = transactions != null
                ? new TransactionRequests(transactions, settings, accumulator, waiting, client, loop.brokers(), clock)
                : new ProducerIdManager(settings, accumulator, client, loop.brokers(), clock);
    }

    /**
     * A transaction left open at close cannot commit: abort it now rather than leave it to the coordinator's
     * timeout, which would hold back {@code read_committed} consumers of its partitions until then.
     */
    private void abortOpenTransaction() {
        if (transactions == null) {
            return;
        }
        TransactionState state = transactions.state();
        if (state == TransactionState.IN_TRANSACTION || state == TransactionState.ABORTABLE_ERROR) {
            LOG.log(Level.INFO, "Aborting the open transaction of ''{0}'': the producer is closing",
                    transactions.transactionalId());
            transactions.abort();
        }
    }

    /**
     * Stops after sending what is queued, or in flight, and ending an open transaction; {@code force} fails what
     * is not sent yet instead, leaving only the requests in flight to complete. Thread-safe.
     */
    public void initiateClose(boolean force) {
        forceClose |= force;
        closing = true;
        accumulator.beginClose();
        client.wakeup();
    }

    /** Completes once every record of this producer has completed after {@link #initiateClose}. */
    public CompletableFuture<Void> finished() {
        return finished;
    }

    /** Thread-safe. */
    public void wakeup() {
        client.wakeup();
    }

    /** The topics this producer sends to, or waits to: those whose metadata the I/O thread keeps fresh. */
    void addTopicsInUse(List<String> into, long now) {
        addAbsent(into, accumulator.activeTopicNames(now, settings.metadataMaxIdleMs()));
        addAbsent(into, waiting.topics());
    }

    private static void addAbsent(List<String> into, Iterable<String> topics) {
        for (String topic : topics) {
            if (!into.contains(topic)) {
                into.add(topic);
            }
        }
    }

    /**
     * Whether to run this round: something happened for this producer, its deadline came, or it is closing.
     * Clears what happened.
     */
    boolean needsRun(long now) {
        return client.takeAttention() | closing | now >= dueAtMs;
    }

    /** Runs a round and returns how long the loop may wait before this producer needs it again. */
    long runRound(Cluster cluster, long now) {
        long pollMs = runOnce(cluster, now);
        dueAtMs = now + Math.min(Math.max(0, pollMs), IoLoop.MAX_POLL_MS);
        return pollMs;
    }

    /** Whether its last round left something waiting for a connection or an in-flight slot to free up. */
    boolean waitsForNetwork() {
        return waitsForNetwork;
    }

    /** How long until this producer's deadline. */
    long timeToDueMs(long now) {
        return dueAtMs - now;
    }

    /** Closing, and nothing left that could still complete by itself. */
    boolean isDone() {
        if (!closing) {
            return false;
        }
        if (forceClose) {
            return !accumulator.hasIncomplete();
        }
        return waiting.count() == 0 && !accumulator.hasUndrained() && !accumulator.hasIncomplete()
                && (transactions == null || !transactions.isEnding());
    }

    /** Fails whatever is left (the producer is closed) and tells {@link #finished()}. */
    void finish() {
        finishUnsent();
        finished.complete(null);
    }

    /**
     * Sends what this producer has ready against the given metadata; returns how long the I/O thread may wait
     * before this producer needs it again.
     */
    long runOnce(Cluster cluster, long now) {
        if (closing && !closeNoticed) {
            closeNoticed = true;
            abortOpenTransaction();
        }
        if (forceClose && (waiting.count() > 0 || accumulator.hasUndrained())) {
            finishUnsent();
        }
        if (cluster != announced) {
            announced = cluster;
            waiting.schedulePlacement();
        }

        ReadyNodes ready = accumulator.ready(cluster, now);
        if (ready.unknownLeader()) {
            metadata.requestUpdate();
        }
        List<Integer> sendable = new ArrayList<>();
        // No network event ends a reconnect backoff: the loop comes back for it by the clock.
        long reconnectInMs = Long.MAX_VALUE;
        for (int nodeId : ready.nodes()) {
            if (connections.incompatibility(nodeId) != null || client.isReady(nodeId)) {
                sendable.add(nodeId);
                continue;
            }
            Node node = cluster.node(nodeId);
            if (node != null && LaneConnection.prepare(client, node, now) == LaneConnection.State.BACKING_OFF) {
                reconnectInMs = Math.min(reconnectInMs, client.connectDelayMs(nodeId, now));
            }
        }
        ProducerException fatal = identity.fatalError();
        if (fatal != null) {
            waiting.failAll(fatal);
            accumulator.abortUndrained(fatal);
        }
        boolean canProduce = !settings.idempotent() || identity.ensureIdentity(now);
        Map<Integer, List<ProducerBatch>> drained = canProduce
                ? accumulator.drain(cluster, Set.copyOf(sendable), settings.maxRequestSize(), identity.gate(), now)
                : Map.of();
        for (Map.Entry<Integer, List<ProducerBatch>> e : drained.entrySet()) {
            ProducerException incompatible = connections.incompatibility(e.getKey());
            if (incompatible != null) {
                e.getValue().forEach(b -> finish(b, incompatible));
            } else {
                sendProduce(e.getKey(), e.getValue(), now);
            }
        }
        sendFurtherDue(cluster, drained.keySet(), now);
        for (ProducerBatch expired : accumulator.expire(now)) {
            finish(expired, deliveryTimeout(expired, now));
        }

        waitsForNetwork = (!ready.nodes().isEmpty() && drained.isEmpty()) || identity.waitsForNetwork();
        long pollMs = Math.min(ready.nextReadyCheckDelayMs(), identity.timeToNextRequestMs(now));
        pollMs = Math.min(pollMs, reconnectInMs);
        if (!drained.isEmpty() && accumulator.lingerMs() > 0) {
            // The readiness check came before the drain: a batch the drain left first in its queue, created by now,
            // falls due within its linger at the latest. (Without a linger it was due already, and went out unless
            // its connection had no room, whose answers wake the loop.)
            pollMs = Math.min(pollMs, accumulator.lingerMs());
        }
        if (!sendable.isEmpty() && drained.isEmpty()) {
            // Ready batches held back only by in-flight limits: the responses will wake the selector.
            pollMs = Math.min(pollMs, IoLoop.MAX_POLL_MS);
        }
        return pollMs;
    }

    /**
     * Sends further requests to the brokers just sent to, while their connections take more and batches are due: a
     * partition's next batch need not wait for another turn of the loop (a wait in the selector and a pass over every
     * queue) when it is full already, as when the producer is ahead of the network. The rounds end once no batch is
     * due or the connections are full ({@code max.in.flight.requests.per.connection}); each takes at least one batch.
     */
    private void sendFurtherDue(Cluster cluster, Set<Integer> sentTo, long now) {
        if (sentTo.isEmpty()) {
            return; // most turns of the loop: nothing was sent, and nothing is allocated for it
        }
        Set<Integer> nodes = new HashSet<>(sentTo);
        while (true) {
            nodes.removeIf(nodeId -> connections.incompatibility(nodeId) != null || !client.isReady(nodeId));
            if (nodes.isEmpty()) {
                return;
            }
            Map<Integer, List<ProducerBatch>> due = accumulator.drainDue(cluster, nodes, settings.maxRequestSize(),
                    identity.gate(), now);
            if (due.isEmpty()) {
                return;
            }
            due.forEach((nodeId, batches) -> sendProduce(nodeId, batches, now));
            nodes.retainAll(due.keySet());
        }
    }

    /** Fails what has not gone out: at once for a forced close, and what is left at the end of any. */
    private void finishUnsent() {
        ProducerClosedException closed = new ProducerClosedException("the producer was closed before the record was sent");
        // Waiting records first: once that returns none can be placed into a batch behind the abort.
        waiting.close(closed);
        accumulator.abortUndrained(closed);
    }

    /** An error after which the producer cannot send any record, or null. */
    public ProducerException fatalError() {
        return identity.fatalError();
    }

    // ---- produce ----------------------------------------------------------------------------------

    private void sendProduce(int nodeId, List<ProducerBatch> batches, long now) {
        ProduceRequest.Builder builder = ProduceRequest.builder(settings.acks(), settings.requestTimeoutMs())
                .transactionalId(identity.transactionalId());
        for (ProducerBatch batch : batches) {
            builder.add(batch.topic, batch.partition, batch.close());
        }
        ProduceRequest request = builder.build();
        short version = identity.produceVersion(client.apiVersion(nodeId, ApiKey.PRODUCE.id()));
        boolean expectsResponse = settings.acks() != 0;
        long sentNanos = System.nanoTime();
        client.send(nodeId, ApiKey.PRODUCE.id(), expectsResponse,
                correlationId -> request.encode(version, correlationId, settings.clientId()),
                new ResponseHandler() {
                    @Override
                    public void onResponse(ByteBuffer frame) {
                        stats.onRequestCompleted((System.nanoTime() - sentNanos) / 1000);
                        long at = clock.getAsLong();
                        if (frame == null) {
                            batches.forEach(b -> complete(b, -1, -1));
                        } else {
                            onProduceResponse(batches, ProduceResponse.parse(frame, version), at);
                        }
                    }

                    @Override
                    public void onFailure(ProducerException error) {
                        metadata.requestUpdate();
                        long at = clock.getAsLong();
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
            if (transactions == null && batch.baseSequence() >= 0 && (error == Errors.UNKNOWN_PRODUCER_ID
                    || error == Errors.INVALID_PRODUCER_EPOCH || error == Errors.OUT_OF_ORDER_SEQUENCE_NUMBER)) {
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
        if (error == Errors.NONE && belowMinInsyncReplicas.isEmpty()) {
            // The common case: nothing to forget, and no key to build for each acknowledged batch.
            return;
        }
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
        lastFailure.record(error, now);
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
            identity.batchFailed(error);
        }
        accumulator.deallocate(batch);
    }
}
