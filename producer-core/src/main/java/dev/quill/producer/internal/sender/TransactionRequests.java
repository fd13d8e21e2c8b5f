package dev.quill.producer.internal.sender;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.LongSupplier;

import dev.quill.producer.ConsumedOffset;
import dev.quill.producer.errors.Errors;
import dev.quill.producer.errors.ProducerException;
import dev.quill.producer.internal.ExponentialBackoff;
import dev.quill.producer.internal.accumulator.PartitionGate;
import dev.quill.producer.internal.accumulator.ProducerIdentity;
import dev.quill.producer.internal.accumulator.RecordAccumulator;
import dev.quill.producer.internal.network.BrokerClient;
import dev.quill.producer.internal.network.Node;
import dev.quill.producer.internal.network.ResponseHandler;
import dev.quill.producer.internal.protocol.AddOffsetsToTxnRequest;
import dev.quill.producer.internal.protocol.AddOffsetsToTxnResponse;
import dev.quill.producer.internal.protocol.AddPartitionsToTxnRequest;
import dev.quill.producer.internal.protocol.AddPartitionsToTxnResponse;
import dev.quill.producer.internal.protocol.ApiKey;
import dev.quill.producer.internal.protocol.EndTxnRequest;
import dev.quill.producer.internal.protocol.EndTxnResponse;
import dev.quill.producer.internal.protocol.FindCoordinatorRequest;
import dev.quill.producer.internal.protocol.FindCoordinatorResponse;
import dev.quill.producer.internal.protocol.InitProducerIdRequest;
import dev.quill.producer.internal.protocol.InitProducerIdResponse;
import dev.quill.producer.internal.protocol.PartitionError;
import dev.quill.producer.internal.protocol.TxnOffsetCommitRequest;
import dev.quill.producer.internal.protocol.TxnOffsetCommitResponse;
import dev.quill.producer.internal.transaction.OffsetCommit;
import dev.quill.producer.internal.transaction.TransactionErrors;
import dev.quill.producer.internal.transaction.TransactionManager;
import dev.quill.producer.internal.transaction.TransactionState;
import dev.quill.producer.internal.waiting.WaitingRecords;

/**
 * The transactional producer's side of the I/O thread: finds the coordinators, and sends what the
 * {@link TransactionManager}'s state asks for, one request at a time: InitProducerId, then per transaction the
 * partitions and offsets it adds, then EndTxn once every record of it is acknowledged.
 *
 * <p>Two protocols, chosen per transaction from the cluster's finalized {@code transaction.version}: from 2
 * (KIP-890) Produce v12 adds partitions by itself, TxnOffsetCommit adds the offsets, and EndTxn returns the epoch
 * for the next transaction; below 2, AddPartitionsToTxn and AddOffsetsToTxn come first and Produce stays at v11.
 */
final class TransactionRequests implements IdentitySource, PartitionGate {

    private static final String TRANSACTION_VERSION = "transaction.version";
    private static final short LAST_PRODUCE_VERSION_WITHOUT_IMPLICIT_ADD = 11;
    private static final short LAST_TXN_OFFSET_COMMIT_VERSION_WITHOUT_IMPLICIT_ADD = 4;
    /** EndTxn v5 asks the coordinator for KIP-890's epoch bump, which a cluster below transaction.version 2 lacks. */
    private static final short LAST_END_TXN_VERSION_WITHOUT_EPOCH_BUMP = 4;
    /**
     * The wait before retrying a transaction's first AddPartitionsToTxn that met CONCURRENT_TRANSACTIONS: the previous
     * transaction is still completing, which takes milliseconds, so kafka-clients retries it sooner than
     * {@code retry.backoff.ms} (KAFKA-5477), and so does this producer.
     */
    private static final long CONCURRENT_TRANSACTIONS_BACKOFF_MS = 20;

    private final TransactionManager transactions;
    private final SenderSettings settings;
    private final RecordAccumulator accumulator;
    private final WaitingRecords waiting;
    private final BrokerClient client;
    private final MetadataFetcher brokers;
    private final LongSupplier clock;
    private final ExponentialBackoff retryBackoff;

    private Node transactionCoordinator;
    private final Map<String, Node> groupCoordinators = new HashMap<>();
    private boolean inFlight;
    private long retryAtMs;
    private int attempts;

    /** Set at the start of each transaction: whether it runs on the KIP-890 protocol. */
    private Boolean implicitAdd;
    private final Set<TopicPartition> inTransaction = new HashSet<>();
    private final Set<TopicPartition> toAdd = new LinkedHashSet<>();
    private final Set<String> groupsAdded = new HashSet<>();
    /** The coordinator knows of the open transaction, so ending it takes an EndTxn. */
    private boolean started;
    /** The epoch's sequence numbers can no longer be trusted: get a new epoch once the transaction ends. */
    private boolean epochBumpNeeded;
    private boolean bumpingAfterEnd;
    /** The last attempt to send found no ready connection. */
    private boolean waitsForNetwork;
    private final MarkerSettling markers = new MarkerSettling(System::nanoTime);

    TransactionRequests(TransactionManager transactions, SenderSettings settings, RecordAccumulator accumulator,
                        WaitingRecords waiting, BrokerClient client, MetadataFetcher brokers, LongSupplier clock) {
        this.transactions = transactions;
        this.settings = settings;
        this.accumulator = accumulator;
        this.waiting = waiting;
        this.client = client;
        this.brokers = brokers;
        this.clock = clock;
        this.retryBackoff = new ExponentialBackoff(settings.retryBackoffMs(), settings.retryBackoffMaxMs());
    }

    @Override
    public ProducerException fatalError() {
        return transactions.fatalError();
    }

    @Override
    public String transactionalId() {
        return transactions.transactionalId();
    }

    @Override
    public boolean ensureIdentity(long now) {
        TransactionState state = transactions.state();
        if (state == TransactionState.FATAL_ERROR || state == TransactionState.UNINITIALIZED) {
            return false;
        }
        if (implicitAdd == null && state != TransactionState.INITIALIZING && state != TransactionState.READY) {
            implicitAdd = client.finalizedFeatureLevel(TRANSACTION_VERSION) >= 2;
        }
        if (transactions.abortsBuffered() && (waiting.count() > 0 || accumulator.hasUndrained())) {
            ProducerException aborted = transactions.abortedRecordError();
            waiting.failAll(aborted);
            accumulator.abortUndrained(aborted);
        }
        waitsForNetwork = false;
        if (!inFlight && now >= retryAtMs) {
            sendNext(state, now);
        }
        return accumulator.identity().isKnown()
                && (state == TransactionState.IN_TRANSACTION || state == TransactionState.COMMITTING);
    }

    /** Whether the transaction's first request waits for the previous transaction's markers ({@link MarkerSettling}). */
    private boolean holdsFirstRequest() {
        return !started && !markers.settled();
    }

    @Override
    public boolean waitsForNetwork() {
        return waitsForNetwork;
    }

    @Override
    public long timeToNextRequestMs(long now) {
        // Waiting for a connection: the network event that readies it wakes this producer, not a timer.
        // Anything else it waits for (a call, a response, records completing) wakes this producer as it happens,
        // except a retry, the end of the hold on a transaction's first request, and partitions the drain of this
        // very round found to add, which nothing else would send before the loop's longest wait.
        if (inFlight || waitsForNetwork) {
            return Long.MAX_VALUE;
        }
        if (retryAtMs > now) {
            return retryAtMs - now;
        }
        if (holdsFirstRequest()) {
            return markers.msUntilSettled();
        }
        return toAdd.isEmpty() ? Long.MAX_VALUE : 0;
    }

    @Override
    public void requestReset() {
        epochBumpNeeded = true;
    }

    @Override
    public void batchFailed(ProducerException error) {
        transactions.recordFailed(error);
    }

    @Override
    public PartitionGate gate() {
        return this;
    }

    @Override
    public boolean maySend(String topic, int partition) {
        if (Boolean.TRUE.equals(implicitAdd)) {
            if (holdsFirstRequest()) {
                return false;
            }
            started = true;
            return true;
        }
        TopicPartition key = new TopicPartition(topic, partition);
        if (inTransaction.contains(key)) {
            return true;
        }
        toAdd.add(key);
        return false;
    }

    @Override
    public short produceVersion(short negotiated) {
        return Boolean.FALSE.equals(implicitAdd)
                ? (short) Math.min(negotiated, LAST_PRODUCE_VERSION_WITHOUT_IMPLICIT_ADD) : negotiated;
    }

    // ---- choosing the next request -------------------------------------------------------------------

    private void sendNext(TransactionState state, long now) {
        switch (state) {
            case INITIALIZING -> initProducerId(false, now);
            case IN_TRANSACTION, COMMITTING -> {
                if (!toAdd.isEmpty()) {
                    if (!holdsFirstRequest()) {
                        addPartitions(now);
                    }
                } else if (transactions.nextOffsetCommit() != null) {
                    sendOffsets(transactions.nextOffsetCommit(), now);
                } else if (state == TransactionState.COMMITTING && allRecordsDone()) {
                    endTransaction(true, now);
                }
            }
            case ABORTING -> {
                if (bumpingAfterEnd) {
                    initProducerId(true, now);
                } else if (allRecordsDone()) {
                    endTransaction(false, now);
                }
            }
            default -> {
            }
        }
    }

    private boolean allRecordsDone() {
        return waiting.count() == 0 && !accumulator.hasUndrained() && !accumulator.hasIncomplete()
                && !transactions.hasOffsetsToCommit();
    }

    // ---- InitProducerId ------------------------------------------------------------------------------

    /** @param bump renew the epoch of the id held (after an abort whose sequence numbers broke) */
    private void initProducerId(boolean bump, long now) {
        ProducerIdentity held = accumulator.identity();
        InitProducerIdRequest request = new InitProducerIdRequest(transactions.transactionalId(),
                transactions.transactionTimeoutMs(),
                bump ? held.producerId() : InitProducerIdRequest.NO_PRODUCER_ID,
                bump ? held.epoch() : InitProducerIdRequest.NO_PRODUCER_EPOCH);
        toTransactionCoordinator(ApiKey.INIT_PRODUCER_ID, now,
                (version, id) -> request.encode(version, id, settings.clientId()),
                (frame, version) -> {
                    InitProducerIdResponse response = InitProducerIdResponse.parse(frame, version);
                    Errors error = response.error();
                    if (error == Errors.NONE) {
                        accumulator.resetIdentity(new ProducerIdentity(response.producerId(), response.producerEpoch()));
                        attempts = 0;
                        if (bump) {
                            bumpingAfterEnd = false;
                            epochBumpNeeded = false;
                            endedLocally();
                        } else {
                            transactions.initialized();
                        }
                    } else {
                        onCoordinatorError(ApiKey.INIT_PRODUCER_ID, error, null, true);
                    }
                });
    }

    // ---- partitions and offsets ----------------------------------------------------------------------

    private void addPartitions(long now) {
        Map<String, List<Integer>> byTopic = new LinkedHashMap<>();
        for (TopicPartition key : toAdd) {
            byTopic.computeIfAbsent(key.topic(), t -> new ArrayList<>()).add(key.partition());
        }
        ProducerIdentity identity = accumulator.identity();
        AddPartitionsToTxnRequest request = new AddPartitionsToTxnRequest(transactions.transactionalId(),
                identity.producerId(), identity.epoch(), byTopic);
        toTransactionCoordinator(ApiKey.ADD_PARTITIONS_TO_TXN, now,
                (version, id) -> request.encode(version, id, settings.clientId()),
                (frame, version) -> {
                    Errors failure = Errors.NONE;
                    for (PartitionError result
                            : AddPartitionsToTxnResponse.parse(frame, version).results()) {
                        Errors error = result.error();
                        TopicPartition key = new TopicPartition(result.topic(), result.partition());
                        if (error == Errors.NONE) {
                            toAdd.remove(key);
                            inTransaction.add(key);
                            started = true;
                        } else if (error != Errors.OPERATION_NOT_ATTEMPTED && failure == Errors.NONE) {
                            failure = error;
                        }
                    }
                    if (failure == Errors.CONCURRENT_TRANSACTIONS && inTransaction.isEmpty()) {
                        retryAtMs = clock.getAsLong()
                                + Math.min(CONCURRENT_TRANSACTIONS_BACKOFF_MS, settings.retryBackoffMs());
                    } else if (failure != Errors.NONE) {
                        onCoordinatorError(ApiKey.ADD_PARTITIONS_TO_TXN, failure, null, false);
                    } else {
                        attempts = 0;
                    }
                });
    }

    private void sendOffsets(OffsetCommit commit, long now) {
        String group = commit.group().groupId();
        if (!Boolean.TRUE.equals(implicitAdd) && !groupsAdded.contains(group)) {
            ProducerIdentity identity = accumulator.identity();
            AddOffsetsToTxnRequest request = new AddOffsetsToTxnRequest(transactions.transactionalId(),
                    identity.producerId(), identity.epoch(), group);
            toTransactionCoordinator(ApiKey.ADD_OFFSETS_TO_TXN, now,
                    (version, id) -> request.encode(version, id, settings.clientId()),
                    (frame, version) -> {
                        Errors error = AddOffsetsToTxnResponse.parse(frame, version).error();
                        if (error == Errors.NONE) {
                            attempts = 0;
                            groupsAdded.add(group);
                            started = true;
                        } else {
                            onCoordinatorError(ApiKey.ADD_OFFSETS_TO_TXN, error, commit, false);
                        }
                    });
            return;
        }
        Node coordinator = groupCoordinators.get(group);
        if (coordinator == null) {
            findCoordinator(FindCoordinatorRequest.KEY_TYPE_GROUP, group, now);
            return;
        }
        ProducerIdentity identity = accumulator.identity();
        List<TxnOffsetCommitRequest.Offset> offsets = new ArrayList<>();
        for (ConsumedOffset o : commit.offsets()) {
            offsets.add(new TxnOffsetCommitRequest.Offset(o.topic(), o.partition(), o.offset(), -1, o.metadata()));
        }
        TxnOffsetCommitRequest request = new TxnOffsetCommitRequest(transactions.transactionalId(), group,
                identity.producerId(), identity.epoch(), commit.group().generationId(), commit.group().memberId(),
                commit.group().groupInstanceId(), offsets);
        boolean implicit = Boolean.TRUE.equals(implicitAdd);
        send(coordinator, ApiKey.TXN_OFFSET_COMMIT, now,
                (version, id) -> request.encode(version, id, settings.clientId()),
                implicit ? version -> version
                        : version -> (short) Math.min(version, LAST_TXN_OFFSET_COMMIT_VERSION_WITHOUT_IMPLICIT_ADD),
                (frame, version) -> {
                    Errors failure = Errors.NONE;
                    for (PartitionError result
                            : TxnOffsetCommitResponse.parse(frame, version).results()) {
                        if (result.error() != Errors.NONE) {
                            failure = result.error();
                        }
                    }
                    if (failure == Errors.NONE) {
                        attempts = 0;
                        started = true;
                        transactions.offsetsDone(commit, null);
                    } else {
                        onCoordinatorError(ApiKey.TXN_OFFSET_COMMIT, failure, commit, false);
                    }
                }, () -> groupCoordinators.remove(group));
        if (implicit) {
            // Sent: the group coordinator may add the offsets to the transaction even if the answer is lost.
            started = true;
        }
    }

    // ---- EndTxn ----------------------------------------------------------------------------------------

    private void endTransaction(boolean commit, long now) {
        if (!started) {
            // The coordinator never heard of this transaction: nothing was written, nothing to end.
            endedLocally();
            return;
        }
        ProducerIdentity identity = accumulator.identity();
        EndTxnRequest request = new EndTxnRequest(transactions.transactionalId(), identity.producerId(),
                identity.epoch(), commit);
        boolean implicit = Boolean.TRUE.equals(implicitAdd);
        toTransactionCoordinator(ApiKey.END_TXN, now,
                (version, id) -> request.encode(version, id, settings.clientId()),
                version -> implicit ? version : (short) Math.min(version, LAST_END_TXN_VERSION_WITHOUT_EPOCH_BUMP),
                (frame, version) -> {
                    EndTxnResponse response = EndTxnResponse.parse(frame, version);
                    Errors error = response.error();
                    if (error == Errors.INVALID_TXN_STATE && commit) {
                        // The coordinator no longer has this transaction open: it aborted it on its own, which it
                        // does to a transaction older than transaction.timeout.ms.
                        transactions.fail(new ProducerException("Transactional producer '"
                                + transactions.transactionalId() + "': the coordinator no longer has the transaction "
                                + "open (EndTxn answered INVALID_TXN_STATE); it aborts a transaction that stays open "
                                + "longer than transaction.timeout.ms=" + transactions.transactionTimeoutMs() + " ms",
                                null, error), false);
                        return;
                    }
                    if (error != Errors.NONE) {
                        onCoordinatorError(ApiKey.END_TXN, error, null, !commit);
                        return;
                    }
                    attempts = 0;
                    markers.transactionEnded();
                    if (response.producerId() >= 0) {
                        // KIP-890: every transaction ends with a new epoch, whose sequence numbers start at 0.
                        accumulator.resetIdentity(new ProducerIdentity(response.producerId(), response.producerEpoch()));
                        epochBumpNeeded = false;
                    }
                    if (epochBumpNeeded && !commit) {
                        bumpingAfterEnd = true;
                        return;
                    }
                    endedLocally();
                });
    }

    /** Resets what this class tracks per transaction and lets the manager start the next one. */
    private void endedLocally() {
        inTransaction.clear();
        toAdd.clear();
        groupsAdded.clear();
        started = false;
        implicitAdd = null;
        transactions.transactionEnded();
    }

    // ---- errors ------------------------------------------------------------------------------------------

    /**
     * Retries what the coordinator asks to retry, and otherwise fails the transaction as kafka-clients classifies
     * the error.
     *
     * @param offsets the offset commit the request served, which fails with an abortable error
     * @param fatalOtherwise an error not classified as abortable ends the producer (InitProducerId, abort)
     */
    private void onCoordinatorError(ApiKey api, Errors error, OffsetCommit offsets, boolean fatalOtherwise) {
        if (TransactionErrors.movesCoordinator(error)) {
            if (api == ApiKey.TXN_OFFSET_COMMIT) {
                groupCoordinators.remove(offsets.group().groupId());
            } else {
                transactionCoordinator = null;
            }
            scheduleRetry();
            return;
        }
        if (TransactionErrors.isRetriable(error)) {
            scheduleRetry();
            return;
        }
        ProducerException failure = TransactionErrors.exception(transactions.transactionalId(), api, error);
        boolean fatal = TransactionErrors.isFatal(failure) || (fatalOtherwise && !TransactionErrors.isAbortable(error));
        if (TransactionErrors.needsEpochBump(error)) {
            epochBumpNeeded = true;
        }
        if (offsets != null) {
            transactions.offsetsDone(offsets, failure);
        }
        if (fatal || transactions.state() != TransactionState.ABORTING) {
            transactions.fail(failure, fatal);
        } else {
            // The abort itself failed without ending the producer: try it again.
            scheduleRetry();
        }
    }

    private void scheduleRetry() {
        retryAtMs = clock.getAsLong() + retryBackoff.backoffMs(attempts++);
    }

    // ---- coordinators and sending ------------------------------------------------------------------------

    private void toTransactionCoordinator(ApiKey api, long now, RequestBody body, ResponseBody onResponse) {
        toTransactionCoordinator(api, now, body, version -> version, onResponse);
    }

    private void toTransactionCoordinator(ApiKey api, long now, RequestBody body, VersionCap cap,
                                          ResponseBody onResponse) {
        if (transactionCoordinator == null) {
            findCoordinator(FindCoordinatorRequest.KEY_TYPE_TRANSACTION, transactions.transactionalId(), now);
            return;
        }
        send(transactionCoordinator, api, now, body, cap, onResponse, () -> transactionCoordinator = null);
    }

    private void findCoordinator(byte keyType, String key, long now) {
        Node node = brokers.readyNode(now);
        if (node == null) {
            waitsForNetwork = true;
            return;
        }
        FindCoordinatorRequest request = new FindCoordinatorRequest(keyType, key);
        send(node, ApiKey.FIND_COORDINATOR, now, (version, id) -> request.encode(version, id, settings.clientId()),
                version -> version, (frame, version) -> {
                    FindCoordinatorResponse response = FindCoordinatorResponse.parse(frame, version);
                    Errors error = response.error();
                    if (error == Errors.NONE) {
                        Node coordinator = new Node(response.nodeId(), response.host(), response.port(), null);
                        if (keyType == FindCoordinatorRequest.KEY_TYPE_TRANSACTION) {
                            transactionCoordinator = coordinator;
                            transactions.coordinatorFound(coordinator.address());
                        } else {
                            groupCoordinators.put(key, coordinator);
                        }
                    } else if (error.isRetriable()) {
                        scheduleRetry();
                    } else {
                        ProducerException failure = TransactionErrors.exception(transactions.transactionalId(),
                                ApiKey.FIND_COORDINATOR, error);
                        OffsetCommit offsets = keyType == FindCoordinatorRequest.KEY_TYPE_GROUP
                                ? transactions.nextOffsetCommit() : null;
                        if (offsets != null) {
                            transactions.offsetsDone(offsets, failure);
                        }
                        transactions.fail(failure, TransactionErrors.isFatal(failure)
                                || transactions.state() == TransactionState.INITIALIZING);
                    }
                }, () -> { });
    }

    /**
     * Sends one request, connecting first when needed (then it goes out on a later loop). A lost connection, a failed
     * attempt to connect or a timeout forgets the coordinator, as it may have moved, and retries after the backoff.
     */
    private void send(Node node, ApiKey api, long now, RequestBody body, VersionCap cap, ResponseBody onResponse,
                      Runnable forgetNode) {
        switch (LaneConnection.prepare(client, node, now)) {
            case READY -> {
            }
            case CONNECTING -> {
                waitsForNetwork = true;
                return;
            }
            case BACKING_OFF -> {
                // The last connection to the node failed: its broker may have stopped and handed the coordinator's
                // role to another, so look the coordinator up again (as kafka-clients does) rather than keep
                // reconnecting to the old one.
                forgetNode.run();
                scheduleRetry();
                return;
            }
        }
        short negotiated = client.apiVersion(node.id(), api.id());
        if (negotiated < 0) {
            transactions.fail(new ProducerException("Transactional producer '" + transactions.transactionalId()
                    + "' cannot run: broker " + node.address() + " does not support " + api.displayName()
                    + ", which transactions need"), true);
            return;
        }
        short version = cap.apply(negotiated);
        inFlight = true;
        client.send(node.id(), api.id(), true,
                correlationId -> new ByteBuffer[] {body.encode(version, correlationId)},
                new ResponseHandler() {
                    @Override
                    public void onResponse(ByteBuffer frame) {
                        inFlight = false;
                        onResponse.accept(frame, version);
                    }

                    @Override
                    public void onFailure(ProducerException error) {
                        inFlight = false;
                        forgetNode.run();
                        scheduleRetry();
                    }
                }, now);
    }

    /** A partition of the open transaction, on the older protocol where each is added explicitly. */
    private record TopicPartition(String topic, int partition) {
    }

    @FunctionalInterface
    private interface RequestBody {
        ByteBuffer encode(short version, int correlationId);
    }

    @FunctionalInterface
    private interface VersionCap {
        short apply(short negotiated);
    }

    @FunctionalInterface
    private interface ResponseBody extends BiConsumer<ByteBuffer, Short> {
    }
}
