package dev.quill.producer.internal.accumulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import dev.quill.producer.CompressionType;
import dev.quill.producer.internal.record.Codecs;
import dev.quill.producer.RecordMetadata;
import dev.quill.producer.errors.ProducerException;

/** A finished batch's per-record slots serve the next batch; the records of the two never mix. */
class RecordSlotsReuseTest {

    private final RecordAccumulator accumulator = new RecordAccumulator(
            new AccumulatorSettings(16384, 5, Codecs.forType(CompressionType.NONE), 0, 120_000, 5, true, 0, false, false),
            new BufferPool(1 << 20, 16384), () -> { }, IgnoredFailures.INSTANCE);

    @Test
    void aBatchThatReusesSlotsCompletesOnlyItsOwnRecords() throws Exception {
        List<CompletableFuture<RecordMetadata>> first = append(2);
        ProducerException firstError = new ProducerException("first batch");
        accumulator.abortUndrained(firstError);

        List<CompletableFuture<RecordMetadata>> second = append(3);
        List<CompletableFuture<?>> incomplete = new ArrayList<>();
        accumulator.incompleteResults(incomplete);
        assertThat(incomplete).containsExactly(second.get(2));
        ProducerException secondError = new ProducerException("second batch");
        accumulator.abortUndrained(secondError);

        assertThat(first).allSatisfy(f -> assertThat(f).failsWithin(Duration.ZERO).withThrowableThat()
                .havingCause().isSameAs(firstError));
        assertThat(second).allSatisfy(f -> assertThat(f).failsWithin(Duration.ZERO).withThrowableThat()
                .havingCause().isSameAs(secondError));
        assertThat(accumulator.pool().availableMemory()).isEqualTo(accumulator.pool().totalMemory());
    }

    private List<CompletableFuture<RecordMetadata>> append(int records) throws InterruptedException {
        List<CompletableFuture<RecordMetadata>> futures = new ArrayList<>();
        for (int i = 0; i < records; i++) {
            PendingRecord record = PendingRecords.of("orders", new byte[] {(byte) i}, 1_000);
            accumulator.append(accumulator.topic(record.topic()), record, 0, 0, 1_000);
            futures.add(record);
        }
        return futures;
    }
}
