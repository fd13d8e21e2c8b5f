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
import dev.quill.producer.internal.partition.Partitioning;

/**
 * The sending thread's part of {@code send()} for one record, as {@code QuillProducer.send} does it: the record on
 * its way (which is also the caller's future), partitioning (sticky, null keys) and the append into its batch. Once
 * a megabyte of batches has built up, every batch is drained and acknowledged, so that buffers and per-record slots
 * are reused as in steady sending; that share is in the figure, amortized over the records, and with it the
 * {@code RecordMetadata} (48 bytes) each acknowledged record's future completes with, which the I/O thread allocates
 * in a producer.
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
        partitioning = new Partitioning(null, false, 16_384, false, bench.accumulator);
        headers = new Headers();
        value = new byte[valueBytes];
    }

    @Benchmark
    public PendingRecord sendOne() throws InterruptedException {
        long now = System.currentTimeMillis();
        PendingRecord record = new PendingRecord(BenchCluster.TOPIC, -1, null, value, headers, now, null, now);
        record.serializedKey(null, null);
        record.serializedValue(value, null);
        record.seal();
        int partition = partitioning.partition(BenchCluster.TOPIC, null, null, value, value, bench.partitions);
        partitioning.onAppended(BenchCluster.TOPIC, partition, bench.accumulator.append(record, partition, 0, now));
        if (bench.pool.totalMemory() - bench.pool.availableMemory() > (1 << 20)) {
            bench.drainAndAcknowledge(now);
        }
        return record;
    }
}
