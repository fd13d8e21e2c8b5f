package dev.quill.producer.internal.sender;

import java.lang.System.Logger.Level;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;

import dev.quill.producer.LatencyListener;
import dev.quill.producer.ProducerMetrics;
import dev.quill.producer.errors.ProducerException;
import dev.quill.producer.internal.accumulator.FailureObserver;
import dev.quill.producer.internal.accumulator.ProducerBatch;
import dev.quill.producer.internal.log.RecordFailureLog;
import dev.quill.producer.serialization.LookupStats;

/**
 * Counters the I/O thread updates as batches complete, and from which {@link ProducerMetrics} snapshots
 * are taken on any thread. Updated per batch, not per record, so the hot path pays nothing. Every failed record is
 * counted here, so failures are also told to the operator's log from here.
 */
public final class SenderStats implements FailureObserver {

    private static final System.Logger LOG = System.getLogger("dev.quill.producer");

    private final RecordFailureLog failureLog;

    private final ConcurrentHashMap<String, TopicCounters> topics = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, LongAdder> failuresByError = new ConcurrentHashMap<>();
    private final LongAdder batchesSent = new LongAdder();
    private final LongAdder requests = new LongAdder();
    private final LatencyHistogram requestLatency = new LatencyHistogram();
    private final LatencyHistogram queueTime = new LatencyHistogram();
    private final List<LatencyListener> latencyListeners = new CopyOnWriteArrayList<>();

    public SenderStats(RecordFailureLog failureLog) {
        this.failureLog = failureLog;
    }

    private TopicCounters topic(String topic) {
        TopicCounters c = topics.get(topic);
        return c != null ? c : topics.computeIfAbsent(topic, t -> new TopicCounters());
    }

    /** Tells the listener of every latency measured from now on. */
    public void addLatencyListener(LatencyListener listener) {
        latencyListeners.add(listener);
    }

    void onRequestCompleted(long latencyMicros) {
        requests.increment();
        requestLatency.record(latencyMicros);
        tellListeners(true, latencyMicros);
    }

    /** @param request a request's round trip, else a batch's time in the buffer */
    private void tellListeners(boolean request, long micros) {
        for (LatencyListener listener : latencyListeners) {
            try {
                if (request) {
                    listener.onRequestLatency(micros);
                } else {
                    listener.onRecordQueueTime(micros);
                }
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "A latency listener threw; the producer carries on", e);
            }
        }
    }

    void onBatchSucceeded(ProducerBatch batch) {
        TopicCounters c = topic(batch.topic);
        c.recordsSent.add(batch.recordCount());
        c.bytesSent.add(batch.estimatedSizeInBytes());
        batchesSent.increment();
        long queuedMicros = Math.max(0, batch.drainedMs() - batch.createdMs) * 1000;
        queueTime.record(queuedMicros);
        tellListeners(false, queuedMicros);
    }

    void onBatchRetried(ProducerBatch batch) {
        topic(batch.topic).recordsRetried.add(batch.recordCount());
    }

    @Override
    public void batchFailed(ProducerBatch batch, ProducerException error) {
        topic(batch.topic).recordsFailed.add(batch.recordCount());
        failuresByError.computeIfAbsent(error.errorName(), n -> new LongAdder()).add(batch.recordCount());
        failureLog.failed(batch.topic, batch.recordCount(), error);
    }

    @Override
    public void recordFailed(String topic, ProducerException error) {
        onRecordRejected(topic, error);
    }

    /** Records that failed before reaching a batch (serializer, partitioner, size, closed producer). */
    public void onRecordRejected(String topic, Exception error) {
        topic(topic).recordsFailed.increment();
        String name = error instanceof ProducerException p ? p.errorName() : error.getClass().getSimpleName();
        failuresByError.computeIfAbsent(name, n -> new LongAdder()).increment();
        failureLog.failed(topic, 1, error);
    }

    /**
     * The counters kept here, with the gauges and serializer lookups the producer reads elsewhere.
     *
     * @param recordsWaitingForLookup records of {@code recordsQueued} waiting for a serializer's lookup
     */
    public ProducerMetrics snapshot(String clientId, long bufferTotal, long bufferAvailable, int recordsQueued,
                                    int recordsWaitingForLookup, int requestsInFlight, int connections,
                                    LookupStats lookups) {
        Map<String, ProducerMetrics.TopicMetrics> perTopic = new HashMap<>();
        long sent = 0;
        long failed = 0;
        long retried = 0;
        long bytes = 0;
        for (Map.Entry<String, TopicCounters> e : topics.entrySet()) {
            TopicCounters c = e.getValue();
            ProducerMetrics.TopicMetrics t = new ProducerMetrics.TopicMetrics(c.recordsSent.sum(),
                    c.recordsFailed.sum(), c.recordsRetried.sum(), c.bytesSent.sum());
            perTopic.put(e.getKey(), t);
            sent += t.recordsSent();
            failed += t.recordsFailed();
            retried += t.recordsRetried();
            bytes += t.bytesSent();
        }
        Map<String, Long> failures = new HashMap<>();
        failuresByError.forEach((k, v) -> failures.put(k, v.sum()));
        return new ProducerMetrics(clientId, sent, failed, retried, bytes, batchesSent.sum(), requests.sum(),
                requestLatency.snapshot(), queueTime.snapshot(), bufferTotal, bufferAvailable, recordsQueued,
                recordsWaitingForLookup, requestsInFlight, connections, perTopic, failures, lookups);
    }

    private static final class TopicCounters {
        final LongAdder recordsSent = new LongAdder();
        final LongAdder recordsFailed = new LongAdder();
        final LongAdder recordsRetried = new LongAdder();
        final LongAdder bytesSent = new LongAdder();
    }
}
