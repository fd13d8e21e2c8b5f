package dev.quill.producer.internal.waiting;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import dev.quill.producer.PartitionInfo;
import dev.quill.producer.errors.DeliveryTimeoutException;
import dev.quill.producer.errors.Errors;
import dev.quill.producer.errors.ProducerClosedException;
import dev.quill.producer.errors.ProducerException;
import dev.quill.producer.errors.SerializationException;
import dev.quill.producer.internal.accumulator.BufferPool;
import dev.quill.producer.internal.accumulator.FailureObserver;
import dev.quill.producer.internal.accumulator.PendingRecord;
import dev.quill.producer.internal.accumulator.RecordAccumulator;
import dev.quill.producer.internal.accumulator.TopicQueues;
import dev.quill.producer.internal.metadata.Cluster;
import dev.quill.producer.internal.metadata.Metadata;
import dev.quill.producer.internal.network.ConnectionState;
import dev.quill.producer.internal.partition.Partitioning;

/**
 * Records that {@code send} accepted but could not place yet: their topic's metadata (or the partition they name)
 * is not known, or their serializer still waits for a lookup such as a schema id. They wait here, not in the
 * caller's thread, holding their bytes of {@code buffer.memory}, in send order per topic: a later record of the
 * topic waits behind them, since its partition may depend on what they wait for.
 *
 * <p>A thread of its own places them (partitioning them, so the user's partitioner never runs on the I/O thread)
 * whenever metadata arrives or a lookup completes, and checks again every {@code retry.backoff.ms} while any wait,
 * failing those that waited {@code max.block.ms}. The thread starts with the first waiting record and ends after a
 * minute with none.
 */
public final class WaitingRecords {

    private static final System.Logger LOG = System.getLogger("dev.quill.producer");
    /** Records placed while holding a topic's line, before letting senders to that topic in. */
    private static final int PLACED_PER_HOLD = 256;

    private final ConcurrentHashMap<String, TopicLine> lines = new ConcurrentHashMap<>();
    /** Lines with records in them: while none has, {@link #mustWait} looks up no line. */
    private final AtomicInteger nonEmptyLines = new AtomicInteger();
    private final Metadata metadata;
    private final Partitioning partitioning;
    private final RecordAccumulator accumulator;
    private final BufferPool pool;
    private final ConnectionState connections;
    private final FailureObserver failures;
    private final Runnable wakeIoThread;
    private final long maxBlockMs;
    private final long recheckMs;
    /** Runs the placing rounds; shared by the producers of a group, so this never shuts it down. */
    private final ScheduledExecutorService placer;
    /** Held by a placing round; closing takes it, so that no round places a record after the close. */
    private final ReentrantLock placing = new ReentrantLock();
    private final AtomicBoolean placementScheduled = new AtomicBoolean();
    private final AtomicBoolean recheckScheduled = new AtomicBoolean();
    private volatile boolean closed;

    /**
     * @param placer where placing rounds run: a {@linkplain #newPlacer single thread} that ends when idle
     * @param wakeIoThread asks the I/O thread to fetch metadata now
     * @param recheckMs how often to look again while records wait ({@code retry.backoff.ms}, at most a second)
     */
    public WaitingRecords(ScheduledExecutorService placer, Metadata metadata, Partitioning partitioning,
                          RecordAccumulator accumulator, ConnectionState connections, FailureObserver failures,
                          Runnable wakeIoThread, long maxBlockMs, long recheckMs) {
        this.metadata = metadata;
        this.partitioning = partitioning;
        this.accumulator = accumulator;
        this.pool = accumulator.pool();
        this.connections = connections;
        this.failures = failures;
        this.wakeIoThread = wakeIoThread;
        this.maxBlockMs = maxBlockMs;
        // At most a second: a record's max.block.ms is then kept to within a second, and the next check always falls
        // well inside the placing thread's idle time, so the thread is still there to run it.
        this.recheckMs = Math.max(1, Math.min(recheckMs, 1_000));
        this.placer = placer;
    }

    /**
     * The thread that places the waiting records of one group of producers, started with the first and ended after a
     * minute without any.
     */
    public static ScheduledThreadPoolExecutor newPlacer(String clientId) {
        return placer("quill-producer-placer-" + clientId);
    }

    /**
     * The thread that places the waiting records of every producer in this JVM that is not in a group, started with
     * the first and ended after a minute without any; never shut down. A placing round never blocks, so one thread
     * keeps up with them all, and a producer costs one thread, its I/O thread, as a kafka-clients producer does. A
     * record that fails while it waits runs its callback here, as a batch's records run theirs on the I/O thread: a
     * callback that blocks holds up the other producers' waiting records too.
     */
    public static ScheduledThreadPoolExecutor sharedPlacer() {
        return SharedPlacer.INSTANCE;
    }

    private static final class SharedPlacer {
        static final ScheduledThreadPoolExecutor INSTANCE = placer("quill-producer-placer");
    }

    private static ScheduledThreadPoolExecutor placer(String threadName) {
        ScheduledThreadPoolExecutor placer = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, threadName);
            thread.setDaemon(true);
            return thread;
        });
        placer.setKeepAliveTime(1, TimeUnit.MINUTES);
        placer.allowCoreThreadTimeOut(true);
        placer.setRemoveOnCancelPolicy(true);
        return placer;
    }

    /** Whether records of the topic wait here: a new one must wait behind them. */
    public boolean mustWait(String topic) {
        if (nonEmptyLines.get() == 0) {
            return false;
        }
        TopicLine line = lines.get(topic);
        return line != null && line.count > 0;
    }

    /**
     * Takes a record that cannot be placed now. Its bytes are set aside from buffer memory first, waiting up to
     * {@code bufferWaitMs} as an append would.
     *
     * @throws dev.quill.producer.errors.BufferExhaustedException when no memory was freed in time
     * @throws ProducerClosedException when the producer closed first
     */
    public void add(PendingRecord record, long bufferWaitMs) throws InterruptedException {
        pool.reserve(record.sizeInBytes(), bufferWaitMs);
        record.reserved(record.sizeInBytes());
        TopicLine line = lines.computeIfAbsent(record.topic(), TopicLine::new);
        synchronized (line) {
            if (closed) {
                pool.unreserve(record.sizeInBytes());
                throw new ProducerClosedException("Cannot send to topic " + record.topic() + ": the producer is closed");
            }
            line.records.addLast(record);
            line.recount(nonEmptyLines);
        }
        CompletableFuture<Void> bytesReady = record.bytesReady();
        if (bytesReady != null) {
            bytesReady.whenComplete((ok, error) -> schedulePlacement());
        }
        if (metadata.cluster().partitionsFor(record.topic()) == null) {
            metadata.requestUpdate();
            wakeIoThread.run();
        }
        schedulePlacement();
    }

    /** Places what can be placed, soon, on the placing thread; many calls before it runs make one round. */
    public void schedulePlacement() {
        if (closed || !placementScheduled.compareAndSet(false, true)) {
            return;
        }
        try {
            placer.execute(this::placeAll);
        } catch (RejectedExecutionException closing) {
            placementScheduled.set(false);
        }
    }

    private void placeAll() {
        placementScheduled.set(false);
        placing.lock();
        try {
            if (!closed) {
                placeRound();
            }
        } finally {
            placing.unlock();
        }
    }

    private void placeRound() {
        long now = System.currentTimeMillis();
        Cluster cluster = metadata.cluster();
        boolean waitingForMetadata = false;
        for (TopicLine line : lines.values()) {
            if (line.count > 0) {
                waitingForMetadata |= placeTopic(line, cluster, now);
            }
        }
        if (waitingForMetadata) {
            metadata.requestUpdate();
            wakeIoThread.run();
        }
        if (count() > 0) {
            scheduleRecheck();
        }
    }

    private void scheduleRecheck() {
        if (closed || !recheckScheduled.compareAndSet(false, true)) {
            return;
        }
        try {
            placer.schedule(() -> {
                recheckScheduled.set(false);
                placeAll();
            }, recheckMs, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closing) {
            recheckScheduled.set(false);
        }
    }

    /**
     * Places or fails the topic's records, oldest first, stopping at the first that must wait on. Holds the line's
     * monitor throughout, so that a record sent meanwhile waits behind the round and {@link #incompleteResults}
     * finds every record either here or in a batch. Returns whether the first left waiting lacks metadata.
     */
    private boolean placeTopic(TopicLine line, Cluster cluster, long now) {
        while (true) {
            synchronized (line) {
                PendingRecord head;
                Outcome outcome = Outcome.PLACED;
                int placed = 0;
                while (placed < PLACED_PER_HOLD && (head = line.records.peekFirst()) != null
                        && (outcome = placeOrFail(head, cluster, now)).isFinal()) {
                    line.records.pollFirst();
                    line.recount(nonEmptyLines);
                    placed++;
                    if (outcome.failure() != null) {
                        // Counted out first, so that whoever sees it fail also sees it gone.
                        fail(head, outcome.failure());
                    }
                }
                if (placed < PLACED_PER_HOLD || line.records.isEmpty()) {
                    return outcome == Outcome.WAIT_FOR_METADATA;
                }
            }
            // A long backlog (every record sent while a schema id was looked up) is placed a slice at a time, so that
            // a send to the topic meanwhile waits for one slice to join the line, not for the whole backlog.
        }
    }

    /** What became of a record offered for placing: placed, failed, or what it still waits for (one instance each). */
    private static final class Outcome {
        static final Outcome PLACED = new Outcome(null, true);
        static final Outcome WAIT_FOR_METADATA = new Outcome(null, false);
        static final Outcome WAIT_FOR_BYTES = new Outcome(null, false);
        static final Outcome WAIT_FOR_MEMORY = new Outcome(null, false);

        private final ProducerException failure;
        private final boolean isFinal;

        private Outcome(ProducerException failure, boolean isFinal) {
            this.failure = failure;
            this.isFinal = isFinal;
        }

        static Outcome failed(ProducerException failure) {
            return new Outcome(failure, true);
        }

        /** Null unless the record failed. */
        ProducerException failure() {
            return failure;
        }

        /** Whether the record leaves the line: placed or failed. */
        boolean isFinal() {
            return isFinal;
        }
    }

    private Outcome placeOrFail(PendingRecord r, Cluster cluster, long now) {
        CompletableFuture<Void> bytesReady = r.bytesReady();
        if (bytesReady != null && bytesReady.isCompletedExceptionally()) {
            return Outcome.failed(lookupFailure(r, bytesReady));
        }
        String topic = r.topic();
        Errors topicError = cluster.topicError(topic);
        if (topicError != null && !topicError.isRetriable()) {
            return Outcome.failed(topicError.exception("Cannot send to topic " + topic + ": " + topicError.description()));
        }
        List<PartitionInfo> partitions = cluster.partitionsFor(topic);
        boolean metadataKnown = partitions != null && r.requestedPartition() < partitions.size();
        boolean bytesKnown = bytesReady == null || bytesReady.isDone();
        if (metadataKnown && bytesKnown) {
            return place(r, partitions, now);
        }
        if (partitions == null && connections.authenticationFailure() != null) {
            // No broker lets this client in: metadata cannot come, and waiting max.block.ms helps nobody.
            return Outcome.failed(connections.authenticationFailure());
        }
        if (now - r.createdMs() >= maxBlockMs) {
            return Outcome.failed(bytesKnown ? metadataTimeout(r, partitions, topicError) : lookupTimeout(r));
        }
        return metadataKnown ? Outcome.WAIT_FOR_BYTES : Outcome.WAIT_FOR_METADATA;
    }

    private Outcome place(PendingRecord r, List<PartitionInfo> partitions, long now) {
        TopicQueues queues = accumulator.topic(r.topic());
        int partition;
        try {
            partition = r.requestedPartition() >= 0 ? r.requestedPartition()
                    : partitioning.partition(queues.sticky(), r.key(), r.keyBytes(), r.value(), r.valueBytes(), partitions);
        } catch (ProducerException e) {
            return Outcome.failed(e);
        }
        try {
            // Without waiting: memory short now is memory for the next round, not a reason to hold up other topics.
            accumulator.append(queues, r, partition, 0, now);
        } catch (ProducerException memoryShort) {
            return Outcome.WAIT_FOR_MEMORY;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Outcome.WAIT_FOR_MEMORY;
        }
        return Outcome.PLACED;
    }

    private void fail(PendingRecord r, ProducerException error) {
        pool.unreserve(r.reservedBytes());
        r.reserved(0);
        failures.recordFailed(r.topic(), error);
        r.fail(error);
    }

    private static ProducerException lookupFailure(PendingRecord r, CompletableFuture<Void> bytesReady) {
        try {
            bytesReady.join();
            throw new IllegalStateException("a failed lookup completed normally");
        } catch (CompletionException e) {
            if (e.getCause() instanceof ProducerException cause) {
                return cause;
            }
            return new SerializationException("Can't serialize a record for topic " + r.topic() + ": "
                    + e.getCause(), e.getCause());
        }
    }

    private DeliveryTimeoutException lookupTimeout(PendingRecord r) {
        return new DeliveryTimeoutException("The record for topic " + r.topic() + " waited " + maxBlockMs
                + " ms (max.block.ms) for its serializer's lookup (a schema id) without an answer");
    }

    private DeliveryTimeoutException metadataTimeout(PendingRecord r, List<PartitionInfo> partitions, Errors error) {
        String message = partitions == null
                ? "Topic " + r.topic() + " not present in metadata after " + maxBlockMs + " ms (max.block.ms)"
                : "Partition " + r.requestedPartition() + " of topic " + r.topic() + " with partition count "
                        + partitions.size() + " is not present in metadata after " + maxBlockMs + " ms (max.block.ms)";
        Throwable cause = error != null ? error.exception(error.description()) : connections.lastError();
        return new DeliveryTimeoutException(message + (cause == null ? "" : "; last error: " + cause.getMessage()), cause);
    }

    /** Topics with waiting records, which metadata requests must include. */
    public List<String> topics() {
        List<String> topics = new ArrayList<>();
        lines.forEach((topic, line) -> {
            if (line.count > 0) {
                topics.add(topic);
            }
        });
        return topics;
    }

    /** How many records wait. */
    public int count() {
        int n = 0;
        for (TopicLine line : lines.values()) {
            n += line.count;
        }
        return n;
    }

    /** How many records wait for their serializer's lookup (a schema id). */
    public int countWaitingForLookup() {
        int n = 0;
        for (TopicLine line : lines.values()) {
            if (line.count == 0) {
                continue;
            }
            synchronized (line) {
                for (PendingRecord r : line.records) {
                    if (r.bytesReady() != null && !r.bytesReady().isDone()) {
                        n++;
                    }
                }
            }
        }
        return n;
    }

    /** The futures of the records waiting now, for {@code flush()}. */
    public void incompleteResults(List<CompletableFuture<?>> into) {
        for (TopicLine line : lines.values()) {
            synchronized (line) {
                into.addAll(line.records);
            }
        }
    }

    /** Fails every waiting record with the error, for example when the producer can no longer send at all. */
    public void failAll(ProducerException error) {
        for (TopicLine line : lines.values()) {
            synchronized (line) {
                PendingRecord r;
                while ((r = line.records.pollFirst()) != null) {
                    line.recount(nonEmptyLines);
                    fail(r, error);
                }
            }
        }
    }

    /**
     * Fails what still waits and waits (up to a second) for a placing round under way; records sent after this are
     * not taken, and no round places one after it.
     */
    public void close(ProducerException error) {
        closed = true;
        try {
            if (placing.tryLock(1, TimeUnit.SECONDS)) {
                placing.unlock();
            } else {
                LOG.log(Level.WARNING, "Placing waiting records did not stop within 1 s; a partitioner may be blocked");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        failAll(error);
    }
}
