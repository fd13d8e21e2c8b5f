package dev.quill.producer.internal.sender;

import static dev.quill.producer.internal.sender.BrokerResponses.coordinator;
import static dev.quill.producer.internal.sender.BrokerResponses.metadata;
import static dev.quill.producer.internal.sender.BrokerResponses.producerId;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.apache.kafka.common.protocol.ApiKeys;

import dev.quill.producer.internal.LastFailure;
import dev.quill.producer.CompressionType;
import dev.quill.producer.Headers;
import dev.quill.producer.errors.ProducerClosedException;
import dev.quill.producer.errors.ProducerException;
import dev.quill.producer.internal.accumulator.AccumulatorSettings;
import dev.quill.producer.internal.accumulator.BufferPool;
import dev.quill.producer.internal.accumulator.PendingRecord;
import dev.quill.producer.internal.accumulator.RecordAccumulator;
import dev.quill.producer.internal.log.ProducerLogger;
import dev.quill.producer.internal.log.RecordFailureLog;
import dev.quill.producer.internal.metadata.Metadata;
import dev.quill.producer.internal.network.ConnectionListener;
import dev.quill.producer.internal.network.ConnectionState;
import dev.quill.producer.internal.network.Node;
import dev.quill.producer.internal.partition.Partitioning;
import dev.quill.producer.internal.record.Codecs;
import dev.quill.producer.internal.transaction.TransactionManager;
import dev.quill.producer.internal.waiting.WaitingRecords;

/**
 * A {@link Sender} wired as {@code QuillProducer} wires it, with the network replaced by a
 * {@link ScriptedBrokerClient} and the clock by one the test moves. The test appends records, runs the sender one
 * loop at a time, and answers what it sent.
 */
final class SenderFixture implements AutoCloseable {

    static final String TOPIC = "orders";
    static final String CLIENT_ID = "sender-test";
    static final Node BOOTSTRAP = new Node(-1, "bootstrap.example", 9092, null);
    static final Node BROKER_1 = new Node(1, "b1.example", 9092, null);
    static final Node BROKER_2 = new Node(2, "b2.example", 9092, null);
    static final long PRODUCER_ID = 4000L;
    static final long RETRY_BACKOFF_MS = 100;
    static final long RETRY_BACKOFF_MAX_MS = 1_000;
    static final int BATCH_SIZE = 16_384;

    /** The producer settings a test varies; the rest are Kafka's defaults, with {@code linger.ms=0}. */
    record Options(boolean idempotent, int retries, int requestTimeoutMs, long deliveryTimeoutMs, long lingerMs) {

        static final Options DEFAULTS = new Options(true, Integer.MAX_VALUE, 30_000, 120_000, 0);

        Options notIdempotent() {
            return new Options(false, retries, requestTimeoutMs, deliveryTimeoutMs, lingerMs);
        }

        Options retries(int n) {
            return new Options(idempotent, n, requestTimeoutMs, deliveryTimeoutMs, lingerMs);
        }

        Options deliveryTimeoutMs(long ms) {
            return new Options(idempotent, retries, requestTimeoutMs, ms, lingerMs);
        }

        Options lingerMs(long ms) {
            return new Options(idempotent, retries, requestTimeoutMs, deliveryTimeoutMs, ms);
        }
    }

    final ScriptedBrokerClient broker;
    final Sender sender;
    /** Null unless the fixture was made {@linkplain #transactional transactional}. */
    final TransactionManager transactions;
    final IoLoop loop;
    private final RecordAccumulator accumulator;
    private final WaitingRecords waiting;
    private long now = 1_700_000_000_000L;

    /** A sender that has not run yet: it knows only the bootstrap server, which is ready. */
    SenderFixture(Options options) {
        this(options, null);
    }

    /** As {@link #SenderFixture(Options)}, transactional when {@code transactionalId} is not null. */
    private SenderFixture(Options options, String transactionalId) {
        NetworkEvents events = new NetworkEvents();
        broker = new ScriptedBrokerClient(CLIENT_ID, options.requestTimeoutMs(), events);
        broker.ready(BOOTSTRAP.id(), BROKER_1.id(), BROKER_2.id());
        AccumulatorSettings batching = new AccumulatorSettings(BATCH_SIZE, options.lingerMs(),
                Codecs.forType(CompressionType.NONE), 0,
                options.deliveryTimeoutMs(), 5, false, 0, options.idempotent(), transactionalId != null);
        SenderStats stats = new SenderStats(new RecordFailureLog(new ProducerLogger(CLIENT_ID), 60_000));
        Metadata metadata = new Metadata(List.of(BOOTSTRAP), false, 300_000, RETRY_BACKOFF_MS, RETRY_BACKOFF_MAX_MS);
        LastFailure lastFailure = new LastFailure();
        ConnectionState connections = new ConnectionState(new IgnoredConnections(), new IgnoredConnections(),
                metadata::requestUpdate, lastFailure);
        LaneClient lane = new LaneClient(broker, events);
        transactions = transactionalId == null ? null
                : new TransactionManager(transactionalId, 60_000, lane::wakeup, () -> { }, () -> { });
        accumulator = new RecordAccumulator(batching, new BufferPool(1 << 20, batching.pooledBufferSize()),
                lane::wakeup, stats);
        waiting = new WaitingRecords(WaitingRecords.newPlacer(CLIENT_ID), metadata,
                new Partitioning(null, false), accumulator, connections,
                stats, lane::wakeup, 60_000, RETRY_BACKOFF_MS);
        SenderSettings settings = new SenderSettings(CLIENT_ID, (short) -1, options.requestTimeoutMs(),
                options.retries(), RETRY_BACKOFF_MS, RETRY_BACKOFF_MAX_MS, options.deliveryTimeoutMs(), 1 << 20, 60_000,
                options.idempotent(), 300_000);
        loop = new IoLoop(CLIENT_ID, metadata, broker, events, () -> now);
        sender = new Sender(settings, accumulator, waiting, metadata, lane, connections, stats, lastFailure, transactions,
                loop);
        loop.add(sender);
        accumulator.registerTopic(TOPIC, now);
    }

    /**
     * A sender that knows the cluster ({@link #TOPIC}'s two partitions led by broker 1) and, when idempotent,
     * has producer id {@link #PRODUCER_ID} at epoch 0.
     */
    static SenderFixture started(Options options) {
        SenderFixture fixture = new SenderFixture(options);
        fixture.loadMetadata();
        if (options.idempotent()) {
            fixture.broker.inFlight(ApiKeys.INIT_PRODUCER_ID).respond(producerId(PRODUCER_ID, (short) 0));
        }
        return fixture;
    }

    /**
     * A transactional sender that knows the cluster as {@link #started} has it, whose {@code initTransactions()} is
     * done: broker 1 coordinates {@code transactionalId}, which has producer id {@link #PRODUCER_ID} at epoch 0. The
     * cluster's {@code transaction.version} is below 2, so partitions join a transaction through AddPartitionsToTxn.
     */
    static SenderFixture transactional(String transactionalId) {
        SenderFixture fixture = new SenderFixture(Options.DEFAULTS, transactionalId);
        fixture.loadMetadata();
        CompletableFuture<Void> initialized = fixture.transactions.initTransactions();
        fixture.runOnce();
        fixture.broker.inFlight(ApiKeys.FIND_COORDINATOR).respond(coordinator(transactionalId, BROKER_1));
        fixture.runOnce();
        fixture.broker.inFlight(ApiKeys.INIT_PRODUCER_ID).respond(producerId(PRODUCER_ID, (short) 0));
        if (!initialized.isDone()) {
            throw new AssertionError("initTransactions() did not complete once InitProducerId was answered");
        }
        return fixture;
    }

    /** Runs the sender's first loop and answers its Metadata request (its InitProducerId request stays in flight). */
    void loadMetadata() {
        runOnce();
        broker.inFlight(ApiKeys.METADATA).respond(metadata(List.of(BROKER_1, BROKER_2), TOPIC, 2, BROKER_1.id()));
    }

    /** Appends a record to partition 0 of {@link #TOPIC}, as {@code send} does once the partition is known. */
    PendingRecord send(String value) {
        PendingRecord record = new PendingRecord(TOPIC, 0, null, value, new Headers(), now, null, now);
        record.serializedValue(value.getBytes(StandardCharsets.UTF_8), null);
        record.seal();
        try {
            accumulator.append(accumulator.topic(record.topic()), record, 0, 0, now);
        } catch (InterruptedException e) {
            throw new AssertionError("an append without buffer wait was interrupted", e);
        }
        return record;
    }

    /** One loop of the I/O thread, at the fixture's time. */
    void runOnce() {
        loop.runOnce();
    }

    /** The oldest Produce request awaiting its outcome. */
    SentRequest produceInFlight() {
        return broker.inFlight(ApiKeys.PRODUCE);
    }

    /** The fixture's clock, epoch milliseconds. */
    long now() {
        return now;
    }

    void advance(long ms) {
        now += ms;
    }

    /** Past any retry backoff, jitter included. */
    void advancePastRetryBackoff() {
        advance(RETRY_BACKOFF_MAX_MS);
    }

    @Override
    public void close() {
        ProducerException over = new ProducerClosedException("the test is over");
        waiting.close(over);
        broker.close();
    }

    /** Connection events matter to health reporting, which these tests do not look at. */
    private static final class IgnoredConnections implements ConnectionListener {
        @Override
        public void onConnected(Node node) {
        }

        @Override
        public void onDisconnected(Node node, ProducerException cause) {
        }
    }
}
