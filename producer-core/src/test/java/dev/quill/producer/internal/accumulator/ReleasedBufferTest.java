package dev.quill.producer.internal.accumulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

import dev.quill.producer.CompressionType;
import dev.quill.producer.internal.record.Codecs;
import dev.quill.producer.internal.record.RecordBatchBuilder;

/**
 * A sending thread compresses the batch it filled after letting go of the partition's lock; by then the I/O thread
 * may have failed the batch (a closing producer, an aborted transaction) and given its buffer back to the pool, for
 * another batch. The late compression must leave that buffer alone.
 */
class ReleasedBufferTest {

    @Test
    void whenTheBufferWentBackToThePoolThenALateCompressionDoesNotWriteIntoIt() {
        ByteBuffer buffer = ByteBuffer.allocate(2_000);
        ProducerBatch batch = new ProducerBatch("t", 0, buffer,
                new RecordBatchBuilder(buffer, Codecs.forType(CompressionType.LZ4), 0), 0, new RecordSlots(16), 1_000,
                new CompressionRatio());
        assertThat(batch.tryAppend(PendingRecords.of("t", new byte[500], 0))).isPositive();

        ByteBuffer released = batch.releaseBuffer();
        // The pool hands the buffer to the next batch, which writes its own records into it.
        Arrays.fill(released.array(), (byte) 7);
        batch.tryEncode();

        assertThat(batch.isClosed()).isFalse();
        assertThat(released.array()).containsOnly((byte) 7);
    }
}
