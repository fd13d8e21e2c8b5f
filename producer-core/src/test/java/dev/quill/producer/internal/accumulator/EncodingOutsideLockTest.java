package dev.quill.producer.internal.accumulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.quill.producer.CompressionType;
import dev.quill.producer.PartitionInfo;
import dev.quill.producer.internal.metadata.Cluster;
import dev.quill.producer.internal.record.Codec;
import dev.quill.producer.internal.record.Codecs;
import dev.quill.producer.internal.record.CompressedOutput;

/**
 * The I/O thread compresses a batch it drains without holding the partition's lock: records sent meanwhile go into
 * the partition's next batch at once instead of waiting for the codec.
 */
class EncodingOutsideLockTest {

    private static final String TOPIC = "t";
    private static final int BATCH_SIZE = 1_000;
    private static final long DEADLINE_SECONDS = 30;
    private static final Cluster CLUSTER = new Cluster(null, Map.of(),
            Map.of(TOPIC, List.of(new PartitionInfo(TOPIC, 0, 1, List.of(1), List.of(1)))), Map.of());

    /** lz4 that waits, once inside, until the test lets it go on. */
    private static final class HeldCodec implements Codec {
        private final Codec lz4 = Codecs.forType(CompressionType.LZ4);
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch proceed = new CountDownLatch(1);

        @Override
        public CompressionType type() {
            return CompressionType.LZ4;
        }

        @Override
        public void compress(byte[] source, int offset, int length, CompressedOutput out, int level) {
            entered.countDown();
            try {
                proceed.await(DEADLINE_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            lz4.compress(source, offset, length, out, level);
        }

        @Override
        public byte[] decompress(byte[] source, int offset, int length) {
            return lz4.decompress(source, offset, length);
        }
    }

    private final HeldCodec codec = new HeldCodec();
    /** No linger: the batch is due at once though it is far from full. */
    private final RecordAccumulator accumulator = new RecordAccumulator(
            new AccumulatorSettings(BATCH_SIZE, 0, codec, 0, 120_000, 5, false, 0, false, false),
            new BufferPool(1 << 20, 2 * BATCH_SIZE), () -> { }, IgnoredFailures.INSTANCE);

    @Test
    void whenTheDrainCompressesABatchThenARecordSentMeanwhileGoesIntoTheNextBatchWithoutWaiting() throws Exception {
        append();
        CompletableFuture<List<ProducerBatch>> drain = CompletableFuture.supplyAsync(() ->
                accumulator.drain(CLUSTER, Set.of(1), Integer.MAX_VALUE, PartitionGate.OPEN, 0).get(1));
        assertThat(codec.entered.await(DEADLINE_SECONDS, TimeUnit.SECONDS)).as("drain compressing").isTrue();

        CompletableFuture<Void> sent = CompletableFuture.runAsync(this::append);
        try {
            sent.get(DEADLINE_SECONDS, TimeUnit.SECONDS);
            assertThat(drain).as("drain still compressing when the record went in").isNotDone();
        } finally {
            codec.proceed.countDown();
        }

        List<ProducerBatch> drained = drain.get(DEADLINE_SECONDS, TimeUnit.SECONDS);
        assertThat(drained).singleElement().satisfies(batch -> assertThat(batch.recordCount()).isEqualTo(1));
        assertThat(accumulator.queuedBatches(TOPIC, 0)).as("the record sent meanwhile, in a batch of its own")
                .isEqualTo(1);
    }

    private void append() {
        try {
            accumulator.append(accumulator.topic(TOPIC), PendingRecords.of(TOPIC, new byte[100], 0), 0, 0, 0);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
