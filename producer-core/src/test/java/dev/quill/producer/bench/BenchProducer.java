package dev.quill.producer.bench;

import java.util.Map;

/**
 * The one thing the benchmark needs from a producer, so that Quill and kafka-clients run through the
 * exact same harness code. Each implementation is a thin adapter: both pay the same interface call per
 * record, and neither adapter allocates per record on the throughput path (the completion callback is
 * one shared instance), so what the harness measures is the producer, not the adapter.
 */
interface BenchProducer extends AutoCloseable {

    /**
     * Counts a run's outcomes; called on the producer's I/O thread. It is given no time: reading the clock per
     * record would add a cost of the harness's own to the I/O thread of both clients.
     */
    interface Completions {
        void completed(Exception error);
    }

    /** Receives one record's acknowledgement with the time it arrived; called on the producer's I/O thread. */
    interface Acks {
        void acked(long nanoTime, Exception error);
    }

    /** Short name for tables: "quill", "kafka" or "replay". */
    String name();

    /** The client.id this instance runs with; the I/O thread's name contains it. */
    String clientId();

    /** Sends a null-key record, completing through the shared per-run listener. */
    void send(String topic, byte[] value);

    /**
     * Sends a null-key record to the given partition, bypassing the partitioner, completing through the shared
     * listener.
     */
    void send(String topic, int partition, byte[] value);

    /** Sends a null-key record with its own completion (latency runs, where each record needs its start time). */
    void send(String topic, byte[] value, Acks perRecord);

    /** Sends one record and waits for its acknowledgement: connects and fetches metadata before timing starts. */
    void sendAndWait(String topic, byte[] value) throws Exception;

    /** The topic's partition count, fetching its metadata first when not known yet (as the clients' own call does). */
    int partitionCount(String topic);

    void flush();

    /** Name of this instance's network/I/O thread, for per-thread CPU and allocation; null when it has none. */
    String ioThreadName();

    /** Producer-side counters for the table: average batch size on the wire, in bytes (NaN if unknown). */
    double averageBatchBytes();

    @Override
    void close();

    /** Creates a producer of the given kind from one shared map of kafka-clients configuration keys. */
    static BenchProducer create(String kind, Map<String, Object> config, Completions completions) {
        return switch (kind) {
            case "quill" -> new QuillBenchProducer(config, completions);
            case "kafka" -> new KafkaBenchProducer(config, completions);
            case "replay" -> new ReplayBenchProducer(config, completions);
            default -> throw new IllegalArgumentException("unknown client " + kind + " (quill, kafka or replay)");
        };
    }
}
