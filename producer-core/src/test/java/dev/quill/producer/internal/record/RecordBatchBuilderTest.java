package dev.quill.producer.internal.record;

import static dev.quill.producer.internal.record.SampleRecords.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.quill.producer.CompressionType;
import dev.quill.producer.Headers;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.record.DefaultRecordBatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class RecordBatchBuilderTest {

    private static final int BUDGET = 1024 * 1024;

    @ParameterizedTest
    @EnumSource(CompressionType.class)
    void kafkaReadsEveryRecordBack(CompressionType compression) {
        List<TestRecord> records = SampleRecords.mixed();
        RecordBatchBuilder builder = builder(ByteBuffer.allocate(BUDGET), compression);

        appendAll(builder, records);
        ByteBuffer batch = builder.close();

        assertThat(batch.position()).isZero();
        assertThat(batch.limit()).isEqualTo(builder.estimatedSizeInBytes());
        KafkaReader.assertBatch(batch, compression, records);
        assertThat(builder.recordCount()).isEqualTo(records.size());
        assertThat(builder.maxTimestamp()).isEqualTo(SampleRecords.BASE_TIMESTAMP + 10_000_000_000L);
    }

    @ParameterizedTest
    @EnumSource(CompressionType.class)
    void directPooledBufferWorksToo(CompressionType compression) {
        List<TestRecord> records = SampleRecords.mixed();
        RecordBatchBuilder builder = builder(ByteBuffer.allocateDirect(BUDGET), compression);

        appendAll(builder, records);

        KafkaReader.assertBatch(builder.close(), compression, records);
    }

    @ParameterizedTest
    @EnumSource(CompressionType.class)
    void singleRecordBatch(CompressionType compression) {
        TestRecord record = new TestRecord(42L, bytes("k"), bytes("v"), null);
        RecordBatchBuilder builder = builder(ByteBuffer.allocate(BUDGET), compression);

        appendAll(builder, List.of(record));

        KafkaReader.assertBatch(builder.close(), compression, List.of(record));
    }

    @ParameterizedTest
    @EnumSource(CompressionType.class)
    void producerStateSetAfterCloseIsWhatKafkaReads(CompressionType compression) {
        List<TestRecord> records = SampleRecords.mixed();
        RecordBatchBuilder builder = builder(ByteBuffer.allocate(BUDGET), compression);
        appendAll(builder, records);
        ByteBuffer before = builder.close();
        assertThat(KafkaReader.onlyBatch(before).producerId()).isEqualTo(-1L);

        builder.setProducerState(123_456_789L, (short) 7, 1_000, false);
        ByteBuffer after = builder.close();

        DefaultRecordBatch batch = KafkaReader.onlyBatch(after);
        assertThat(batch.producerId()).isEqualTo(123_456_789L);
        assertThat(batch.producerEpoch()).isEqualTo((short) 7);
        assertThat(batch.baseSequence()).isEqualTo(1_000);
        assertThat(batch.lastSequence()).isEqualTo(1_000 + records.size() - 1);
        // A view taken before the change sees it as well: there is one copy of the batch.
        KafkaReader.onlyBatch(before);
        KafkaReader.assertBatch(after, compression, records);
    }

    @ParameterizedTest
    @EnumSource(CompressionType.class)
    void whenTheStampComesBetweenEncodingAndCloseThenTheCrcCoversIt(CompressionType compression) {
        List<TestRecord> records = SampleRecords.mixed();
        RecordBatchBuilder builder = builder(ByteBuffer.allocate(BUDGET), compression);
        appendAll(builder, records);
        int encodedSize = builder.encode().remaining();

        builder.setProducerState(42L, (short) 3, 500, false);
        ByteBuffer closed = builder.close();

        assertThat(closed.remaining()).isEqualTo(encodedSize);
        DefaultRecordBatch batch = KafkaReader.onlyBatch(closed);
        assertThat(batch.producerId()).isEqualTo(42L);
        assertThat(batch.baseSequence()).isEqualTo(500);
        KafkaReader.assertBatch(closed, compression, records);
    }

    @Test
    void producerStateSetBeforeCloseIsWritten() {
        RecordBatchBuilder builder = builder(ByteBuffer.allocate(BUDGET), CompressionType.LZ4);
        builder.setProducerState(5L, (short) 1, 0, false);
        builder.tryAppend(1L, null, bytes("v"), null);

        DefaultRecordBatch batch = KafkaReader.onlyBatch(builder.close());

        assertThat(batch.producerId()).isEqualTo(5L);
        assertThat(batch.producerEpoch()).isEqualTo((short) 1);
        assertThat(batch.baseSequence()).isZero();
    }

    @Test
    void closeIsIdempotentAndEndsAppends() {
        RecordBatchBuilder builder = builder(ByteBuffer.allocate(BUDGET), CompressionType.GZIP);
        builder.tryAppend(1L, bytes("k"), bytes("v"), null);

        ByteBuffer first = builder.close();
        first.position(first.limit());
        ByteBuffer second = builder.close();

        assertThat(builder.isClosed()).isTrue();
        assertThat(second.position()).isZero();
        assertThat(second).isEqualTo(first.duplicate().position(0));
        assertThat(builder.tryAppend(2L, bytes("k"), bytes("v"), null)).isFalse();
        assertThat(builder.recordCount()).isEqualTo(1);
    }

    @Test
    void tryAppendRefusesWhatDoesNotFitAndLeavesAValidBatch() {
        ByteBuffer pooled = ByteBuffer.allocate(300);
        RecordBatchBuilder builder = builder(pooled, CompressionType.NONE);
        List<TestRecord> appended = new ArrayList<>();
        for (int i = 0; ; i++) {
            TestRecord record = new TestRecord(1_000L + i, bytes("key-" + i), bytes("value-" + i), null);
            int sizeBefore = builder.estimatedSizeInBytes();
            if (!builder.tryAppend(record.timestamp(), record.key(), record.value(), record.headers())) {
                assertThat(builder.estimatedSizeInBytes()).isEqualTo(sizeBefore);
                break;
            }
            appended.add(record);
        }

        assertThat(appended).isNotEmpty();
        assertThat(builder.recordCount()).isEqualTo(appended.size());
        assertThat(builder.estimatedSizeInBytes()).isLessThanOrEqualTo(300);
        assertThat(builder.tryAppend(1L, new byte[10_000], null, null)).isFalse();
        KafkaReader.assertBatch(builder.close(), CompressionType.NONE, appended);
    }

    @Test
    void aRecordThatExactlyFillsTheBudgetFits() {
        TestRecord record = new TestRecord(9L, bytes("key"), new byte[500], SampleRecords.mixed().get(0).headers());
        RecordBatchBuilder probe = builder(ByteBuffer.allocate(BUDGET), CompressionType.NONE);
        probe.tryAppend(record.timestamp(), record.key(), record.value(), record.headers());
        int exact = probe.estimatedSizeInBytes();

        RecordBatchBuilder tight = builder(ByteBuffer.allocate(exact), CompressionType.NONE);
        RecordBatchBuilder tooTight = builder(ByteBuffer.allocate(exact - 1), CompressionType.NONE);

        assertThat(tight.tryAppend(record.timestamp(), record.key(), record.value(), record.headers())).isTrue();
        assertThat(tooTight.tryAppend(record.timestamp(), record.key(), record.value(), record.headers())).isFalse();
        KafkaReader.assertBatch(tight.close(), CompressionType.NONE, List.of(record));
    }

    @Test
    void upperBoundCoversEveryRecordAndSizesABufferForAnOversizedOne() {
        RecordBatchBuilder builder = builder(ByteBuffer.allocate(BUDGET), CompressionType.NONE);
        for (TestRecord record : SampleRecords.mixed()) {
            int before = builder.estimatedSizeInBytes();
            builder.tryAppend(record.timestamp(), record.key(), record.value(), record.headers());
            int actual = builder.estimatedSizeInBytes() - before;
            assertThat(RecordBatchBuilder.sizeInBytesUpperBound(record.key(), record.value(), record.headers()))
                    .isGreaterThanOrEqualTo(actual)
                    .isLessThanOrEqualTo(actual + 18);
        }

        TestRecord big = SampleRecords.mixed().get(4);
        int size = RecordBatchBuilder.BATCH_HEADER_SIZE
                + RecordBatchBuilder.sizeInBytesUpperBound(big.key(), big.value(), big.headers());
        RecordBatchBuilder alone = builder(ByteBuffer.allocate(size), CompressionType.ZSTD);
        assertThat(alone.tryAppend(big.timestamp(), big.key(), big.value(), big.headers())).isTrue();
        KafkaReader.assertBatch(alone.close(), CompressionType.ZSTD, List.of(big));
    }

    @Test
    void whoHoldsTheBytesAfterClose() {
        RecordBatchBuilder plain = builder(ByteBuffer.allocate(1024), CompressionType.NONE);
        ByteBuffer pooledZipped = ByteBuffer.allocate(1024);
        RecordBatchBuilder zipped = builder(pooledZipped, CompressionType.GZIP);
        plain.tryAppend(1L, null, bytes("v"), null);
        zipped.tryAppend(1L, null, bytes("v"), null);
        assertThat(plain.holdsPooledBuffer()).isTrue();
        assertThat(zipped.holdsPooledBuffer()).isTrue();

        plain.close();
        ByteBuffer zippedBatch = zipped.close();

        assertThat(plain.holdsPooledBuffer()).isTrue();
        assertThat(zipped.holdsPooledBuffer()).isTrue();
        assertThat(zippedBatch.array()).isSameAs(pooledZipped.array());
    }

    @Test
    void whenCompressedOutputOutgrowsThePooledBufferThenItGetsAnArrayOfItsOwn() {
        byte[] noise = new byte[900];
        new java.util.Random(7).nextBytes(noise);
        ByteBuffer pooled = ByteBuffer.allocate(RecordBatchBuilder.BATCH_HEADER_SIZE
                + RecordBatchBuilder.sizeInBytesUpperBound(null, noise, null));
        RecordBatchBuilder gzip = builder(pooled, CompressionType.GZIP);
        assertThat(gzip.tryAppend(1L, null, noise, null)).isTrue();
        ByteBuffer batch = gzip.close();
        assertThat(gzip.holdsPooledBuffer()).isFalse();
        assertThat(batch.array()).isNotSameAs(pooled.array());
        KafkaReader.assertBatch(batch, CompressionType.GZIP, List.of(new TestRecord(1L, null, noise, null)));
    }

    @Test
    void callersBufferKeepsItsPositionAndLimit() {
        ByteBuffer pooled = ByteBuffer.allocate(1024);
        RecordBatchBuilder builder = builder(pooled, CompressionType.NONE);

        builder.tryAppend(1L, bytes("k"), bytes("v"), null);
        builder.close();

        assertThat(pooled.position()).isZero();
        assertThat(pooled.limit()).isEqualTo(1024);
    }

    @Test
    void appendingAllocatesNothing() {
        java.lang.management.ThreadMXBean bean = java.lang.management.ManagementFactory.getThreadMXBean();
        org.junit.jupiter.api.Assumptions.assumeTrue(bean instanceof com.sun.management.ThreadMXBean);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) bean;
        long thread = Thread.currentThread().getId();
        Headers headers = SampleRecords.mixed().get(0).headers();
        byte[] key = bytes("key");
        byte[] value = new byte[100];
        ByteBuffer pooled = ByteBuffer.allocate(64 * 1024 * 1024);
        RecordBatchBuilder builder = builder(pooled, CompressionType.NONE);
        for (int i = 0; i < 20_000; i++) {
            builder.tryAppend(i, key, value, headers);
        }

        long before = threads.getThreadAllocatedBytes(thread);
        for (int i = 0; i < 100_000; i++) {
            builder.tryAppend(i, key, value, headers);
        }
        long allocated = threads.getThreadAllocatedBytes(thread) - before;

        // The measurement itself may allocate a little; a per-record allocation would be megabytes.
        assertThat(allocated).isLessThan(10_000);
    }

    @Test
    void emptyBatchIsStillWellFormed() {
        RecordBatchBuilder builder = builder(ByteBuffer.allocate(1024), CompressionType.NONE);
        assertThat(builder.isEmpty()).isTrue();

        ByteBuffer batch = builder.close();

        assertThat(batch.limit()).isEqualTo(RecordBatchBuilder.BATCH_HEADER_SIZE);
        DefaultRecordBatch read = KafkaReader.onlyBatch(batch);
        assertThat(read.countOrNull()).isZero();
    }

    private static RecordBatchBuilder builder(ByteBuffer pooled, CompressionType compression) {
        return new RecordBatchBuilder(pooled, compression, CompressionLevels.defaultLevel(compression));
    }

    static void appendAll(RecordBatchBuilder builder, List<TestRecord> records) {
        for (TestRecord record : records) {
            assertThat(builder.tryAppend(record.timestamp(), record.key(), record.value(), record.headers())).isTrue();
        }
    }
}
