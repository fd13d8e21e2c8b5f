package dev.quill.producer.jmh;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.quill.producer.CompressionType;
import dev.quill.producer.PartitionInfo;
import dev.quill.producer.internal.accumulator.AccumulatorSettings;
import dev.quill.producer.internal.accumulator.BufferPool;
import dev.quill.producer.internal.accumulator.PartitionGate;
import dev.quill.producer.internal.accumulator.ProducerBatch;
import dev.quill.producer.internal.accumulator.RecordAccumulator;
import dev.quill.producer.internal.log.ProducerLogger;
import dev.quill.producer.internal.log.RecordFailureLog;
import dev.quill.producer.internal.metadata.Cluster;
import dev.quill.producer.internal.network.Node;
import dev.quill.producer.internal.record.Codecs;
import dev.quill.producer.internal.sender.SenderStats;

/**
 * One broker leading the partitions of one topic, and an accumulator as the producer builds it: what the
 * benchmarks append to and drain from, without a network.
 */
final class BenchCluster {

    static final String TOPIC = "bench";
    static final Set<Integer> BROKERS = Set.of(0);

    final List<PartitionInfo> partitions = new ArrayList<>();
    final Cluster cluster;
    final BufferPool pool;
    final RecordAccumulator accumulator;

    BenchCluster(int partitionCount, int batchSize, CompressionType compression) {
        for (int p = 0; p < partitionCount; p++) {
            partitions.add(new PartitionInfo(TOPIC, p, 0, List.of(0), List.of(0)));
        }
        cluster = new Cluster("bench", Map.of(0, new Node(0, "localhost", 9092, null)), Map.of(TOPIC, partitions),
                Map.of());
        AccumulatorSettings settings = new AccumulatorSettings(batchSize, 0, Codecs.forType(compression), 0, 120_000,
                5, false, 0, false, false);
        pool = new BufferPool(64L << 20, settings.pooledBufferSize());
        accumulator = new RecordAccumulator(settings, pool, () -> { },
                new SenderStats(new RecordFailureLog(new ProducerLogger("jmh"), 60_000)));
    }

    /**
     * Drains every batch, as the I/O thread would send them, closes each as a Produce request's writing does (the
     * CRC), and completes them as acknowledged.
     */
    void drainAndAcknowledge(long now) {
        List<ProducerBatch> drained;
        while (!(drained = drainOnce(now)).isEmpty()) {
            for (ProducerBatch batch : drained) {
                batch.close();
                acknowledge(batch);
            }
        }
    }

    List<ProducerBatch> drainOnce(long now) {
        return accumulator.drain(cluster, BROKERS, Integer.MAX_VALUE, PartitionGate.OPEN, now).getOrDefault(0, List.of());
    }

    void acknowledge(ProducerBatch batch) {
        accumulator.onRequestDone(batch, true);
        batch.succeed(0, -1);
        accumulator.deallocate(batch);
    }
}
