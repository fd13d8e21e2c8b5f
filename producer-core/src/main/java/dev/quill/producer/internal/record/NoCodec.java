package dev.quill.producer.internal.record;

import dev.quill.producer.CompressionType;
import java.util.Arrays;

/** {@code compression.type=none}: the records are stored as written. The builder skips it rather than copy. */
final class NoCodec implements Codec {

    static final NoCodec INSTANCE = new NoCodec();

    private NoCodec() {
    }

    @Override
    public CompressionType type() {
        return CompressionType.NONE;
    }

    @Override
    public void compress(byte[] source, int offset, int length, CompressedOutput out, int level) {
        out.write(source, offset, length);
    }

    @Override
    public byte[] decompress(byte[] source, int offset, int length) {
        return Arrays.copyOfRange(source, offset, offset + length);
    }
}
