package dev.quill.producer.serialization;

import dev.quill.producer.Headers;
import dev.quill.producer.Serializer;

/**
 * Always null: for topics whose keys (or values) are absent. A record with a null value is a tombstone on a
 * compacted topic, so use this for values only when that is meant.
 */
public final class VoidSerializer implements Serializer<Void> {

    @Override
    public byte[] serialize(String topic, Headers headers, Void data) {
        return null;
    }
}
