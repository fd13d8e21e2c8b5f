package dev.quill.producer.internal.record;

import dev.quill.producer.Headers;

/** One record as a test appends it and expects to read it back. */
record TestRecord(long timestamp, byte[] key, byte[] value, Headers headers) {
}
