package dev.quill.producer.internal.record;

import dev.quill.producer.CompressionType;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.xerial.snappy.SnappyInputStream;
import org.xerial.snappy.SnappyOutputStream;

/**
 * snappy-java's own stream format ({@code SnappyOutputStream}: a magic header then length-prefixed blocks),
 * which is what Kafka puts in a batch, not the snappy "framed" format. Snappy has no level.
 * Loaded only after {@link Codecs} has found snappy-java on the class path.
 */
final class SnappyCodec implements Codec {

    private SnappyCodec() {
    }

    static Codec create() {
        return new SnappyCodec();
    }

    @Override
    public CompressionType type() {
        return CompressionType.SNAPPY;
    }

    @Override
    public void compress(byte[] source, int offset, int length, CompressedOutput out, int level) {
        try (SnappyOutputStream snappy = new SnappyOutputStream(out)) {
            snappy.write(source, offset, length);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public byte[] decompress(byte[] source, int offset, int length) {
        try (SnappyInputStream in = new SnappyInputStream(
                new ByteArrayInputStream(source, offset, length))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("corrupt snappy records section", e);
        }
    }
}
