package dev.quill.producer.internal.record;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quill.producer.CompressionType;
import dev.quill.producer.Header;
import java.nio.ByteBuffer;
import java.util.List;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.record.MemoryRecords;
import org.apache.kafka.common.record.MemoryRecordsBuilder;
import org.apache.kafka.common.record.RecordBatch;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Where the codec is deterministic and framed the same way, Quill's batch must be the very bytes kafka-clients
 * writes for the same records. (zstd is left out: Kafka streams its frame, Quill compresses in one call, and
 * both are valid frames with different headers.)
 */
class KafkaByteEquivalenceTest {

    @ParameterizedTest
    @CsvSource({"NONE, 0", "GZIP, -1", "GZIP, 1", "SNAPPY, 0", "LZ4, 9", "LZ4, 1", "LZ4, 12"})
    void sameBytesAsKafkaClients(CompressionType compression, int level) {
        List<TestRecord> records = SampleRecords.mixed();
        RecordBatchBuilder quill = new RecordBatchBuilder(ByteBuffer.allocate(1024 * 1024), compression, level);
        RecordBatchBuilderTest.appendAll(quill, records);
        quill.setProducerState(99L, (short) 3, 17, false);

        ByteBuffer kafka = kafkaBatch(compression, level, records);

        assertThat(quill.close()).isEqualTo(kafka);
    }

    @ParameterizedTest
    @CsvSource({"NONE, 0", "LZ4, 9"})
    void transactionalBatchSameBytesAsKafkaClients(CompressionType compression, int level) {
        List<TestRecord> records = SampleRecords.mixed();
        RecordBatchBuilder quill = new RecordBatchBuilder(ByteBuffer.allocate(1024 * 1024), compression, level);
        RecordBatchBuilderTest.appendAll(quill, records);
        quill.close();
        // Stamped after closing, as the sender does when it drains the batch.
        quill.setProducerState(99L, (short) 3, 17, true);

        MemoryRecordsBuilder kafka = MemoryRecords.builder(ByteBuffer.allocate(1024 * 1024), RecordBatch.MAGIC_VALUE_V2,
                kafkaCompression(compression, level), TimestampType.CREATE_TIME, 0L, RecordBatch.NO_TIMESTAMP,
                99L, (short) 3, 17, true, RecordBatch.NO_PARTITION_LEADER_EPOCH);
        appendAll(kafka, records);

        assertThat(quill.close()).isEqualTo(kafka.build().buffer());
    }

    private static ByteBuffer kafkaBatch(CompressionType compression, int level, List<TestRecord> records) {
        MemoryRecordsBuilder builder = MemoryRecords.builder(ByteBuffer.allocate(1024 * 1024), RecordBatch.MAGIC_VALUE_V2,
                kafkaCompression(compression, level), TimestampType.CREATE_TIME, 0L, RecordBatch.NO_TIMESTAMP,
                99L, (short) 3, 17);
        appendAll(builder, records);
        return builder.build().buffer();
    }

    private static void appendAll(MemoryRecordsBuilder builder, List<TestRecord> records) {
        for (TestRecord record : records) {
            List<Header> headers = record.headers() == null ? List.of() : record.headers().asList();
            org.apache.kafka.common.header.Header[] kafkaHeaders = headers.stream()
                    .map(h -> new RecordHeader(h.key(), h.value()))
                    .toArray(org.apache.kafka.common.header.Header[]::new);
            builder.append(record.timestamp(), record.key(), record.value(), kafkaHeaders);
        }
    }

    private static Compression kafkaCompression(CompressionType compression, int level) {
        return switch (compression) {
            case NONE -> Compression.NONE;
            case GZIP -> Compression.gzip().level(level).build();
            case SNAPPY -> Compression.snappy().build();
            case LZ4 -> Compression.lz4().level(level).build();
            case ZSTD -> Compression.zstd().level(level).build();
        };
    }
}
