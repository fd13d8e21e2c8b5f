package dev.quill.producer.internal.accumulator;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;

import dev.quill.producer.CompressionType;
import dev.quill.producer.PartitionInfo;
import dev.quill.producer.errors.ProducerException;
import dev.quill.producer.errors.SerializationException;
import dev.quill.producer.internal.metadata.Cluster;
import dev.quill.producer.internal.partition.Appended;
import dev.quill.producer.internal.partition.PartitionLoad;
import dev.quill.producer.internal.partition.StickyPartition;
import dev.quill.producer.internal.record.RecordBatchBuilder;
import dev.quill.producer.internal.record.RecordBatchReader;

/**
 * Batches records per topic-partition between the threads that send and the I/O thread that drains.
 * Appending takes the partition queue's monitor only to add to the open batch; memory for a new batch
 * is taken from the {@link BufferPool} outside it, so a caller waiting for memory holds no lock.
 *
 * <p>It only batches: records arrive with their partition chosen, and those that cannot be placed yet wait
 * elsewhere. It tells adaptive partitioning how deep each queue is ({@link PartitionLoad}).
 */
public final class RecordAccumulator implements PartitionLoad {

    private static final int MIN_SLOTS = 16;
    private static final int MAX_PRESIZED_SLOTS = 1024;

    private final AccumulatorSettings settings;
    private final BufferPool pool;
    /**
     * Per-record state of finished batches, for new ones. Bounded, so that a burst of many batches at once does
     * not leave their slots on the heap for good; beyond the bound, slots are allocated and dropped as before.
     */
    private final ArrayBlockingQueue<RecordSlots> recycledSlots;
    private final ConcurrentHashMap<String, TopicQueues> topics = new ConcurrentHashMap<>();
    private final Set<ProducerBatch> incomplete = ConcurrentHashMap.newKeySet();
    private final List<PartitionQueue> queueList = new CopyOnWriteArrayList<>();
    private final AtomicInteger flushesInProgress = new AtomicInteger();
    private final Map<Integer, Integer> drainStart = new HashMap<>();
    /** Batches taken out of their queue by a drain because they cannot be encoded; only the I/O thread uses it. */
    private final ArrayDeque<ProducerBatch> unencodable = new ArrayDeque<>();
    private final NodeAvailability availability;
    private final Runnable wakeSender;
    private final FailureObserver failures;
    private final boolean idempotent;
    private volatile ProducerIdentity identity = ProducerIdentity.NONE;
    private volatile boolean closing;

    /**
     * @param wakeSender run after a batch is opened or filled (outside any lock), so the I/O thread can start the
     *     new batch's linger timer and send the batch that just filled up
     */
    public RecordAccumulator(AccumulatorSettings settings, BufferPool pool, Runnable wakeSender,
                             FailureObserver failures) {
        this.settings = settings;
        this.failures = failures;
        this.idempotent = settings.idempotent();
        this.pool = pool;
        this.recycledSlots = new ArrayBlockingQueue<>(
                (int) Math.max(16, Math.min(256, pool.totalMemory() / Math.max(1, settings.pooledBufferSize()))));
        this.wakeSender = wakeSender;
        // The timeout acts only on the adaptive load table, so without adaptive partitioning there is nothing to track.
        this.availability = new NodeAvailability(
                settings.adaptivePartitioning() ? settings.partitionerAvailabilityTimeoutMs() : 0);
    }

    /** Makes the topic part of metadata requests before any record is sent to it. */
    public void registerTopic(String topic, long nowMs) {
        topic(topic).touch(nowMs);
    }

    /**
     * Topics to ask metadata for: those sent to within {@code maxIdleMs} ({@code metadata.max.idle.ms}) and
     * those with batches still queued. An idle topic drops out of the producer's metadata, so that one
     * that sent to many short-lived topics does not ask for all of them forever; its next record waits for
     * metadata again, as a new topic's does.
     */
    public List<String> activeTopicNames(long nowMs, long maxIdleMs) {
        List<String> active = new ArrayList<>();
        for (TopicQueues tq : topics.values()) {
            if (nowMs - tq.lastUsedMs() <= maxIdleMs || tq.hasQueuedBatches()) {
                active.add(tq.topic);
            }
        }
        return active;
    }

    public BufferPool pool() {
        return pool;
    }

    /** {@code linger.ms}: the longest a batch waits once it is first in its partition's queue. */
    public long lingerMs() {
        return settings.lingerMs();
    }

    /** The topic's queues and sticky partition, made on first use. */
    public TopicQueues topic(String topic) {
        TopicQueues tq = topics.get(topic);
        return tq != null ? tq : topics.computeIfAbsent(topic, t -> new TopicQueues(t,
                new StickyPartition(t, settings.batchSize(), settings.adaptivePartitioning(), this), queueList::add));
    }

    @Override
    public int queuedBatches(String topic, int partition) {
        TopicQueues tq = topics.get(topic);
        return tq == null ? 0 : tq.queuedBatches(partition);
    }

    @Override
    public boolean isAvailable(int nodeId) {
        return availability.isAvailable(nodeId);
    }

    /**
     * Appends a serialized record to its partition's open batch, opening a new one when needed, and tells the topic's
     * {@link StickyPartition} what that did. Buffer memory the record holds ({@link PendingRecord#reservedBytes()}) is
     * used first.
     *
     * @param tq the record's topic, from {@link #topic}
     * @param maxBlockMs how long to wait for buffer memory; 0 fails at once when it is full
     * @return what the sticky partition was told, as {@link Appended}: the bytes the record adds to its batch on the
     *     wire (as written for an uncompressed topic, else estimated with the topic's compression ratio so far), and
     *     whether the partition's newest batch is full now
     * @throws dev.quill.producer.errors.BufferExhaustedException when no memory was freed in time; the record is
     *     not appended and keeps what it holds
     */
    public int append(TopicQueues tq, PendingRecord record, int partition, long maxBlockMs, long nowMs)
            throws InterruptedException {
        tq.touch(nowMs);
        PartitionQueue q = tq.queue(partition);
        int reservedBytes = record.reservedBytes();
        // The batch the record went into, and, when that is a new one, the batch before it, which takes no more.
        ProducerBatch newest;
        ProducerBatch filled = null;
        boolean opened = false;
        int appendedBytes;
        boolean nowFull;
        synchronized (q) {
            newest = q.batches.peekLast();
            appendedBytes = tryAppendToLast(q, record);
            nowFull = appendedBytes != ProducerBatch.NO_ROOM && newest.isFull();
        }
        if (appendedBytes != ProducerBatch.NO_ROOM) {
            if (reservedBytes > 0) {
                pool.unreserve(reservedBytes);
            }
        } else {
            int needed = RecordBatchBuilder.BATCH_HEADER_SIZE + record.sizeInBytes();
            // A buffer.memory smaller than the usual buffer still takes one batch at a time.
            int size = Math.max((int) Math.min(settings.pooledBufferSize(), pool.totalMemory()), needed);
            int budget = settings.uncompressedBudget(tq.compressionRatio.estimate());
            ByteBuffer buffer = reservedBytes > 0 ? pool.exchange(reservedBytes, size) : pool.allocate(size, maxBlockMs);
            RecordSlots slots = takeSlots(size, record.sizeInBytes());
            try {
                CacheLines.claim(buffer);
                CacheLines.claim(slots.records);
                synchronized (q) {
                    // Another thread may have opened a batch meanwhile, which the record then goes into.
                    appendedBytes = tryAppendToLast(q, record);
                    if (appendedBytes == ProducerBatch.NO_ROOM) {
                        filled = q.batches.peekLast();
                        ProducerBatch batch = new ProducerBatch(record.topic(), partition, buffer,
                                new RecordBatchBuilder(buffer, settings.codec(), settings.compressionLevel()), nowMs,
                                slots, budget,
                                settings.compression() == CompressionType.NONE ? null : tq.compressionRatio);
                        appendedBytes = batch.tryAppend(record);
                        if (appendedBytes == ProducerBatch.NO_ROOM) {
                            throw new IllegalStateException("a record sized for an empty batch did not fit in it");
                        }
                        q.batches.addLast(batch);
                        incomplete.add(batch);
                        opened = true;
                    }
                    newest = q.batches.peekLast();
                    nowFull = newest.isFull();
                }
            } finally {
                if (!opened) {
                    pool.release(buffer);
                    recycledSlots.offer(slots);
                }
            }
        }
        if (filled != null) {
            compressFilled(filled);
        }
        if (nowFull) {
            compressFilled(newest);
        }
        if (opened || nowFull) {
            // A new batch starts its linger, a full one may go before it: the I/O thread hears of either now.
            wakeSender.run();
        }
        record.appended();
        // What the sticky partition weighs against batch.size is the record's share of the batch on the wire, as in
        // kafka-clients: for a compressed topic, its bytes times the topic's compression ratio so far.
        int bytesOnWire = settings.compression() == CompressionType.NONE ? appendedBytes
                : (int) Math.ceil(appendedBytes * tq.compressionRatio.estimate());
        int appended = Appended.of(bytesOnWire, nowFull);
        tq.sticky().onAppended(partition, appended);
        return appended;
    }

    /** {@link ProducerBatch#tryAppend} on the partition's newest batch; call with the queue's monitor held. */
    private static int tryAppendToLast(PartitionQueue q, PendingRecord record) {
        ProducerBatch last = q.batches.peekLast();
        return last == null ? ProducerBatch.NO_ROOM : last.tryAppend(record);
    }

    /**
     * Compresses a batch that takes no more records here, on the sending thread, so that the single I/O thread does
     * not do every batch's compression. A failure stays with that batch, whose records fail when it is drained.
     */
    private void compressFilled(ProducerBatch filled) {
        if (settings.compression() != CompressionType.NONE) {
            filled.tryEncode();
        }
    }

    /**
     * Slots of a finished batch, or new ones sized for a batch full of records like the one that opens it, so
     * that they rarely have to grow.
     */
    private RecordSlots takeSlots(int bufferCapacity, int recordBytes) {
        RecordSlots recycled = recycledSlots.poll();
        return recycled != null ? recycled
                : new RecordSlots(Math.max(MIN_SLOTS, Math.min(MAX_PRESIZED_SLOTS, bufferCapacity / Math.max(1, recordBytes))));
    }

    /** Finds the brokers that have a batch due now, and when the next one falls due. */
    public ReadyNodes ready(Cluster cluster, long nowMs) {
        Set<Integer> ready = new HashSet<>();
        // For partitioner.availability.timeout.ms: the ready brokers plus those whose due batches are held back
        // only by requests in flight, since then too the data waits on the broker. Null when that is off.
        Set<Integer> due = availability.enabled() ? new HashSet<>() : null;
        boolean unknownLeader = false;
        long nextDelay = Long.MAX_VALUE;
        boolean sendNow = sendNow();
        for (PartitionQueue q : allQueues()) {
            ProducerBatch first;
            boolean full;
            boolean inFlightFull;
            synchronized (q) {
                first = q.batches.peekFirst();
                if (first == null) {
                    continue;
                }
                full = q.batches.size() > 1 || first.isFull();
                inFlightFull = q.inFlight >= settings.maxInFlightPerPartition();
            }
            if (inFlightFull) {
                if (due != null && sendable(first, full, sendNow, nowMs)) {
                    int leader = cluster.leaderFor(q.topic, q.partition);
                    if (leader != PartitionInfo.NO_LEADER) {
                        due.add(leader);
                    }
                }
                continue;
            }
            int leader = cluster.leaderFor(q.topic, q.partition);
            if (leader == PartitionInfo.NO_LEADER) {
                unknownLeader = true;
                continue;
            }
            if (ready.contains(leader)) {
                continue;
            }
            if (sendable(first, full, sendNow, nowMs)) {
                ready.add(leader);
            } else {
                nextDelay = Math.min(nextDelay, first.attempts() > 0
                        ? first.retryAtMs() - nowMs
                        : settings.lingerMs() - (nowMs - first.createdMs));
            }
        }
        if (due != null) {
            due.addAll(ready);
            availability.onReadyCheck(due, nowMs);
        }
        return new ReadyNodes(ready, unknownLeader, nextDelay);
    }

    /** Every batch may go without waiting out its linger: the producer closes, flushes, or waits for memory. */
    private boolean sendNow() {
        return closing || flushesInProgress.get() > 0 || pool.hasWaiters();
    }

    /** Whether a partition's first batch may go now, as far as retry backoff and linger are concerned. */
    private boolean sendable(ProducerBatch first, boolean full, boolean sendNow, long nowMs) {
        if (first.attempts() > 0) {
            return first.retryAtMs() <= nowMs;
        }
        return full || sendNow || nowMs - first.createdMs >= settings.lingerMs();
    }

    /**
     * Takes, for each ready broker, at most one batch per partition it leads, up to {@code maxRequestSize}
     * bytes per broker (a single larger batch still goes alone), leaving the batches of partitions the gate closes
     * queued. Drained batches are closed for appends.
     */
    public Map<Integer, List<ProducerBatch>> drain(Cluster cluster, Set<Integer> nodes, int maxRequestSize,
                                                   PartitionGate gate, long nowMs) {
        return drain(cluster, nodes, maxRequestSize, gate, nowMs, false);
    }

    /**
     * As {@link #drain}, but only batches that are due by themselves (full, past their linger or retry backoff, or
     * everything while the producer flushes, closes or waits for memory): for a further request to a broker in the
     * same round, which must not take a partition's open batch before its linger.
     */
    public Map<Integer, List<ProducerBatch>> drainDue(Cluster cluster, Set<Integer> nodes, int maxRequestSize,
                                                      PartitionGate gate, long nowMs) {
        return drain(cluster, nodes, maxRequestSize, gate, nowMs, true);
    }

    private Map<Integer, List<ProducerBatch>> drain(Cluster cluster, Set<Integer> nodes, int maxRequestSize,
                                                    PartitionGate gate, long nowMs, boolean dueOnly) {
        Map<Integer, List<ProducerBatch>> result = new HashMap<>();
        boolean sendNow = dueOnly && sendNow();
        for (int node : nodes) {
            List<ProducerBatch> batches = drainNode(cluster, node, maxRequestSize, gate, nowMs, dueOnly, sendNow);
            if (!batches.isEmpty()) {
                result.put(node, batches);
                availability.onDrained(node, nowMs);
            }
        }
        return result;
    }

    private List<ProducerBatch> drainNode(Cluster cluster, int node, int maxRequestSize, PartitionGate gate, long nowMs,
                                          boolean dueOnly, boolean sendNow) {
        List<PartitionInfo> led = cluster.partitionsLedBy(node);
        List<ProducerBatch> drained = new ArrayList<>();
        if (led.isEmpty()) {
            return drained;
        }
        try {
            return drainNode(led, node, maxRequestSize, gate, nowMs, dueOnly, sendNow, drained);
        } finally {
            failUnencodable();
        }
    }

    private List<ProducerBatch> drainNode(List<PartitionInfo> led, int node, int maxRequestSize, PartitionGate gate,
                                          long nowMs, boolean dueOnly, boolean sendNow, List<ProducerBatch> drained) {
        // Start where the last drain of this broker stopped, so that no partition is always last.
        int start = drainStart.getOrDefault(node, 0) % led.size();
        int size = 0;
        for (int i = 0; i < led.size(); i++) {
            PartitionInfo info = led.get((start + i) % led.size());
            TopicQueues tq = topics.get(info.topic());
            if (tq == null) {
                continue;
            }
            AtomicReferenceArray<PartitionQueue> queues = tq.queues();
            PartitionQueue q = info.partition() < queues.length() ? queues.get(info.partition()) : null;
            if (q == null) {
                continue;
            }
            ProducerBatch first;
            synchronized (q) {
                first = q.batches.peekFirst();
                if (first == null || q.inFlight >= settings.maxInFlightPerPartition()
                        || (first.attempts() > 0 && first.retryAtMs() > nowMs)
                        || (dueOnly && !sendable(first, q.batches.size() > 1 || first.isFull(), sendNow, nowMs))
                        || (idempotent && q.inFlight > 0 && (first.baseSequence() >= 0 || !q.sequenceEstablished))) {
                    // An idempotent retry waits for the partition's in-flight batches to settle, so that
                    // batches are resent in sequence order; see also PartitionQueue.sequenceEstablished.
                    continue;
                }
                if (!gate.maySend(info.topic(), info.partition())) {
                    continue;
                }
                first.closeForAppends();
            }
            // Encoded before it gets sequence numbers or counts against the request size, which needs its size on the
            // wire; outside the queue's lock, so that records keep going into the partition's next batch meanwhile.
            // The CRC comes last, when the request is written (ProducerBatch.close).
            SerializationException encodingFailure = null;
            try {
                first.encode();
            } catch (SerializationException e) {
                encodingFailure = e;
            }
            // Only this thread takes batches out of a queue or puts them back at its head: the first is still first.
            synchronized (q) {
                if (encodingFailure != null) {
                    q.batches.pollFirst();
                    unencodable.add(first);
                    continue;
                }
                if (idempotent && first.baseSequence() < 0) {
                    first.setProducerState(identity, q.nextSequence, settings.transactional());
                    q.nextSequence += first.recordCount();
                }
                if (!drained.isEmpty() && size + first.estimatedSizeInBytes() > maxRequestSize) {
                    drainStart.put(node, start + i);
                    return drained;
                }
                q.batches.pollFirst();
                q.inFlight++;
                first.markDrained(nowMs);
                size += first.estimatedSizeInBytes();
                drained.add(first);
            }
        }
        drainStart.put(node, start + 1);
        return drained;
    }

    /** Fails the batches whose codec failed, outside the queues' monitors since their callbacks run now. */
    private void failUnencodable() {
        ProducerBatch batch;
        while ((batch = unencodable.poll()) != null) {
            failTakenBatch(batch, batch.encodingFailure());
        }
    }

    /** Fails a batch taken out of its queue, counting its records as failed, and frees its memory. */
    private void failTakenBatch(ProducerBatch batch, ProducerException error) {
        failures.batchFailed(batch, error);
        batch.fail(error);
        deallocate(batch);
    }

    /** The batch's request is over (answered or failed): its partition may send again. */
    public void onRequestDone(ProducerBatch batch, boolean acknowledged) {
        PartitionQueue q = topic(batch.topic).queue(batch.partition);
        synchronized (q) {
            q.inFlight--;
            q.sequenceEstablished |= acknowledged && batch.baseSequence() >= 0;
        }
    }

    /**
     * Puts a batch back into its queue to be retried after {@code retryAtMs}: at the head, or for the
     * idempotent producer in sequence order among other batches coming back for a retry.
     */
    public void reenqueue(ProducerBatch batch, long retryAtMs, ProducerException cause) {
        batch.scheduleRetry(retryAtMs, cause);
        PartitionQueue q = topic(batch.topic).queue(batch.partition);
        synchronized (q) {
            if (batch.baseSequence() < 0) {
                q.batches.addFirst(batch);
                return;
            }
            List<ProducerBatch> ahead = new ArrayList<>();
            while (!q.batches.isEmpty() && q.batches.peekFirst().baseSequence() >= 0
                    && q.batches.peekFirst().baseSequence() < batch.baseSequence()) {
                ahead.add(q.batches.pollFirst());
            }
            q.batches.addFirst(batch);
            for (int i = ahead.size() - 1; i >= 0; i--) {
                q.batches.addFirst(ahead.get(i));
            }
        }
    }

    /** Whether a batch with a lower sequence number of the same partition waits in the queue for a retry. */
    public boolean hasRetryBefore(ProducerBatch batch) {
        PartitionQueue q = topic(batch.topic).queue(batch.partition);
        synchronized (q) {
            for (ProducerBatch queued : q.batches) {
                if (queued.baseSequence() >= 0 && queued.baseSequence() < batch.baseSequence()) {
                    return true;
                }
            }
            return false;
        }
    }

    public ProducerIdentity identity() {
        return identity;
    }

    /**
     * Starts over with a new producer identity: sequence numbers restart at 0 and batches waiting for a
     * retry are numbered again when drained. Only called when nothing is in flight.
     */
    public void resetIdentity(ProducerIdentity fresh) {
        for (PartitionQueue q : allQueues()) {
            synchronized (q) {
                q.nextSequence = 0;
                q.sequenceEstablished = false;
                q.batches.forEach(ProducerBatch::clearSequence);
            }
        }
        identity = fresh;
    }

    /** Removes and returns queued batches older than {@code delivery.timeout.ms}. */
    public List<ProducerBatch> expire(long nowMs) {
        List<ProducerBatch> expired = List.of();
        for (PartitionQueue q : allQueues()) {
            synchronized (q) {
                Iterator<ProducerBatch> it = q.batches.iterator();
                while (it.hasNext()) {
                    ProducerBatch batch = it.next();
                    if (nowMs - batch.createdMs < settings.deliveryTimeoutMs()) {
                        break;
                    }
                    it.remove();
                    if (expired.isEmpty()) {
                        expired = new ArrayList<>();
                    }
                    expired.add(batch);
                }
            }
        }
        return expired;
    }

    /** Frees a finished batch's memory; call once its records are completed (or moved by a split). */
    public void deallocate(ProducerBatch batch) {
        incomplete.remove(batch);
        if (batch.isPooled()) {
            pool.release(batch.releaseBuffer());
        }
        RecordSlots slots = batch.releaseSlots();
        if (slots != null) {
            recycledSlots.offer(slots);
        }
    }

    /**
     * Replaces a batch the broker refused as too large by its two halves, queued at the head of the
     * partition in its place (with its sequence numbers, for the idempotent producer: the broker never
     * took the original, so it still expects them). Needs at least two records.
     */
    public void splitAndReenqueue(ProducerBatch batch, long nowMs, ProducerException cause) {
        List<RecordBatchReader.Entry> entries = RecordBatchReader.read(batch.close());
        int half = entries.size() / 2;
        ProducerBatch first = batch.part(entries, 0, half, settings.codec(), settings.compressionLevel());
        ProducerBatch second = batch.part(entries, half, entries.size(), settings.codec(), settings.compressionLevel());
        if (batch.baseSequence() >= 0) {
            first.setProducerState(identity, batch.baseSequence(), settings.transactional());
            second.setProducerState(identity, batch.baseSequence() + half, settings.transactional());
        }
        incomplete.add(first);
        incomplete.add(second);
        deallocate(batch);
        reenqueue(second, nowMs, cause);
        reenqueue(first, nowMs, cause);
    }

    /** Makes every batch sendable now, until {@link #endFlush()}. */
    public void beginFlush() {
        flushesInProgress.incrementAndGet();
    }

    public void endFlush() {
        flushesInProgress.decrementAndGet();
    }

    /** Adds the results of the batches not yet completed, for {@code flush()}. */
    public void incompleteResults(List<CompletableFuture<?>> into) {
        for (ProducerBatch batch : incomplete) {
            into.add(batch.completion());
        }
    }

    /** From now on every batch is sendable at once: the producer is closing. */
    public void beginClose() {
        closing = true;
    }

    /** Whether a batch is still to be acknowledged or failed, queued or in flight. */
    public boolean hasIncomplete() {
        return !incomplete.isEmpty();
    }

    public boolean hasUndrained() {
        for (PartitionQueue q : allQueues()) {
            synchronized (q) {
                if (!q.batches.isEmpty()) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Fails every queued batch with the error (forced close). */
    public void abortUndrained(ProducerException error) {
        for (PartitionQueue q : allQueues()) {
            List<ProducerBatch> aborted;
            synchronized (q) {
                aborted = new ArrayList<>(q.batches);
                q.batches.clear();
            }
            for (ProducerBatch batch : aborted) {
                failTakenBatch(batch, error);
            }
        }
    }

    /** Records waiting in the accumulator, for metrics. */
    public int queuedRecords() {
        int n = 0;
        for (PartitionQueue q : allQueues()) {
            synchronized (q) {
                for (ProducerBatch b : q.batches) {
                    n += b.recordCount();
                }
            }
        }
        return n;
    }

    /**
     * Every partition queue created so far, for the I/O thread's scans: a list kept as queues are made (rarely), so
     * that the scans of every round allocate nothing.
     */
    private List<PartitionQueue> allQueues() {
        return queueList;
    }
}
