package dev.quill.producer.internal.record;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.quill.producer.Headers;
import java.util.List;
import java.util.Random;

/** A mix of records that touches every field encoding: nulls, empties, headers, wide deltas, large values. */
final class SampleRecords {

    static final long BASE_TIMESTAMP = 1_700_000_000_000L;

    private SampleRecords() {
    }

    static List<TestRecord> mixed() {
        Headers headers = new Headers()
                .add("trace-id", bytes("abc"))
                .add("null-valued", null)
                .add("ключ-✓", bytes("значение"))
                .add("emoji-😀", new byte[0])
                .add("trace-id", bytes("repeated name"));
        return List.of(
                new TestRecord(BASE_TIMESTAMP, bytes("k1"), bytes("v1"), headers),
                new TestRecord(BASE_TIMESTAMP - 250, null, bytes("no key, earlier timestamp"), null),
                new TestRecord(BASE_TIMESTAMP + 1_000, bytes("no value"), null, new Headers()),
                new TestRecord(BASE_TIMESTAMP + 5, new byte[0], new byte[0], null),
                new TestRecord(BASE_TIMESTAMP + 10_000_000_000L, bytes("big"), largeValue(200 * 1024), headers),
                new TestRecord(BASE_TIMESTAMP - 10_000_000_000L, null, null, null),
                new TestRecord(BASE_TIMESTAMP + 7, bytes("last"), bytes("v".repeat(300)), headers));
    }

    /** Half random (incompressible: lz4 stores those blocks raw), half repetitive. */
    static byte[] largeValue(int size) {
        byte[] value = new byte[size];
        new Random(42).nextBytes(value);
        for (int i = size / 2; i < size; i++) {
            value[i] = (byte) ('a' + i % 7);
        }
        return value;
    }

    static byte[] bytes(String s) {
        return s.getBytes(UTF_8);
    }
}
