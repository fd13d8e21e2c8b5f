package dev.quill.producer.internal.record;

import dev.quill.producer.CompressionType;

/**
 * Compresses the records section of a batch (everything after the 61-byte header) in the stream or frame
 * format Kafka expects for that codec. Implementations are stateless and thread-safe; get one from
 * {@link Codecs#forType}, which checks that the codec's library is present.
 */
public interface Codec {

    CompressionType type();

    /**
     * Appends the compressed form of {@code source[offset, offset + length)} at {@code out}'s position.
     *
     * @param level the codec's level; {@link CompressionLevels#defaultLevel} gives Kafka's default
     */
    void compress(byte[] source, int offset, int length, CompressedOutput out, int level);

    /**
     * The records section back from its compressed form: needed only to split a batch the broker found
     * too large, so it favours simplicity over speed.
     */
    byte[] decompress(byte[] source, int offset, int length);
}
