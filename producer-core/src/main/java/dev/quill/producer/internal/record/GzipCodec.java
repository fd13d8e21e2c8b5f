package dev.quill.producer.internal.record;

import dev.quill.producer.CompressionType;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/** Gzip stream format (RFC 1952) from the JDK's deflater, as Kafka writes it. */
final class GzipCodec implements Codec {

    static final GzipCodec INSTANCE = new GzipCodec();

    // Kafka's own buffer size for the deflater's output chunks.
    private static final int DEFLATE_BUFFER_SIZE = 8 * 1024;

    private GzipCodec() {
    }

    @Override
    public CompressionType type() {
        return CompressionType.GZIP;
    }

    @Override
    public void compress(byte[] source, int offset, int length, CompressedOutput out, int level) {
        try (LeveledGzipStream gzip = new LeveledGzipStream(out, level)) {
            gzip.write(source, offset, length);
        } catch (IOException e) {
            // CompressedOutput never throws; this only satisfies the stream signatures.
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public byte[] decompress(byte[] source, int offset, int length) {
        try (GZIPInputStream in = new GZIPInputStream(
                new ByteArrayInputStream(source, offset, length))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("corrupt gzip records section", e);
        }
    }

    /** GZIPOutputStream has no level parameter; its deflater is reachable only from a subclass. */
    private static final class LeveledGzipStream extends GZIPOutputStream {

        LeveledGzipStream(CompressedOutput out, int level) throws IOException {
            super(out, DEFLATE_BUFFER_SIZE);
            def.setLevel(level);
        }
    }
}
