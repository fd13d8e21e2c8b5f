package dev.quill.producer.jmh;

import java.nio.ByteBuffer;
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
import dev.quill.producer.internal.record.RecordBatchBuilder;

/**
 * One 16 KB batch written and closed: the records encoded into the pooled buffer, then compression (if any), the
 * header and its CRC-32C. Per operation: one batch, whose record count the values' size decides.
 * {@link #fillStampAndClose} adds an idempotent producer's stamp.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class BatchCloseBenchmark {

    @Param({"100", "1024"})
    int valueBytes;

    @Param({"NONE", "LZ4"})
    CompressionType compression;

    private ByteBuffer buffer;
    private byte[] value;

    @Setup
    public void setUp() {
        // A batch's budget is batch.size before compression, twice that with a codec (AccumulatorSettings).
        buffer = ByteBuffer.allocate(compression == CompressionType.NONE ? 16_384 : 32_768);
        value = new byte[valueBytes];
        for (int i = 0; i < value.length; i++) {
            value[i] = (byte) ("the quick brown fox jumps over the lazy dog ".charAt(i % 44));
        }
    }

    @Benchmark
    public ByteBuffer fillAndClose() {
        RecordBatchBuilder builder = new RecordBatchBuilder(buffer, compression, -1);
        long timestamp = 1_700_000_000_000L;
        while (builder.tryAppend(timestamp++, null, value, null)) {
            // fill the batch
        }
        return builder.close();
    }

    /**
     * As the idempotent producer's drain has it: encoded first (for its size on the wire), then stamped with the
     * producer id and sequence numbers, then closed, which writes the one CRC over the stamped bytes.
     */
    @Benchmark
    public ByteBuffer fillStampAndClose() {
        RecordBatchBuilder builder = new RecordBatchBuilder(buffer, compression, -1);
        long timestamp = 1_700_000_000_000L;
        while (builder.tryAppend(timestamp++, null, value, null)) {
            // fill the batch
        }
        builder.encode();
        builder.setProducerState(1_000L, (short) 0, 0, false);
        return builder.close();
    }
}
