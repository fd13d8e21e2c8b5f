package dev.quill.producer.internal.accumulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import dev.quill.producer.CompressionType;
import dev.quill.producer.Headers;
import dev.quill.producer.PartitionInfo;
import dev.quill.producer.errors.ProducerException;
import dev.quill.producer.errors.SerializationException;
import dev.quill.producer.internal.metadata.Cluster;
import dev.quill.producer.internal.record.Codec;
import dev.quill.producer.internal.record.CompressedOutput;

/** A codec that fails: every record still completes exactly once, and never before it had a chance to be sent. */
class CodecFailureTest {

    private static final String TOPIC = "t";
    private static final int BATCH_SIZE = 1_000;
    private static final Cluster CLUSTER = new Cluster(null, Map.of(),
            Map.of(TOPIC, List.of(new PartitionInfo(TOPIC, 0, 1, List.of(1), List.of(1)))), Map.of());

    private static final class BrokenCodec implements Codec {
        @Override
        public CompressionType type() {
            return CompressionType.GZIP;
        }

        @Override
        public void compress(byte[] source, int offset, int length, CompressedOutput out, int level) {
            throw new IllegalStateException("codec broke");
        }

        @Override
        public byte[] decompress(byte[] source, int offset, int length) {
            throw new IllegalStateException("codec broke");
        }
    }

    private final List<ProducerBatch> failedBatches = new ArrayList<>();
    private final RecordAccumulator accumulator = new RecordAccumulator(
            new AccumulatorSettings(BATCH_SIZE, 0, new BrokenCodec(), 0, 120_000, 5, false, 0, false, false),
            new BufferPool(1 << 20, 2 * BATCH_SIZE), () -> { }, new FailureObserver() {
                @Override
                public void batchFailed(ProducerBatch batch, ProducerException error) {
                    failedBatches.add(batch);
                }

                @Override
                public void recordFailed(String topic, ProducerException error) {
                }
            });

    @Test
    void whenCompressingAFullBatchFailsOnTheSendingThreadThenTheNewRecordIsAppendedAndEachRecordFailsOnceAtDrain()
            throws Exception {
        List<PendingRecord> records = new ArrayList<>();
        List<AtomicInteger> callbacks = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            AtomicInteger calls = new AtomicInteger();
            // 1,100 bytes: one record fills a batch, so each append compresses the batch before it, which fails.
            byte[] value = new byte[1_100];
            PendingRecord record = new PendingRecord(TOPIC, -1, null, value, new Headers(), 1_000,
                    (metadata, error) -> calls.incrementAndGet(), 1_000);
            record.serializedValue(value, null);
            record.seal();
            accumulator.append(accumulator.topic(record.topic()), record, 0, 0, 1_000);
            records.add(record);
            callbacks.add(calls);
        }
        assertThat(records).as("appended, not failed by the previous batch's codec").allSatisfy(r -> assertThat(r).isNotDone());

        for (int round = 0; round < 10 && accumulator.hasUndrained(); round++) {
            assertThat(accumulator.drain(CLUSTER, Set.of(1), 1 << 20, PartitionGate.OPEN, 1_000)).as("nothing encodable to send").isEmpty();
        }

        assertThat(accumulator.hasUndrained()).isFalse();
        assertThat(failedBatches).hasSize(3);
        assertThat(records).allSatisfy(r -> assertThat(r).failsWithin(Duration.ZERO).withThrowableThat()
                .havingCause().isInstanceOf(SerializationException.class)
                .withMessageContaining("t-0").withMessageContaining("gzip").withMessageContaining("codec broke"));
        assertThat(callbacks).allSatisfy(calls -> assertThat(calls).hasValue(1));
        assertThat(accumulator.pool().availableMemory()).isEqualTo(accumulator.pool().totalMemory());
    }
}
