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
 * {@code queuedMegabytes} of batches have built up, every batch is drained and acknowledged, so that buffers and
 * per-record slots are reused as in steady sending; that share is in the figures, amortized over the records.
 *
 * <p>{@code queuedMegabytes} is the memory the appends cycle through. One megabyte stays in the processor's caches, as
 * when the network keeps up and batches leave as they fill; 32 is the default {@code buffer.memory}, which a producer
 * fills when it sends faster than the brokers take, and then every append writes into memory the caches no longer
 * hold.
 *
 * <p>{@link #appendOnly} takes the figure apart: it leaves out the partitioner and the clock (one partition, a fixed
 * time), which {@link ClockBenchmark} measures alone.
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

    @Param({"1", "32"})
    int queuedMegabytes;

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
        bench.accumulator.append(queues, record, partition, 0, now);
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

    private PendingRecord serialized(int partition, long now) {
        PendingRecord record = new PendingRecord(BenchCluster.TOPIC, partition, null, value, headers, now, null, now);
        record.serializedKey(null, null);
        record.serializedValue(value, null);
        record.seal();
        return record;
    }

    private void acknowledgeEveryMegabyte(long now) {
        if (bench.pool.totalMemory() - bench.pool.availableMemory() > ((long) queuedMegabytes << 20)) {
            bench.drainAndAcknowledge(now);
        }
    }
}
