package dev.quill.producer;

import java.util.Map;

import dev.quill.producer.serialization.LookupStats;

/**
 * A point-in-time snapshot of one producer's counters and gauges, from {@link QuillProducer#metrics()}.
 * Counters are totals since the producer started; gauges are values now. The Spring Boot starter binds
 * these to Micrometer; without it, read them directly.
 *
 * @param recordsSent records acknowledged by the brokers
 * @param recordsFailed records whose send failed, for any reason
 * @param recordsRetried record sends retried after a retriable error (a record retried twice counts twice)
 * @param bytesSent record batch bytes acknowledged (after compression)
 * @param batchesSent record batches acknowledged
 * @param requestsCompleted Produce requests answered (or written, with {@code acks=0})
 * @param requestLatency time from writing a Produce request to its response, with microsecond resolution
 * @param recordQueueTime time a batch waited in the accumulator before it was sent, with millisecond resolution
 * @param bufferTotalBytes {@code buffer.memory}
 * @param bufferAvailableBytes buffer memory not holding records
 * @param recordsQueued records accepted and not yet sent: in a batch, or waiting for their topic's metadata or their
 *        serializer's lookup (a schema id)
 * @param recordsWaitingForLookup records of {@code recordsQueued} waiting for their serializer's lookup (a schema id)
 * @param requestsInFlight requests written and not yet answered
 * @param connections broker connections ready for requests
 * @param topics per-topic counters
 * @param failuresByError failed records by error: the Kafka error name, or the exception's simple name
 * @param lookups what the key and value serializers' lookups (Schema Registry requests) came to
 */
public record ProducerMetrics(
        String clientId,
        long recordsSent,
        long recordsFailed,
        long recordsRetried,
        long bytesSent,
        long batchesSent,
        long requestsCompleted,
        Latency requestLatency,
        Latency recordQueueTime,
        long bufferTotalBytes,
        long bufferAvailableBytes,
        int recordsQueued,
        int recordsWaitingForLookup,
        int requestsInFlight,
        int connections,
        Map<String, TopicMetrics> topics,
        Map<String, Long> failuresByError,
        LookupStats lookups) {

    public ProducerMetrics {
        topics = Map.copyOf(topics);
        failuresByError = Map.copyOf(failuresByError);
    }

    /**
     * A latency distribution since the producer started, in milliseconds. The percentiles come from buckets and
     * are within about 3% of the true value; the mean and the maximum are exact.
     *
     * @param count how many were measured
     */
    public record Latency(long count, double avgMs, double p50Ms, double p99Ms, double p999Ms, double maxMs) {

        /** Nothing measured yet. */
        public static final Latency NONE = new Latency(0, 0, 0, 0, 0, 0);
    }

    /** Counters of one topic. */
    public record TopicMetrics(long recordsSent, long recordsFailed, long recordsRetried, long bytesSent) {
    }
}
