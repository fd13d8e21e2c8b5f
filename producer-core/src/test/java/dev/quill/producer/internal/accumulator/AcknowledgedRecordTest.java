package dev.quill.producer.internal.accumulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.quill.producer.CompressionType;
import dev.quill.producer.Headers;
import dev.quill.producer.RecordMetadata;
import dev.quill.producer.errors.ProducerException;
import dev.quill.producer.internal.record.RecordBatchBuilder;

/**
 * An acknowledged record's future completes with itself as the record's metadata, so that acknowledging a batch
 * allocates nothing per record; what a caller reads from it is what a separate metadata object reported.
 */
class AcknowledgedRecordTest {

    private static final long CREATED = 1_700_000_000_000L;

    private final List<RecordMetadata> seenByCallbacks = new ArrayList<>();
    private final List<Exception> errorsSeenByCallbacks = new ArrayList<>();

    @Test
    void whenTheBatchIsAcknowledgedThenEachFutureHoldsItsOwnOffsetSizesAndCreateTime() {
        PendingRecord keyed = record(new byte[] {1, 2, 3}, new byte[10]);
        PendingRecord keyless = record(null, new byte[7]);
        ProducerBatch batch = batchOf(4, keyed, keyless);

        batch.succeed(42, -1);

        assertThat(keyed.join()).isSameAs(keyed).isSameAs(seenByCallbacks.get(0));
        assertThat(keyless.join()).isSameAs(keyless).isSameAs(seenByCallbacks.get(1));
        assertMetadata(keyed.join(), 4, 42, CREATED, 3, 10);
        assertMetadata(keyless.join(), 4, 43, CREATED, -1, 7);
        assertThat(keyed.join()).hasToString("RecordMetadata[topic=orders, partition=4, offset=42, timestamp="
                + CREATED + ", serializedKeySize=3, serializedValueSize=10]");
        assertThat(keyed.join().toString()).isEqualTo(RecordMetadata.of("orders", 4, 42, CREATED, 3, 10).toString());
    }

    @Test
    void whenTheTopicUsesLogAppendTimeThenTheMetadataReportsTheBrokersTime() {
        PendingRecord record = record(null, new byte[1]);
        batchOf(0, record).succeed(0, CREATED + 5);

        assertMetadata(record.join(), 0, 0, CREATED + 5, -1, 1);
    }

    @Test
    void whenSentWithAcksZeroThenNoOffsetIsReported() {
        PendingRecord record = record(null, new byte[1]);
        batchOf(0, record).succeed(-1, -1);

        assertThat(record.join().hasOffset()).isFalse();
        assertThat(record.join().offset()).isEqualTo(RecordMetadata.UNKNOWN_OFFSET);
    }

    @Test
    void whenTheBatchFailsThenTheCallbackSeesTheErrorOnceAndTheFutureFails() {
        PendingRecord record = record(null, new byte[1]);
        ProducerBatch batch = batchOf(0, record);
        ProducerException error = new ProducerException("refused");

        batch.fail(error);
        batch.fail(new ProducerException("again"));

        assertThat(errorsSeenByCallbacks).containsExactly(error);
        assertThat(seenByCallbacks).containsExactly((RecordMetadata) null);
        assertThat(record).isCompletedExceptionally();
        assertThat(record.toString()).startsWith("record for orders");
    }

    private PendingRecord record(byte[] key, byte[] value) {
        PendingRecord record = new PendingRecord("orders", -1, key, value, new Headers(), CREATED, (metadata, error) -> {
            seenByCallbacks.add(metadata);
            errorsSeenByCallbacks.add(error);
        }, CREATED);
        record.serializedKey(key, null);
        record.serializedValue(value, null);
        record.seal();
        return record;
    }

    private static ProducerBatch batchOf(int partition, PendingRecord... records) {
        ByteBuffer buffer = ByteBuffer.allocate(1024);
        ProducerBatch batch = new ProducerBatch("orders", partition, buffer,
                new RecordBatchBuilder(buffer, CompressionType.NONE, 0), CREATED, new RecordSlots(4), 1024, null);
        for (PendingRecord record : records) {
            assertThat(batch.tryAppend(record)).isPositive();
            record.appended();
        }
        return batch;
    }

    private static void assertMetadata(RecordMetadata metadata, int partition, long offset, long timestamp,
                                       int keySize, int valueSize) {
        assertThat(metadata.topic()).isEqualTo("orders");
        assertThat(metadata.partition()).isEqualTo(partition);
        assertThat(metadata.offset()).isEqualTo(offset);
        assertThat(metadata.timestamp()).isEqualTo(timestamp);
        assertThat(metadata.serializedKeySize()).isEqualTo(keySize);
        assertThat(metadata.serializedValueSize()).isEqualTo(valueSize);
    }
}
