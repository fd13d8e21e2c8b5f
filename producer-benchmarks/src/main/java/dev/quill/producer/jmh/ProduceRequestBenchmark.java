package dev.quill.producer.jmh;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
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
import dev.quill.producer.internal.protocol.ProduceRequest;
import dev.quill.producer.internal.record.RecordBatchBuilder;

/**
 * Closed batches of several partitions framed into one Produce request, as the I/O thread does after a drain: the
 * header and the per-partition framing in one small buffer, the batches referred to, not copied.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ProduceRequestBenchmark {

    @Param({"1", "6", "100"})
    int partitions;

    private final List<ByteBuffer> batches = new ArrayList<>();
    private int correlationId;

    @Setup
    public void setUp() {
        byte[] value = new byte[100];
        for (int p = 0; p < partitions; p++) {
            RecordBatchBuilder builder = new RecordBatchBuilder(ByteBuffer.allocate(16_384), CompressionType.NONE, 0);
            long timestamp = 1_700_000_000_000L;
            while (builder.tryAppend(timestamp++, null, value, null)) {
                // fill the batch
            }
            batches.add(builder.close());
        }
    }

    @Benchmark
    public ByteBuffer[] encode() {
        ProduceRequest.Builder builder = ProduceRequest.builder((short) -1, 30_000);
        for (int p = 0; p < partitions; p++) {
            builder.add(BenchCluster.TOPIC, p, batches.get(p));
        }
        return builder.build().encode((short) 12, correlationId++, "jmh");
    }
}
