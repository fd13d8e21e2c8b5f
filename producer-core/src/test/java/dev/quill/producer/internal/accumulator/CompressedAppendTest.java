package dev.quill.producer.internal.accumulator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.quill.producer.CompressionType;
import dev.quill.producer.Headers;
import dev.quill.producer.errors.ProducerException;
import dev.quill.producer.internal.partition.Appended;
import dev.quill.producer.internal.record.Codecs;
import dev.quill.producer.internal.record.CompressionLevels;

/**
 * For a compressed topic, an append reports the record's expected share of its batch on the wire, which is what the
 * sticky partition weighs against {@code batch.size}, as kafka-clients does: before the topic's batches have shown how
 * well they compress, the record's bytes; once they have, far less for data that compresses well.
 */
class CompressedAppendTest {

    private static final int BATCH_SIZE = 1_000;
    private static final byte[] COMPRESSIBLE = new byte[1_100];

    private final RecordAccumulator accumulator = new RecordAccumulator(
            new AccumulatorSettings(BATCH_SIZE, 0, Codecs.forType(CompressionType.GZIP),
                    CompressionLevels.defaultLevel(CompressionType.GZIP), 120_000, 5, false, 0, false, false),
            new BufferPool(1 << 20, AccumulatorSettings.pooledBufferSize(BATCH_SIZE, CompressionType.GZIP)), () -> { },
            IgnoredFailures.INSTANCE);

    @Test
    void whenTheTopicsBatchesCompressWellThenAnAppendCountsTheRecordsEstimatedCompressedBytes() throws Exception {
        int first = append();
        assertThat(first).as("no compression ratio known yet").isGreaterThanOrEqualTo(COMPRESSIBLE.length);

        // Each record fills its batch, which is compressed when full; the estimate improves a little per batch.
        int last = first;
        for (int i = 0; i < 150; i++) {
            last = append();
        }
        assertThat(last).as("after 150 batches of zeros").isLessThan(first / 2);
        accumulator.abortUndrained(new ProducerException("test over"));
    }

    private int append() throws InterruptedException {
        PendingRecord record = new PendingRecord("t", -1, null, COMPRESSIBLE, new Headers(), 1_000, null, 1_000);
        record.serializedValue(COMPRESSIBLE, null);
        record.seal();
        return Appended.bytes(accumulator.append(accumulator.topic(record.topic()), record, 0, 0, 1_000));
    }
}
