package dev.quill.producer.internal.record;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdInputStream;
import dev.quill.producer.CompressionType;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * One zstd frame, compressed in a single call since the whole records section is already in memory. Kafka
 * streams its frames instead; both are plain zstd frames and its streaming reader decodes either.
 * Loaded only after {@link Codecs} has found zstd-jni on the class path.
 */
final class ZstdCodec implements Codec {

    private ZstdCodec() {
    }

    static Codec create() {
        return new ZstdCodec();
    }

    @Override
    public CompressionType type() {
        return CompressionType.ZSTD;
    }

    @Override
    public void compress(byte[] source, int offset, int length, CompressedOutput out, int level) {
        long bound = Zstd.compressBound(length);
        if (bound > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("records section too large for zstd: " + length + " bytes");
        }
        out.ensureRoom((int) bound);
        int start = out.position();
        long written = Zstd.compressByteArray(out.array(), start, (int) bound, source, offset, length, level);
        if (Zstd.isError(written)) {
            throw new IllegalStateException("zstd compression failed: " + Zstd.getErrorName(written));
        }
        out.position(start + (int) written);
    }

    @Override
    public byte[] decompress(byte[] source, int offset, int length) {
        try (ZstdInputStream in = new ZstdInputStream(
                new ByteArrayInputStream(source, offset, length))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("corrupt zstd records section", e);
        }
    }
}
