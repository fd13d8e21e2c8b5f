package dev.quill.producer.internal.accumulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.quill.producer.CompressionType;
import dev.quill.producer.errors.ProducerException;
import dev.quill.producer.internal.partition.Appended;
import dev.quill.producer.internal.record.Codecs;

/**
 * An append tells the sticky partition whether the partition's newest batch is full right after the record went in:
 * that is when keyless records may move on (KIP-794), and the append sees it under the partition's lock.
 */
class AppendReportTest {

    private static final int BATCH_SIZE = 1_000;
    /**
     * 313 bytes as a record (a 2-byte length, 311 bytes of body: attributes, deltas, the null key, the value's 2-byte
     * length, no headers), so that three of them after the 61-byte batch header fill a 1,000-byte batch exactly.
     */
    private static final byte[] VALUE = new byte[304];

    private final RecordAccumulator accumulator = new RecordAccumulator(
            new AccumulatorSettings(BATCH_SIZE, 0, Codecs.forType(CompressionType.NONE), 0, 120_000, 5, false, 0, false,
                    false),
            new BufferPool(1 << 20, BATCH_SIZE), () -> { }, IgnoredFailures.INSTANCE);

    @Test
    void whenARecordFillsItsBatchThenItsAppendSaysSoAndTheFirstRecordOfTheNextBatchDoesNot() throws Exception {
        List<Integer> appended = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            appended.add(accumulator.append(accumulator.topic("t"), PendingRecords.of("t", VALUE, 1_000), 0, 0, 1_000));
        }
        accumulator.abortUndrained(new ProducerException("test over"));

        assertThat(appended).extracting(Appended::batchFull).containsExactly(false, false, true, false);
        assertThat(appended).extracting(Appended::bytes).containsExactly(313, 313, 313, 313);
    }
}
