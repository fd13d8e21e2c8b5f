package dev.quill.producer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.quill.producer.errors.DeliveryTimeoutException;
import dev.quill.producer.errors.ProducerClosedException;
import dev.quill.producer.errors.ProducerException;
import dev.quill.producer.errors.RecordTooLargeException;
import dev.quill.producer.internal.RecordLimits;
import dev.quill.producer.internal.Serialization;
import dev.quill.producer.internal.accumulator.AccumulatorSettings;
import dev.quill.producer.internal.accumulator.BufferPool;
import dev.quill.producer.internal.accumulator.FailureObserver;
import dev.quill.producer.internal.accumulator.PendingRecord;
import dev.quill.producer.internal.accumulator.RecordAccumulator;
import dev.quill.producer.internal.accumulator.TopicQueues;
import dev.quill.producer.internal.interceptor.Interceptors;
import dev.quill.producer.internal.log.ProducerLogger;
import dev.quill.producer.internal.log.RecordFailureLog;
import dev.quill.producer.internal.metadata.Cluster;
import dev.quill.producer.internal.metadata.Metadata;
import dev.quill.producer.internal.network.NetworkClient;
import dev.quill.producer.internal.partition.Partitioning;
import dev.quill.producer.internal.record.Codecs;
import dev.quill.producer.internal.record.RecordBatchBuilder;
import dev.quill.producer.internal.sender.Sender;
import dev.quill.producer.internal.sender.LaneClient;
import dev.quill.producer.internal.sender.SenderSettings;
import dev.quill.producer.internal.sender.SenderStats;
import dev.quill.producer.internal.transaction.TransactionManager;
import dev.quill.producer.internal.transaction.TransactionalFailures;
import dev.quill.producer.internal.waiting.WaitingRecords;
import dev.quill.producer.serialization.AsyncSerializer;
import dev.quill.producer.serialization.LookupStats;
import dev.quill.producer.serialization.Serialized;

/**
 * A Kafka producer that talks to the brokers. Thread-safe: share one instance across the application. Code that only
 * sends can depend on {@link Producer}, which a test double implements too.
 *
 * <p>{@code send} serializes and partitions the record on the caller's thread, appends it to a batch and
 * returns; one I/O thread per producer does all network work (one per {@link ProducerGroup} for the producers of
 * a group). {@code send} never waits for the network: a record whose topic metadata is not known yet waits inside
 * the producer, and fails through its future
 * after {@code max.block.ms}. It waits only when {@code buffer.memory} is full, up to {@code max.block.ms}
 * (or not at all with {@code buffer.full.policy=fail}).
 *
 * <p>Futures and callbacks complete on the I/O thread: keep work done there short, and hand anything
 * slow to an executor ({@code future.thenApplyAsync(..., executor)}).
 *
 * <p>The producer logs through {@link System.Logger} {@code dev.quill.producer}: one INFO line at start; a WARN when
 * a broker cannot be reached, a connection is lost or records fail, then one line per minute counting the repeats;
 * an INFO when a broker is reachable again; and at close, what it waits for and what became of it. Never a line per
 * record.
 *
 * <p>With {@code transactional.id} set it writes in transactions ({@link TransactionalProducer}); without, the
 * transactional methods throw {@link IllegalStateException}.
 *
 * @param <K> key type
 * @param <V> value type
 */
public final class QuillProducer<K, V> implements TransactionalProducer<K, V> {

    /** How long repeated connection or record failures are counted before one line logs them. */
    static final Duration LOG_REPEAT_INTERVAL = Duration.ofMinutes(1);

    private final ProducerConfig config;
    private final String clientId;
    private final Serializer<K> keySerializer;
    private final Serializer<V> valueSerializer;
    /**
     * The serializers again when they are {@link AsyncSerializer}s, else null: tested once here, since a failing test
     * against an interface scans the class's interfaces on every record.
     */
    private final AsyncSerializer<K> asyncKeySerializer;
    private final AsyncSerializer<V> asyncValueSerializer;
    private final Partitioning partitioning;
    private final Interceptors<K, V> interceptors;
    private final long maxBlockMs;
    private final long bufferWaitMs;
    private final int maxRequestSize;
    private final long bufferMemory;
    private final BufferPool pool;
    private final RecordAccumulator accumulator;
    private final WaitingRecords waiting;
    private final Metadata metadata;
    private final NetworkClient client;
    /** Whose thread, connections and buffer pool this producer uses; a group of its own unless made by one. */
    private final ProducerGroup group;
    private final SenderStats stats;
    private final LifecycleLog lifecycle;
    private final RecordFailureLog failureLog;
    private final Sender sender;
    /** Null unless {@code transactional.id} is set. */
    private final TransactionManager transactions;
    private volatile boolean closed;

    private QuillProducer(ProducerConfig config, Serializer<K> keySerializer, Serializer<V> valueSerializer,
                          Duration logRepeatInterval, ProducerGroup group) {
        this.config = config;
        this.clientId = config.clientId();
        this.group = group;
        ProducerLogger log = new ProducerLogger(clientId);
        this.lifecycle = new LifecycleLog(log);
        this.failureLog = new RecordFailureLog(log, logRepeatInterval.toMillis());
        this.stats = new SenderStats(failureLog);
        this.keySerializer = keySerializer;
        this.valueSerializer = valueSerializer;
        this.asyncKeySerializer = keySerializer instanceof AsyncSerializer<K> async ? async : null;
        this.asyncValueSerializer = valueSerializer instanceof AsyncSerializer<V> async ? async : null;
        this.interceptors = Interceptors.of(config.newInterceptors());
        this.maxBlockMs = config.maxBlockMs();
        this.bufferWaitMs = config.bufferFullPolicy() == BufferFullPolicy.FAIL ? 0 : maxBlockMs;
        this.maxRequestSize = config.maxRequestSize();
        this.bufferMemory = config.bufferMemory();
        AccumulatorSettings batching = new AccumulatorSettings(config.batchSize(), config.lingerMs(),
                Codecs.forType(config.compressionType()), config.compressionLevel().orElse(0), config.deliveryTimeoutMs(),
                config.maxInFlightRequestsPerConnection(), config.partitionerAdaptivePartitioningEnable(),
                config.partitionerAvailabilityTimeoutMs(), config.idempotenceEnabled(),
                config.transactionalId().isPresent());
        this.pool = group.pool;
        this.metadata = group.metadata;
        this.client = group.client;
        LaneClient lane = group.clientForNextProducer();
        this.transactions = config.transactionalId()
                .map(id -> new TransactionManager(id, config.transactionTimeoutMs(), lane::wakeup,
                        this::beginCommitFlush, this::endCommitFlush))
                .orElse(null);
        FailureObserver failures = transactions == null ? stats : new TransactionalFailures(stats, transactions);
        this.accumulator = new RecordAccumulator(batching, pool, lane::wakeup, failures);
        this.partitioning = new Partitioning(config.newPartitioner(), config.partitionerIgnoreKeys());
        this.waiting = new WaitingRecords(group.placer, metadata, partitioning, accumulator, group.connections, failures,
                lane::wakeup, maxBlockMs, config.retryBackoffMs());
        this.sender = new Sender(new SenderSettings(clientId, config.acks().wireValue, (int) config.requestTimeoutMs(),
                config.retries(), config.retryBackoffMs(), config.retryBackoffMaxMs(), config.deliveryTimeoutMs(),
                maxRequestSize, maxBlockMs, config.idempotenceEnabled(), config.metadataMaxIdleMs()), accumulator, waiting,
                metadata, lane, group.connections, stats, group.lastFailure, transactions, group.loop);
        // Before the I/O thread runs: its first connection failure must not come before the line saying who failed.
        lifecycle.started(config);
        group.loop.add(sender);
        group.started();
    }

    /** A producer of a {@link ProducerGroup}, sharing its thread, connections and buffer pool. */
    static <K, V> QuillProducer<K, V> inGroup(ProducerConfig config, Serializer<K> keySerializer,
                                              Serializer<V> valueSerializer, ProducerGroup group) {
        return new QuillProducer<>(config, keySerializer, valueSerializer, LOG_REPEAT_INTERVAL, group);
    }

    /**
     * A producer with the given serializers, used as they are (not configured); those named in the
     * configuration are ignored.
     */
    public static <K, V> QuillProducer<K, V> create(ProducerConfig config, Serializer<K> keySerializer,
                                                    Serializer<V> valueSerializer) {
        return create(config, keySerializer, valueSerializer, LOG_REPEAT_INTERVAL);
    }

    /** As {@link #create(ProducerConfig, Serializer, Serializer)}, counting repeated failures this long per log line. */
    static <K, V> QuillProducer<K, V> create(ProducerConfig config, Serializer<K> keySerializer,
                                             Serializer<V> valueSerializer, Duration logRepeatInterval) {
        return new QuillProducer<>(config, keySerializer, valueSerializer, logRepeatInterval,
                ProducerGroup.forSingleProducer(config, logRepeatInterval));
    }

    /** A producer with the serializers named by {@code key.serializer} and {@code value.serializer}. */
    @SuppressWarnings("unchecked")
    public static <K, V> QuillProducer<K, V> create(ProducerConfig config) {
        return create(config, (Serializer<K>) config.newKeySerializer(), (Serializer<V>) config.newValueSerializer());
    }

    /** The client id this producer uses with the brokers (generated when none was configured). */
    @Override
    public String clientId() {
        return clientId;
    }

    /**
     * Sends a record and runs the callback (on the I/O thread) when it was acknowledged or failed. The
     * returned future completes at the same moment.
     */
    @Override
    public CompletableFuture<RecordMetadata> send(ProducerRecord<K, V> record, Callback callback) {
        if (record == null) {
            throw new IllegalArgumentException("record must not be null");
        }
        ProducerException refusedByTransaction = transactions == null ? null : transactions.checkSend(record.topic());
        // Interceptors first, as in kafka-clients; they hear of every outcome through the callback.
        record = interceptors.onSend(record);
        callback = interceptors.acknowledging(record, callback);
        String topic = record.topic();
        long now = System.currentTimeMillis();
        Headers headers = record.headers();
        long timestamp = record.timestamp() == ProducerRecord.NO_TIMESTAMP ? now : record.timestamp();
        PendingRecord pending = new PendingRecord(topic, record.partition(), record.key(), record.value(), headers,
                timestamp, callback, now);
        if (closed) {
            return rejected(pending, new ProducerClosedException("Cannot send to topic " + topic
                    + ": the producer is closed"));
        }
        ProducerException fatal = refusedByTransaction != null ? refusedByTransaction : sender.fatalError();
        if (fatal != null) {
            return rejected(pending, fatal);
        }
        ProducerException serializationError = serialize(keySerializer, asyncKeySerializer, true, pending, record.key());
        if (serializationError == null) {
            serializationError = serialize(valueSerializer, asyncValueSerializer, false, pending, record.value());
        }
        if (serializationError != null) {
            return rejected(pending, serializationError);
        }
        headers.setReadOnly();
        int size = RecordBatchBuilder.BATCH_HEADER_SIZE + pending.seal();
        RecordTooLargeException tooLarge = RecordLimits.tooLarge(topic, size, maxRequestSize, bufferMemory);
        if (tooLarge != null) {
            return rejected(pending, tooLarge);
        }
        try {
            List<PartitionInfo> partitions = metadata.cluster().partitionsFor(topic);
            if (partitions == null || record.partition() >= partitions.size() || pending.bytesReady() != null
                    || waiting.mustWait(topic)) {
                waiting.add(pending, bufferWaitMs);
                return pending;
            }
            TopicQueues queues = accumulator.topic(topic);
            int partition = record.hasPartition() ? record.partition()
                    : partitioning.partition(queues.sticky(), record.key(), pending.keyBytes(), record.value(),
                            pending.valueBytes(), partitions);
            accumulator.append(queues, pending, partition, bufferWaitMs, now);
            return pending;
        } catch (ProducerException e) {
            return rejected(pending, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return rejected(pending, new ProducerException("Interrupted while waiting for buffer memory to "
                    + "send to topic " + topic, e));
        }
    }

    /**
     * Serializes the record's key or value into it, without waiting for a lookup an {@link AsyncSerializer} needs.
     * Returns null, or why the record cannot be sent.
     *
     * @param async the same serializer when it is an {@link AsyncSerializer}, else null
     */
    private static <T> ProducerException serialize(Serializer<T> serializer, AsyncSerializer<T> async, boolean isKey,
                                                   PendingRecord pending, T data) {
        String topic = pending.topic();
        try {
            if (async != null) {
                Serialized serialized = async.serializeAsync(topic, pending.headers(), data);
                if (serialized.ready().isCompletedExceptionally()) {
                    // Failed without waiting (for example, the registry refused this schema before): say so now.
                    serialized.ready().join();
                }
                setPart(pending, isKey, serialized.bytes(), serialized.isReady() ? null : serialized.ready());
            } else {
                setPart(pending, isKey, serializer.serialize(topic, pending.headers(), data), null);
            }
            return null;
        } catch (RuntimeException e) {
            return Serialization.failure(serializer, isKey, topic, data, e);
        }
    }

    private static void setPart(PendingRecord pending, boolean isKey, byte[] bytes, CompletableFuture<Void> ready) {
        if (isKey) {
            pending.serializedKey(bytes, ready);
        } else {
            pending.serializedValue(bytes, ready);
        }
    }

    /** Fails a record that reached no batch and nothing waiting: it completes here, once. */
    private CompletableFuture<RecordMetadata> rejected(PendingRecord record, ProducerException error) {
        stats.onRecordRejected(record.topic(), error);
        if (transactions != null) {
            transactions.recordFailed(error);
        }
        record.fail(error);
        return record;
    }

    @Override
    public CompletableFuture<Void> initTransactionsAsync() {
        return transactional("initTransactions()").initTransactions();
    }

    @Override
    public void beginTransaction() {
        transactional("beginTransaction()").beginTransaction();
    }

    @Override
    public CompletableFuture<Void> sendOffsetsToTransactionAsync(Collection<ConsumedOffset> offsets,
                                                                 GroupMetadata group) {
        Objects.requireNonNull(offsets, "offsets");
        Objects.requireNonNull(group, "group");
        return transactional("sendOffsetsToTransaction()").sendOffsets(List.copyOf(offsets), group);
    }

    @Override
    public CompletableFuture<Void> commitTransactionAsync() {
        return transactional("commitTransaction()").commit();
    }

    @Override
    public CompletableFuture<Void> abortTransactionAsync() {
        return transactional("abortTransaction()").abort();
    }

    @Override
    public TransactionStatus transactionStatus() {
        return transactionManager("transactionStatus()").status();
    }

    /** A commit sends what is buffered at once, as {@code flush()} does, rather than after {@code linger.ms}. */
    private void beginCommitFlush() {
        accumulator.beginFlush();
    }

    private void endCommitFlush() {
        accumulator.endFlush();
    }

    /** The transaction manager for a call that changes it: only while the producer is open. */
    private TransactionManager transactional(String call) {
        TransactionManager manager = transactionManager(call);
        if (closed) {
            throw new ProducerClosedException("Cannot call " + call + ": the producer is closed");
        }
        return manager;
    }

    private TransactionManager transactionManager(String call) {
        if (transactions == null) {
            throw new IllegalStateException("Cannot call " + call + ": producer " + clientId + " has no "
                    + "transactional.id; set one to write in transactions");
        }
        return transactions;
    }

    /**
     * Makes every buffered record sendable now and waits until each has completed, successfully or not.
     * Records sent while flushing may or may not be waited for.
     */
    @Override
    public void flush() {
        accumulator.beginFlush();
        try {
            sender.wakeup();
            List<CompletableFuture<?>> results = new ArrayList<>();
            // Waiting records first: one placed meanwhile is then found in its batch.
            waiting.incompleteResults(results);
            accumulator.incompleteResults(results);
            for (CompletableFuture<?> result : results) {
                try {
                    result.join();
                } catch (RuntimeException completedExceptionally) {
                    // flush waits for completion, not success; the record's own future carries its error.
                }
            }
        } finally {
            accumulator.endFlush();
        }
    }

    /**
     * The partitions of a topic, fetching its metadata when not known yet (waiting up to
     * {@code max.block.ms}).
     *
     * @throws DeliveryTimeoutException when the topic's metadata did not arrive in time
     */
    @Override
    public List<PartitionInfo> partitionsFor(String topic) {
        long now = System.currentTimeMillis();
        long deadline = now + maxBlockMs;
        accumulator.registerTopic(topic, now);
        while (true) {
            Cluster cluster = metadata.cluster();
            List<PartitionInfo> partitions = cluster.partitionsFor(topic);
            if (partitions != null) {
                return partitions;
            }
            if (cluster.topicError(topic) != null && !cluster.topicError(topic).isRetriable()) {
                throw cluster.topicError(topic).exception("Cannot get partitions of topic " + topic + ": "
                        + cluster.topicError(topic).description());
            }
            long remaining = deadline - System.currentTimeMillis();
            if (remaining <= 0) {
                throw new DeliveryTimeoutException("Topic " + topic + " not present in metadata after " + maxBlockMs
                        + " ms (max.block.ms)");
            }
            CountDownLatch refreshed = metadata.requestUpdateAndWatch();
            sender.wakeup();
            try {
                refreshed.await(remaining, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ProducerException("Interrupted while fetching metadata for topic " + topic, e);
            }
        }
    }

    /** A snapshot of the producer's counters and gauges. */
    @Override
    public ProducerMetrics metrics() {
        return stats.snapshot(clientId, pool.totalMemory(), pool.availableMemory(),
                accumulator.queuedRecords() + waiting.count(), waiting.countWaitingForLookup(),
                client.inFlightCount(), group.healthTracker.connected(),
                lookupStats(keySerializer).plus(lookupStats(valueSerializer)));
    }

    private static LookupStats lookupStats(Serializer<?> serializer) {
        return serializer instanceof AsyncSerializer<?> async ? async.lookupStats() : LookupStats.NONE;
    }

    /** The producer's view of the cluster, from its own connections and metadata; sends nothing. */
    @Override
    public ProducerHealth health() {
        Cluster cluster = metadata.cluster();
        long lastRefresh = metadata.lastSuccessMs();
        return group.healthTracker.snapshot(cluster.nodes().size(), lastRefresh == 0 ? null : Instant.ofEpochMilli(lastRefresh),
                pool.totalMemory() - pool.availableMemory(), pool.totalMemory(), client.inFlightCount(),
                sender.partitionsBelowMinInsyncReplicas());
    }

    /**
     * The producer's latest failure at or after {@code since}: a broker connection refused or lost, a request
     * retried or failed. Says what may be holding up a record that has not completed yet; null when nothing failed.
     */
    @Override
    public ProducerException lastErrorSince(Instant since) {
        return group.lastFailure.since(since.toEpochMilli());
    }

    /**
     * Tells the listener of each request round trip and batch queue time measured from now on, on the I/O thread;
     * for metrics libraries that keep distributions of their own.
     */
    public void addLatencyListener(LatencyListener listener) {
        stats.addLatencyListener(Objects.requireNonNull(listener, "listener"));
        if (transactions != null) {
            transactions.addListener(listener::onTransactionEnded);
        }
    }

    /** The configuration this producer runs with. */
    @Override
    public ProducerConfig config() {
        return config;
    }

    /** Closes, waiting without limit for buffered records to be sent. */
    @Override
    public void close() {
        close(Duration.ofMillis(Long.MAX_VALUE));
    }

    /**
     * Sends what is buffered and closes, waiting at most {@code timeout}. Records still unsent when the
     * timeout passes fail with {@link ProducerClosedException}; every future is complete when this returns.
     * Closing twice is harmless.
     */
    @Override
    public void close(Duration timeout) {
        boolean first;
        synchronized (this) {
            first = !closed;
            closed = true;
        }
        boolean onIoThread = group.isIoThread(Thread.currentThread());
        long startMs = System.currentTimeMillis();
        ProducerMetrics before = first ? metrics() : null;
        if (first && onIoThread) {
            lifecycle.closingWithoutWaiting(before.recordsQueued());
        } else if (first) {
            ProducerException recent = group.lastFailure.since(startMs - LOG_REPEAT_INTERVAL.toMillis());
            lifecycle.closing(before.recordsQueued(), timeout,
                    group.healthTracker.connected() == 0 && recent != null ? recent.getMessage() : null);
        }
        if (first) {
            sender.initiateClose(false);
        }
        boolean timedOut = false;
        if (onIoThread) {
            // Called from a callback: the I/O thread cannot wait for itself, so what is unsent is abandoned.
            sender.initiateClose(true);
            if (group.isSingleProducer()) {
                group.shutDown(true);
            }
        } else {
            timedOut = awaitFinished(timeout);
            if (group.isSingleProducer()) {
                group.shutDown(false);
            }
        }
        if (first) {
            group.removed(this);
            keySerializer.close();
            valueSerializer.close();
            partitioning.close();
            interceptors.close();
            // What the rate-limited lines counted and did not log yet, before the line that ends the story.
            group.connectionLog.flush();
            failureLog.flush();
            if (!onIoThread) {
                lifecycle.closed(before, metrics(), System.currentTimeMillis() - startMs, timedOut);
            }
        }
    }

    /**
     * Waits for this producer's records to complete; returns whether the timeout passed (or an interrupt came)
     * first, after which what is not sent fails and, on a thread of its own, what is in flight too.
     */
    private boolean awaitFinished(Duration timeout) {
        try {
            sender.finished().get(Math.max(1, Math.min(timeout.toMillis(), TimeUnit.DAYS.toMillis(365))),
                    TimeUnit.MILLISECONDS);
            return false;
        } catch (TimeoutException e) {
            forceClose();
            sender.finished().join();
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            forceClose();
            return true;
        } catch (ExecutionException e) {
            throw new IllegalStateException("the producer's I/O thread failed while closing", e.getCause());
        }
    }

    private void forceClose() {
        sender.initiateClose(true);
        if (group.isSingleProducer()) {
            // Alone on its thread: end it now, which fails the requests in flight instead of waiting for them.
            group.loop.stopNow();
        }
    }
}
