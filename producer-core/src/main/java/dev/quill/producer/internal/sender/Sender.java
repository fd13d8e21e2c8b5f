package dev.quill.producer.internal.sender;

import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 * The producer's single I/O thread: keeps metadata fresh (and tells the records waiting for it when it
 * changes), drains ready batches into Produce requests per leader, and completes every record from the
 * responses, retrying what a retry can fix within {@code retries} and {@code delivery.timeout.ms}.
 */
public final class Sender implements Runnable {

    private static final System.Logger LOG = System.getLogger("dev.quill.producer");
    private static final long MAX_POLL_MS = 1_000;

    private final SenderSettings settings;
    private final RecordAccumulator accumulator;
    private final Metadata metadata;
    private final BrokerClient client;
    private final ConnectionState connections;
    private final WaitingRecords waiting;
    private final SenderStats stats;
    private final LastFailure lastFailure;
    private final ExponentialBackoff retryBackoff;
    private final MetadataFetcher metadataFetcher;
    private final IdentitySource identity;
    /** Null unless the producer is transactional. */
    private final TransactionManager transactions;
    private final LongSupplier clock;
    /** The metadata the waiting records last heard of. */
    private Cluster announced;
    /** "topic-partition" of partitions whose latest produce was refused for lack of in-sync replicas. */
    private final Set<String> belowMinInsyncReplicas = ConcurrentHashMap.newKeySet();
    private volatile boolean running = true;
    private volatile boolean forceClose;

    /** @param transactions the transactional producer's state, null for any other producer */
    public Sender(SenderSettings settings, RecordAccumulator accumulator, WaitingRecords waiting, Metadata metadata,
                  BrokerClient client, ConnectionState connections, SenderStats stats, LastFailure lastFailure,
                  TransactionManager transactions) {
        this(settings, accumulator, waiting, metadata, client, connections, stats, lastFailure, transactions,
                System::currentTimeMillis);
    }

    /** @param clock epoch milliseconds; a test's own clock lets it reach the timeouts without waiting for them */
    Sender(SenderSettings settings, RecordAccumulator accumulator, WaitingRecords waiting, Metadata metadata,
           BrokerClient client, ConnectionState connections, SenderStats stats, LastFailure lastFailure,
           TransactionManager transactions, LongSupplier clock) {
        this.settings = settings;
        this.lastFailure = lastFailure;
        this.clock = clock;
        this.accumulator = accumulator;
        this.waiting = waiting;
        this.metadata = metadata;
        this.client = client;
        this.connections = connections;
        this.stats = stats;
        this.retryBackoff = new ExponentialBackoff(settings.retryBackoffMs(), settings.retryBackoffMaxMs());
        this.metadataFetcher = new MetadataFetcher(settings, accumulator, waiting, metadata, client, clock);
        this.transactions = transactions;
        this.identity = transactions != null
                ? new TransactionRequests(transactions, settings, accumulator, waiting, client, metadataFetcher, clock)
                : new ProducerIdManager(settings, accumulator, client, metadataFetcher, clock);
    }

    @Override
    public void run() {
        while (running) {
            runOnceSafely();
        }
        abortOpenTransaction();
        // Closing: keep sending until everything waiting, queued or in flight is done, unless forced.
        while (!forceClose && (waiting.count() > 0 || accumulator.hasUndrained() || client.inFlightCount() > 0
                || (transactions != null && transactions.isEnding()))) {
            runOnceSafely();
        }
        // Closing the network fails what is in flight (final, since closing); then nothing is left to retry.
        client.close();
        ProducerClosedException closed = new ProducerClosedException("the producer was closed before the record was sent");
        // Waiting records first: once that returns none can be placed into a batch behind the abort.
        waiting.close(closed);
        accumulator.abortUndrained(closed);
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
        long now = clock.getAsLong();
        metadataFetcher.maybeUpdate(now);
        Cluster cluster = metadata.cluster();
        if (cluster != announced) {
            announced = cluster;
            waiting.schedulePlacement();
        }

        ReadyNodes ready = accumulator.ready(cluster, now);
        if (ready.unknownLeader()) {
            metadata.requestUpdate();
        }
        List<Integer> sendable = new ArrayList<>();
        for (int nodeId : ready.nodes()) {
            if (connections.incompatibility(nodeId) != null || client.isReady(nodeId)) {
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
        for (ProducerBatch expired : accumulator.expire(now)) {
            finish(expired, deliveryTimeout(expired, now));
        }

        long pollMs = Math.min(Math.min(ready.nextReadyCheckDelayMs(), metadata.timeToNextUpdate(now)),
                Math.min(client.timeToReauthenticationMs(now), identity.timeToNextRequestMs(now)));
        if (!sendable.isEmpty() && drained.isEmpty()) {
            // Ready batches held back only by in-flight limits: the responses will wake the selector.
            pollMs = Math.min(pollMs, MAX_POLL_MS);
        }
        client.poll(Math.max(0, Math.min(pollMs, MAX_POLL_MS)), now);
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
