package dev.quill.producer.internal.record;

import dev.quill.producer.CompressionType;
import dev.quill.producer.errors.ConfigException;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Supplier;

/**
 * Finds the {@link Codec} for a {@code compression.type}. Call it when the producer is built: a codec whose
 * optional library is missing, or whose native part fails to load, is reported there as a
 * {@link ConfigException} rather than on the first batch.
 *
 * <p>The codec classes that link against snappy-java, lz4-java and zstd-jni are named only inside lambdas
 * run after the library's presence has been checked, so an application without them never loads them.
 */
public final class Codecs {

    private static final String SNAPPY_MARKER = "org.xerial.snappy.SnappyOutputStream";
    private static final String SNAPPY_COORDINATES = "org.xerial.snappy:snappy-java";
    private static final String LZ4_MARKER = "net.jpountz.lz4.LZ4Factory";
    private static final String LZ4_COORDINATES = "at.yawk.lz4:lz4-java";
    private static final String ZSTD_MARKER = "com.github.luben.zstd.Zstd";
    private static final String ZSTD_COORDINATES = "com.github.luben:zstd-jni";

    // Read on every batch creation, so lock-free; a race only probes a codec twice.
    private static final AtomicReferenceArray<Codec> LOADED = new AtomicReferenceArray<>(CompressionType.values().length);

    private Codecs() {
    }

    public static Codec forType(CompressionType type) {
        Codec codec = LOADED.get(type.ordinal());
        if (codec != null) {
            return codec;
        }
        codec = switch (type) {
            case NONE -> NoCodec.INSTANCE;
            case GZIP -> GzipCodec.INSTANCE;
            case SNAPPY -> load(type, SNAPPY_MARKER, SNAPPY_COORDINATES, () -> SnappyCodec.create());
            case LZ4 -> load(type, LZ4_MARKER, LZ4_COORDINATES, () -> Lz4FrameCodec.create());
            case ZSTD -> load(type, ZSTD_MARKER, ZSTD_COORDINATES, () -> ZstdCodec.create());
        };
        LOADED.set(type.ordinal(), codec);
        return codec;
    }

    static Codec load(CompressionType type, String markerClass, String coordinates, Supplier<Codec> factory) {
        requireOnClassPath(type, markerClass, coordinates);
        try {
            Codec codec = factory.get();
            // A library jar can be present while its native part cannot load on this platform; find out now.
            codec.compress(new byte[] {1, 2, 3}, 0, 3, new CompressedOutput(64), CompressionLevels.defaultLevel(type));
            return codec;
        } catch (LinkageError | RuntimeException e) {
            throw new ConfigException("compression.type=" + type.configName + " is not usable: " + coordinates
                    + " is on the class path but failed to load (" + e + ")", e);
        }
    }

    static void requireOnClassPath(CompressionType type, String markerClass, String coordinates) {
        try {
            Class.forName(markerClass, false, Codecs.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new ConfigException(missingLibraryMessage(type, coordinates), e);
        }
    }

    static String missingLibraryMessage(CompressionType type, String coordinates) {
        return "compression.type=" + type.configName + " needs " + coordinates
                + " on the class path; add it as a dependency or choose another compression.type";
    }
}
