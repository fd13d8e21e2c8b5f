package dev.quill.producer.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import dev.quill.producer.Callback;
import dev.quill.producer.ConsumedOffset;
import dev.quill.producer.GroupMetadata;
import dev.quill.producer.PartitionInfo;
import dev.quill.producer.Producer;
import dev.quill.producer.ProducerConfig;
import dev.quill.producer.ProducerHealth;
import dev.quill.producer.ProducerMetrics;
import dev.quill.producer.ProducerRecord;
import dev.quill.producer.QuillProducer;
import dev.quill.producer.RecordMetadata;
import dev.quill.producer.Serializer;
import dev.quill.producer.TransactionStatus;
import dev.quill.producer.TransactionalProducer;
import dev.quill.producer.errors.DeliveryTimeoutException;
import dev.quill.producer.errors.Errors;
import dev.quill.producer.errors.ProducerClosedException;
import dev.quill.producer.errors.ProducerException;
import dev.quill.producer.errors.ProducerFencedException;
import dev.quill.producer.errors.TransactionAbortedException;
import dev.quill.producer.internal.LastFailure;
import dev.quill.producer.internal.RecordLimits;
import dev.quill.producer.internal.Serialization;
import dev.quill.producer.internal.accumulator.Callbacks;
import dev.quill.producer.internal.partition.Appended;
import dev.quill.producer.internal.partition.PartitionLoad;
import dev.quill.producer.internal.partition.Partitioning;
import dev.quill.producer.internal.partition.StickyPartition;
import dev.quill.producer.internal.transaction.OffsetCommit;
import dev.quill.producer.internal.transaction.TransactionManager;
import dev.quill.producer.serialization.LookupStats;

/**
 * A {@link Producer} for tests that talks to no broker: it records every record it is given ({@link #history()}) and
 * completes each one at once (the default) or when the test says so ({@link #completeNext()}, {@link #errorNext}).
 *
 * <pre>{@code
 * MockProducer<String, String> producer = MockProducer.builder(Serializers.string(), Serializers.string())
 *         .partitions("orders", 6).build();
 * new OrderService(producer).place(order);                    // code under test, given the Producer
 * assertThat(producer.history()).singleElement().satisfies(sent -> {
 *     assertThat(sent.key()).isEqualTo(order.id());
 *     assertThat(sent.partition()).isEqualTo(expectedPartition); // as a QuillProducer would choose
 * });
 * }</pre>
 *
 * <p>Up to the network, a record goes the way it goes in {@link QuillProducer}, so that a test sees what a real
 * producer would do with it:
 * <ul>
 * <li>the key and value serializers run on the sending thread (an {@code AsyncSerializer}'s lookup, such as a Schema
 *     Registry id, is waited for); one that throws fails that record with a {@code SerializationException};</li>
 * <li>a record larger than {@code max.request.size} or {@code buffer.memory} fails with a
 *     {@code RecordTooLargeException};</li>
 * <li>the partition is chosen by the configuration's rule ({@code partitioner.class}, else murmur2 of the key bytes
 *     over all partitions, else a sticky partition), over the partitions the test declared for the topic (one
 *     partition, {@code 0}, for a topic it did not declare); a record naming a partition the topic lacks fails with
 *     a {@code DeliveryTimeoutException} at once, where a real producer would wait {@code max.block.ms} for it;</li>
 * <li>the callback runs before the future completes, and a callback that throws is logged, as in the real producer;
 *     successful records get consecutive offsets per partition, from 0;</li>
 * <li>after {@link #close()} every send fails with a {@code ProducerClosedException}.</li>
 * </ul>
 * Interceptors ({@code interceptor.classes}) do not run. Callbacks run on the thread that completes the record: the
 * sending thread with auto-completion, else the thread calling {@code completeNext}, {@code errorNext} or
 * {@code flush}.
 *
 * <p>The double stands for a healthy one-broker cluster: {@link #health()} is UP, and the declared partitions are
 * led by broker 0. Its {@link #metrics()} count the records completed and failed. Thread-safe.
 *
 * <p>Transactions work as in {@link QuillProducer} once {@link #initTransactions()} was called: the same states and
 * errors (a send outside a transaction throws; a record that failed makes the commit fail abortably).
 * {@link #committed()} holds the records of committed transactions and those sent outside transactions; an abort
 * drops the transaction's records from it (they stay in {@link #history()}); {@link #committedOffsets()} holds the
 * offsets committed with transactions; {@link #fence()} plays a newer producer with the same transactional id.
 *
 * @param <K> key type
 * @param <V> value type
 */
public final class MockProducer<K, V> implements TransactionalProducer<K, V> {

    private static final PartitionLoad IDLE = new PartitionLoad() {
        @Override
        public int queuedBatches(String topic, int partition) {
            return 0;
        }

        @Override
        public boolean isAvailable(int nodeId) {
            return true;
        }
    };

    private final ProducerConfig config;
    private final Serializer<K> keySerializer;
    private final Serializer<V> valueSerializer;
    private final Partitioning partitioning;
    private final ConcurrentHashMap<String, StickyPartition> stickyPartitions = new ConcurrentHashMap<>();
    private final Map<String, List<PartitionInfo>> partitions;
    private final boolean autoComplete;
    private final LastFailure lastFailure = new LastFailure();

    // Guarded by "this". Callbacks and futures complete outside it, so that a callback may send or complete again.
    private final List<SentRecord<K, V>> history = new ArrayList<>();
    private final ArrayDeque<Completion> incomplete = new ArrayDeque<>();
    private final Map<String, Long> nextOffsets = new HashMap<>();
    private final Map<String, long[]> topicCounts = new HashMap<>();
    private final Map<String, Long> failuresByError = new HashMap<>();
    private final List<SentRecord<K, V>> committed = new ArrayList<>();
    private final List<SentRecord<K, V>> inTransaction = new ArrayList<>();
    private final Map<String, List<ConsumedOffset>> committedOffsets = new LinkedHashMap<>();
    private final Map<String, List<ConsumedOffset>> offsetsInTransaction = new LinkedHashMap<>();
    private final TransactionManager transactions;
    private boolean transactional;
    private boolean flushed;
    private boolean closed;
    private String lastError;
    private Instant lastErrorAt;

    private MockProducer(Builder<K, V> builder) {
        this.config = builder.config != null ? builder.config : defaultConfig();
        this.keySerializer = builder.keySerializer;
        this.valueSerializer = builder.valueSerializer;
        this.partitions = Map.copyOf(builder.partitions);
        this.autoComplete = builder.autoComplete;
        this.partitioning = new Partitioning(config.newPartitioner(), config.partitionerIgnoreKeys());
        this.transactions = new TransactionManager(config.transactionalId().orElse("mock-transactional-id"),
                config.transactionTimeoutMs(), () -> { }, () -> { }, () -> { });
    }

    private static ProducerConfig defaultConfig() {
        return ProducerConfig.builder().bootstrapServers("mock:9092").build();
    }

    /**
     * A double that completes every record at once, with a default configuration and one partition per topic. The
     * serializers are used as they are (not configured).
     */
    public static <K, V> MockProducer<K, V> create(Serializer<K> keySerializer, Serializer<V> valueSerializer) {
        return builder(keySerializer, valueSerializer).build();
    }

    /** A builder for a double with the given serializers, used as they are (not configured). */
    public static <K, V> Builder<K, V> builder(Serializer<K> keySerializer, Serializer<V> valueSerializer) {
        return new Builder<>(keySerializer, valueSerializer);
    }

    // ---- Producer -------------------------------------------------------------------------------------------

    @Override
    public String clientId() {
        return config.clientId();
    }

    @Override
    public CompletableFuture<RecordMetadata> send(ProducerRecord<K, V> record, Callback callback) {
        if (record == null) {
            throw new IllegalArgumentException("record must not be null");
        }
        String topic = record.topic();
        long now = System.currentTimeMillis();
        boolean inTransaction = isTransactional();
        ProducerException refused = inTransaction ? transactions.checkSend(topic) : null;
        Completion completion = new Completion(topic, callback,
                record.timestamp() == ProducerRecord.NO_TIMESTAMP ? now : record.timestamp(), inTransaction);
        if (isClosed()) {
            return completion.reject(new ProducerClosedException("Cannot send to topic " + topic
                    + ": the producer is closed"));
        }
        if (refused != null) {
            return completion.reject(refused);
        }
        byte[] keyBytes;
        byte[] valueBytes;
        int partition;
        try {
            keyBytes = Serialization.serializeNow(keySerializer, true, topic, record.headers(), record.key());
            valueBytes = Serialization.serializeNow(valueSerializer, false, topic, record.headers(), record.value());
            int size = RecordLimits.batchSizeOf(keyBytes, valueBytes, record.headers());
            ProducerException tooLarge = RecordLimits.tooLarge(topic, size, config.maxRequestSize(), config.bufferMemory());
            if (tooLarge != null) {
                throw tooLarge;
            }
            partition = partition(record, keyBytes, valueBytes, size);
        } catch (ProducerException e) {
            return completion.reject(e);
        }
        completion.placed(partition, keyBytes, valueBytes);
        synchronized (this) {
            SentRecord<K, V> sent = new SentRecord<>(record, partition, keyBytes, valueBytes);
            history.add(sent);
            (inTransaction ? this.inTransaction : committed).add(sent);
            if (!autoComplete) {
                incomplete.add(completion);
                return completion.future;
            }
        }
        completion.succeed();
        return completion.future;
    }

    private StickyPartition sticky(String topic) {
        return stickyPartitions.computeIfAbsent(topic, t -> new StickyPartition(t, config.batchSize(),
                config.partitionerAdaptivePartitioningEnable(), IDLE));
    }

    private int partition(ProducerRecord<K, V> record, byte[] keyBytes, byte[] valueBytes, int size) {
        String topic = record.topic();
        List<PartitionInfo> topicPartitions = partitionsFor(topic);
        if (record.hasPartition()) {
            if (record.partition() >= topicPartitions.size()) {
                throw new DeliveryTimeoutException("Partition " + record.partition() + " of topic " + topic
                        + " is not present in metadata: the topic has " + topicPartitions.size() + " partition(s)");
            }
            return record.partition();
        }
        StickyPartition sticky = sticky(topic);
        int partition = partitioning.partition(sticky, record.key(), keyBytes, record.value(), valueBytes, topicPartitions);
        // No batches here: every record is as if it filled one, so keyless records move on after batch.size bytes.
        sticky.onAppended(partition, Appended.of(size, true));
        return partition;
    }

    /** Does nothing but note that it was called, after completing every incomplete record successfully. */
    @Override
    public void flush() {
        List<Completion> all;
        synchronized (this) {
            flushed = true;
            all = new ArrayList<>(incomplete);
            incomplete.clear();
        }
        all.forEach(Completion::succeed);
    }

    /** The partitions the test declared for the topic, or partition 0 alone; each led by broker 0. */
    @Override
    public List<PartitionInfo> partitionsFor(String topic) {
        List<PartitionInfo> declared = partitions.get(topic);
        return declared != null ? declared : List.of(partitionInfo(topic, 0));
    }

    private static PartitionInfo partitionInfo(String topic, int partition) {
        return new PartitionInfo(topic, partition, 0, List.of(0), List.of(0));
    }

    /**
     * Records completed and failed, per topic and per error, with the incomplete ones as {@code recordsQueued}; nothing
     * is batched, sent or retried, so those counters stay at zero.
     */
    @Override
    public synchronized ProducerMetrics metrics() {
        Map<String, ProducerMetrics.TopicMetrics> topics = new HashMap<>();
        long sent = 0;
        long failed = 0;
        for (Map.Entry<String, long[]> e : topicCounts.entrySet()) {
            long[] counts = e.getValue();
            topics.put(e.getKey(), new ProducerMetrics.TopicMetrics(counts[0], counts[1], 0, 0));
            sent += counts[0];
            failed += counts[1];
        }
        return new ProducerMetrics(clientId(), sent, failed, 0, 0, 0, 0, ProducerMetrics.Latency.NONE,
                ProducerMetrics.Latency.NONE, config.bufferMemory(), config.bufferMemory(), incomplete.size(), 0, 0, 1,
                topics, failuresByError, LookupStats.NONE);
    }

    /**
     * UP, as a one-broker cluster that is always reachable; the latest error is the latest one given to
     * {@link #errorNext}, which stands for a broker's refusal.
     */
    @Override
    public synchronized ProducerHealth health() {
        return new ProducerHealth(ProducerHealth.Status.UP, 1, 1, lastError, lastErrorAt, null, null, 0,
                config.bufferMemory(), 0, List.of());
    }

    /** The latest failure given to {@link #errorNext} at or after {@code since}, when it was a {@code ProducerException}. */
    @Override
    public ProducerException lastErrorSince(Instant since) {
        return lastFailure.since(since.toEpochMilli());
    }

    @Override
    public ProducerConfig config() {
        return config;
    }

    /** As {@link #close(Duration)}. */
    @Override
    public void close() {
        close(Duration.ZERO);
    }

    /**
     * Closes at once: later sends fail. Incomplete records stay so; the test still completes them with
     * {@link #completeNext()} or {@link #errorNext}. The serializers and the partitioner are closed once.
     */
    @Override
    public void close(Duration timeout) {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        keySerializer.close();
        valueSerializer.close();
        partitioning.close();
    }

    // ---- for the test ---------------------------------------------------------------------------------------

    /**
     * Every record accepted since the start or {@link #clear()}, in the order {@code send} was called, with the
     * partition it went to and its serialized bytes. Records refused at once (closed, a serializer threw, too
     * large) are not in it. A copy: later sends do not change it.
     */
    public synchronized List<SentRecord<K, V>> history() {
        return List.copyOf(history);
    }

    /**
     * The records of committed transactions and those sent outside transactions, in the order {@code send} was
     * called; what a {@code read_committed} consumer would read. A copy.
     */
    public synchronized List<SentRecord<K, V>> committed() {
        return List.copyOf(committed);
    }

    /** The offsets committed with transactions, by consumer group, in the order they were sent. A copy. */
    public synchronized Map<String, List<ConsumedOffset>> committedOffsets() {
        Map<String, List<ConsumedOffset>> copy = new LinkedHashMap<>();
        committedOffsets.forEach((group, offsets) -> copy.put(group, List.copyOf(offsets)));
        return copy;
    }

    /** Transactions committed and aborted so far. */
    public long committedTransactions() {
        return transactions.committedCount();
    }

    public long abortedTransactions() {
        return transactions.abortedCount();
    }

    /**
     * Plays a newer producer registering the same transactional id: from now on every transactional call and every
     * send fails with {@link ProducerFencedException}, as on a real cluster.
     */
    public void fence() {
        transactions.fail(new ProducerFencedException("Transactional producer '" + transactions.transactionalId()
                + "' was fenced: another producer with the same transactional.id has started, so this one must be "
                + "closed", null, Errors.PRODUCER_FENCED), true);
    }

    // ---- transactions ---------------------------------------------------------------------------------------

    @Override
    public CompletableFuture<Void> initTransactionsAsync() {
        CompletableFuture<Void> result = transactions.initTransactions();
        synchronized (this) {
            transactional = true;
        }
        transactions.initialized();
        return result;
    }

    @Override
    public void beginTransaction() {
        transactions.beginTransaction();
    }

    @Override
    public CompletableFuture<Void> sendOffsetsToTransactionAsync(Collection<ConsumedOffset> offsets, GroupMetadata group) {
        CompletableFuture<Void> result = transactions.sendOffsets(List.copyOf(offsets), group);
        OffsetCommit commit = transactions.nextOffsetCommit();
        if (commit != null) {
            synchronized (this) {
                offsetsInTransaction.computeIfAbsent(group.groupId(), g -> new ArrayList<>()).addAll(commit.offsets());
            }
            transactions.offsetsDone(commit, null);
        }
        return result;
    }

    /** Completes the transaction's incomplete records first, as a real commit waits for them. */
    @Override
    public CompletableFuture<Void> commitTransactionAsync() {
        CompletableFuture<Void> result = transactions.commit();
        if (transactions.isCommitting()) {
            flush();
            synchronized (this) {
                committed.addAll(inTransaction);
                offsetsInTransaction.forEach((group, offsets) ->
                        committedOffsets.computeIfAbsent(group, g -> new ArrayList<>()).addAll(offsets));
                endTransaction();
            }
            transactions.transactionEnded();
        }
        return result;
    }

    /** Fails the transaction's incomplete records with {@link TransactionAbortedException} and drops its records. */
    @Override
    public CompletableFuture<Void> abortTransactionAsync() {
        CompletableFuture<Void> result = transactions.abort();
        List<Completion> unsent = new ArrayList<>();
        synchronized (this) {
            for (Iterator<Completion> it = incomplete.iterator(); it.hasNext(); ) {
                Completion c = it.next();
                if (c.inTransaction) {
                    unsent.add(c);
                    it.remove();
                }
            }
            endTransaction();
        }
        ProducerException aborted = transactions.abortedRecordError();
        unsent.forEach(c -> c.fail(aborted, false));
        transactions.transactionEnded();
        return result;
    }

    @Override
    public TransactionStatus transactionStatus() {
        return transactions.status();
    }

    private void endTransaction() {
        inTransaction.clear();
        offsetsInTransaction.clear();
    }

    private synchronized boolean isTransactional() {
        return transactional;
    }

    /**
     * Completes the oldest incomplete record successfully: its callback runs, then its future completes.
     *
     * @return false when no record was incomplete
     */
    public boolean completeNext() {
        Completion next;
        synchronized (this) {
            next = incomplete.poll();
        }
        if (next == null) {
            return false;
        }
        next.succeed();
        return true;
    }

    /**
     * Fails the oldest incomplete record with {@code error}: its callback runs, then its future completes with it.
     *
     * @return false when no record was incomplete
     */
    public boolean errorNext(RuntimeException error) {
        Objects.requireNonNull(error, "error");
        Completion next;
        synchronized (this) {
            next = incomplete.poll();
        }
        if (next == null) {
            return false;
        }
        next.fail(error, true);
        return true;
    }

    /** Records sent and not completed yet (always 0 with auto-completion). */
    public synchronized int incompleteCount() {
        return incomplete.size();
    }

    /** Whether {@link #flush()} was called since the start or {@link #clear()}. */
    public synchronized boolean flushed() {
        return flushed;
    }

    /** Whether {@link #close()} was called. */
    public synchronized boolean closed() {
        return closed;
    }

    private synchronized boolean isClosed() {
        return closed;
    }

    /** Forgets the history and the flush, for a test that shares the double with others. Incomplete records stay. */
    public synchronized void clear() {
        history.clear();
        flushed = false;
    }

    // ---- internals -------------------------------------------------------------------------------------------

    private synchronized RecordMetadata acknowledge(Completion completion) {
        String key = completion.topic + '-' + completion.partition;
        long offset = nextOffsets.merge(key, 1L, Long::sum) - 1;
        topicCounts.computeIfAbsent(completion.topic, t -> new long[2])[0]++;
        return RecordMetadata.of(completion.topic, completion.partition, offset, completion.timestamp,
                completion.keySize, completion.valueSize);
    }

    /** @param asFromBroker the test failed it with {@link #errorNext}, standing for a broker's refusal */
    private synchronized void failed(String topic, Exception error, boolean asFromBroker) {
        topicCounts.computeIfAbsent(topic, t -> new long[2])[1]++;
        String name = error instanceof ProducerException p ? p.errorName() : error.getClass().getSimpleName();
        failuresByError.merge(name, 1L, Long::sum);
        if (asFromBroker) {
            long now = System.currentTimeMillis();
            lastError = error.getMessage() == null ? name : error.getMessage();
            lastErrorAt = Instant.ofEpochMilli(now);
            if (error instanceof ProducerException p) {
                lastFailure.record(p, now);
            }
        }
    }

    /** One record's outcome, still to be told: to its callback first, then to its future. */
    private final class Completion {

        final String topic;
        final Callback callback;
        final long timestamp;
        final CompletableFuture<RecordMetadata> future = new CompletableFuture<>();
        int partition = -1;
        int keySize = -1;
        int valueSize = -1;

        final boolean inTransaction;

        Completion(String topic, Callback callback, long timestamp, boolean inTransaction) {
            this.topic = topic;
            this.callback = callback;
            this.timestamp = timestamp;
            this.inTransaction = inTransaction;
        }

        void placed(int partition, byte[] keyBytes, byte[] valueBytes) {
            this.partition = partition;
            this.keySize = keyBytes == null ? -1 : keyBytes.length;
            this.valueSize = valueBytes == null ? -1 : valueBytes.length;
        }

        void succeed() {
            RecordMetadata metadata = acknowledge(this);
            if (callback != null) {
                Callbacks.invoke(callback, metadata, null);
            }
            future.complete(metadata);
        }

        void fail(Exception error, boolean asFromBroker) {
            failed(topic, error, asFromBroker);
            if (inTransaction && asFromBroker) {
                // As on a real cluster: a record the brokers refused leaves its transaction unable to commit.
                transactions.fail(error instanceof ProducerException p ? p
                        : new ProducerException(String.valueOf(error.getMessage()), error), false);
            }
            if (callback != null) {
                Callbacks.invoke(callback, null, error);
            }
            future.completeExceptionally(error);
        }

        CompletableFuture<RecordMetadata> reject(ProducerException error) {
            fail(error, false);
            return future;
        }
    }

    /**
     * A record the double accepted: the record as given, the partition it went to (the one it named, or the
     * partitioner's choice) and its serialized key and value (null for a null key or value).
     */
    public record SentRecord<K, V>(ProducerRecord<K, V> record, int partition, byte[] serializedKey,
                                   byte[] serializedValue) {

        public String topic() {
            return record.topic();
        }

        public K key() {
            return record.key();
        }

        public V value() {
            return record.value();
        }
    }

    /**
     * Builds a {@link MockProducer}.
     *
     * @param <K> key type
     * @param <V> value type
     */
    public static final class Builder<K, V> {

        private final Serializer<K> keySerializer;
        private final Serializer<V> valueSerializer;
        private final Map<String, List<PartitionInfo>> partitions = new LinkedHashMap<>();
        private ProducerConfig config;
        private boolean autoComplete = true;

        private Builder(Serializer<K> keySerializer, Serializer<V> valueSerializer) {
            this.keySerializer = Objects.requireNonNull(keySerializer, "keySerializer");
            this.valueSerializer = Objects.requireNonNull(valueSerializer, "valueSerializer");
        }

        /**
         * The configuration whose partitioner, size limits and client id the double uses (default: {@code
         * bootstrap.servers=mock:9092} and Kafka's defaults). Its serializers are not used: the builder's are.
         */
        public Builder<K, V> config(ProducerConfig config) {
            this.config = Objects.requireNonNull(config, "config");
            return this;
        }

        /** Declares that {@code topic} has {@code count} partitions, each led by broker 0. */
        public Builder<K, V> partitions(String topic, int count) {
            Objects.requireNonNull(topic, "topic");
            if (count < 1) {
                throw new IllegalArgumentException("A topic has at least one partition; " + topic + " was given " + count);
            }
            List<PartitionInfo> list = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                list.add(partitionInfo(topic, i));
            }
            partitions.put(topic, List.copyOf(list));
            return this;
        }

        /**
         * Declares a topic's partitions as given, for a partitioner that looks at leaders or replicas: all of one
         * topic, numbered from 0 in order.
         */
        public Builder<K, V> partitions(List<PartitionInfo> topicPartitions) {
            if (topicPartitions.isEmpty()) {
                throw new IllegalArgumentException("A topic has at least one partition");
            }
            String topic = topicPartitions.get(0).topic();
            for (int i = 0; i < topicPartitions.size(); i++) {
                PartitionInfo p = topicPartitions.get(i);
                if (!p.topic().equals(topic) || p.partition() != i) {
                    throw new IllegalArgumentException("Expected partition " + i + " of topic " + topic + ", got " + p);
                }
            }
            partitions.put(topic, List.copyOf(topicPartitions));
            return this;
        }

        /**
         * Whether each record completes successfully as it is sent (the default), or waits for {@link
         * MockProducer#completeNext()}, {@link MockProducer#errorNext} or {@link MockProducer#flush()}.
         */
        public Builder<K, V> autoComplete(boolean autoComplete) {
            this.autoComplete = autoComplete;
            return this;
        }

        public MockProducer<K, V> build() {
            return new MockProducer<>(this);
        }
    }
}
