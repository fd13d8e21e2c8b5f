package dev.quill.producer.jmh;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import dev.quill.producer.CompressionType;
import dev.quill.producer.Headers;
import dev.quill.producer.internal.accumulator.PendingRecord;
import dev.quill.producer.internal.accumulator.TopicQueues;
import dev.quill.producer.internal.partition.Partitioning;

/**
 * The sending thread's part of {@code send()} for one record, as {@code QuillProducer.send} does it: the record on
 * its way (which is also the caller's future), partitioning (sticky, null keys) and the append into its batch. Once
 * a megabyte of batches has built up, every batch is drained and acknowledged, so that buffers and per-record slots
 * are reused as in steady sending; that share is in the figures, amortized over the records.
 *
 * <p>The other two benchmarks take the figure apart: {@link #appendOnly} leaves out the clock and the partitioner
 * (one partition, a fixed time), and {@link #clock} is the {@code System.currentTimeMillis()} every send reads, which
 * costs tens of nanoseconds on some virtual machines, for kafka-clients as much as for Quill.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class AppendBenchmark {

    @Param({"100", "1024"})
    int valueBytes;

    private BenchCluster bench;
    private Partitioning partitioning;
    private Headers headers;
    private byte[] value;

    @Setup
    public void setUp() {
        bench = new BenchCluster(6, 16_384, CompressionType.NONE);
        partitioning = new Partitioning(null, false);
        headers = new Headers();
        value = new byte[valueBytes];
    }

    @Benchmark
    public PendingRecord sendOne() throws InterruptedException {
        long now = System.currentTimeMillis();
        PendingRecord record = serialized(-1, now);
        TopicQueues queues = bench.accumulator.topic(BenchCluster.TOPIC);
        int partition = partitioning.partition(queues.sticky(), null, null, value, value, bench.partitions);
        queues.sticky().onAppended(partition, bench.accumulator.append(queues, record, partition, 0, now));
        acknowledgeEveryMegabyte(now);
        return record;
    }

    @Benchmark
    public PendingRecord appendOnly() throws InterruptedException {
        long now = 1_700_000_000_000L;
        PendingRecord record = serialized(0, now);
        bench.accumulator.append(bench.accumulator.topic(BenchCluster.TOPIC), record, 0, 0, now);
        acknowledgeEveryMegabyte(now);
        return record;
    }

    @Benchmark
    public long clock() {
        return System.currentTimeMillis();
    }

    private PendingRecord serialized(int partition, long now) {
        PendingRecord record = new PendingRecord(BenchCluster.TOPIC, partition, null, value, headers, now, null, now);
        record.serializedKey(null, null);
        record.serializedValue(value, null);
        record.seal();
        return record;
    }

    private void acknowledgeEveryMegabyte(long now) {
        if (bench.pool.totalMemory() - bench.pool.availableMemory() > (1 << 20)) {
            bench.drainAndAcknowledge(now);
        }
    }
}
