package dev.quill.producer.internal.record;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quill.producer.CompressionType;
import dev.quill.producer.Header;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.record.DefaultRecordBatch;
import org.apache.kafka.common.record.MemoryRecords;
import org.apache.kafka.common.record.MutableRecordBatch;
import org.apache.kafka.common.record.Record;
import org.apache.kafka.common.record.TimestampType;

/** Reads a batch back with kafka-clients' own parser and checks it against what was appended. */
final class KafkaReader {

    private KafkaReader() {
    }

    static DefaultRecordBatch onlyBatch(ByteBuffer batchBytes) {
        MemoryRecords records = MemoryRecords.readableRecords(batchBytes.duplicate());
        List<MutableRecordBatch> batches = new ArrayList<>();
        records.batches().forEach(batches::add);
        assertThat(batches).hasSize(1);
        assertThat(records.sizeInBytes()).isEqualTo(batchBytes.remaining());
        DefaultRecordBatch batch = (DefaultRecordBatch) batches.get(0);
        batch.ensureValid();
        return batch;
    }

    static void assertBatch(ByteBuffer batchBytes, CompressionType compression, List<TestRecord> expected) {
        DefaultRecordBatch batch = onlyBatch(batchBytes);
        assertThat(batch.magic()).isEqualTo((byte) 2);
        assertThat((int) batch.compressionType().id).isEqualTo(RecordBatchLayout.compressionId(compression));
        assertThat(batch.timestampType()).isEqualTo(TimestampType.CREATE_TIME);
        assertThat(batch.isTransactional()).isFalse();
        assertThat(batch.isControlBatch()).isFalse();
        assertThat(batch.partitionLeaderEpoch()).isEqualTo(-1);
        assertThat(batch.baseOffset()).isZero();
        assertThat(batch.countOrNull()).isEqualTo(expected.size());
        assertThat(batch.lastOffset()).isEqualTo(expected.size() - 1);
        assertThat(batch.baseTimestamp()).isEqualTo(expected.get(0).timestamp());
        assertThat(batch.maxTimestamp()).isEqualTo(expected.stream().mapToLong(TestRecord::timestamp).max().orElseThrow());

        List<Record> read = new ArrayList<>();
        batch.forEach(read::add);
        assertThat(read).hasSize(expected.size());
        for (int i = 0; i < expected.size(); i++) {
            assertRecord(read.get(i), i, expected.get(i));
        }
    }

    private static void assertRecord(Record actual, int offset, TestRecord expected) {
        actual.ensureValid();
        assertThat(actual.offset()).isEqualTo(offset);
        assertThat(actual.timestamp()).isEqualTo(expected.timestamp());
        assertThat(bytes(actual.key())).isEqualTo(expected.key());
        assertThat(bytes(actual.value())).isEqualTo(expected.value());
        List<Header> expectedHeaders = expected.headers() == null ? List.of() : expected.headers().asList();
        List<Header> actualHeaders = new ArrayList<>();
        for (org.apache.kafka.common.header.Header h : actual.headers()) {
            actualHeaders.add(new Header(h.key(), h.value()));
        }
        assertThat(actualHeaders).isEqualTo(expectedHeaders);
    }

    private static byte[] bytes(ByteBuffer buffer) {
        if (buffer == null) {
            return null;
        }
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }
}
