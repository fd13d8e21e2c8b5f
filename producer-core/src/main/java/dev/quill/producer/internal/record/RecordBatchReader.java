package dev.quill.producer.internal.record;

import static dev.quill.producer.internal.record.RecordBatchLayout.ATTRIBUTES_OFFSET;
import static dev.quill.producer.internal.record.RecordBatchLayout.BASE_TIMESTAMP_OFFSET;
import static dev.quill.producer.internal.record.RecordBatchLayout.COMPRESSION_CODEC_MASK;
import static dev.quill.producer.internal.record.RecordBatchLayout.HEADER_SIZE;
import static dev.quill.producer.internal.record.RecordBatchLayout.RECORD_COUNT_OFFSET;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import dev.quill.producer.CompressionType;
import dev.quill.producer.Headers;

/**
 * Reads back the records of a batch this producer wrote. The producer needs it in one place only: to split
 * a batch the broker refused as too large into smaller ones, which must hold the very same records.
 */
public final class RecordBatchReader {

    /** One record as written: what a new batch needs to write it again. */
    public record Entry(long timestamp, byte[] key, byte[] value, Headers headers) {
    }

    private RecordBatchReader() {
    }

    /** The records of {@code batch} (a whole RecordBatch v2, position 0), in order. */
    public static List<Entry> read(ByteBuffer batch) {
        int attributes = batch.getShort(ATTRIBUTES_OFFSET);
        CompressionType compression = RecordBatchLayout.compressionOf(attributes & COMPRESSION_CODEC_MASK);
        long baseTimestamp = batch.getLong(BASE_TIMESTAMP_OFFSET);
        int count = batch.getInt(RECORD_COUNT_OFFSET);
        ByteBuffer records = recordsSection(batch, compression);
        List<Entry> entries = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Varints.readVarint(records); // record length: the fields below are self-delimiting
            records.get(); // record attributes, unused in v2
            long timestamp = baseTimestamp + Varints.readVarlong(records);
            Varints.readVarint(records); // offset delta: records are in order
            byte[] key = readBytes(records);
            byte[] value = readBytes(records);
            int headerCount = Varints.readVarint(records);
            Headers headers = new Headers();
            for (int h = 0; h < headerCount; h++) {
                byte[] name = readBytes(records);
                headers.add(new String(name, StandardCharsets.UTF_8), readBytes(records));
            }
            entries.add(new Entry(timestamp, key, value, headers));
        }
        return entries;
    }

    private static ByteBuffer recordsSection(ByteBuffer batch, CompressionType compression) {
        ByteBuffer section = batch.duplicate().position(HEADER_SIZE).slice();
        if (compression == CompressionType.NONE) {
            return section;
        }
        byte[] compressed = new byte[section.remaining()];
        section.get(compressed);
        return ByteBuffer.wrap(Codecs.forType(compression).decompress(compressed, 0, compressed.length));
    }

    private static byte[] readBytes(ByteBuffer in) {
        int length = Varints.readVarint(in);
        if (length < 0) {
            return null;
        }
        byte[] bytes = new byte[length];
        in.get(bytes);
        return bytes;
    }
}
