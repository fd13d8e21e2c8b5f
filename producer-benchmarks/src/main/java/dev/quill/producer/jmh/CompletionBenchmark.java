package dev.quill.producer.jmh;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
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
import dev.quill.producer.internal.accumulator.ProducerBatch;

/**
 * An acknowledged batch completed on the I/O thread: each record given its offset, its callback run, then its
 * future completed, and the batch's memory given back. Per operation: one batch of {@code records} records.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CompletionBenchmark {

    @Param({"16", "150"})
    int records;

    private final LongAdder acknowledged = new LongAdder();
    private BenchCluster bench;
    private Headers headers;
    private byte[] value;
    private ProducerBatch batch;

    @Setup
    public void setUp() {
        bench = new BenchCluster(1, 1 << 20, CompressionType.NONE);
        headers = new Headers();
        value = new byte[100];
    }

    @Setup(Level.Invocation)
    public void fillBatch() throws InterruptedException {
        long now = System.currentTimeMillis();
        for (int i = 0; i < records; i++) {
            PendingRecord record = new PendingRecord(BenchCluster.TOPIC, 0, null, value, headers, now,
                    (metadata, error) -> acknowledged.increment(), now);
            record.serializedKey(null, null);
            record.serializedValue(value, null);
            record.seal();
            bench.accumulator.append(bench.accumulator.topic(BenchCluster.TOPIC), record, 0, 0, now);
        }
        List<ProducerBatch> drained = bench.drainOnce(now);
        batch = drained.get(0);
    }

    @Benchmark
    public ProducerBatch acknowledge() {
        bench.acknowledge(batch);
        return batch;
    }
}
