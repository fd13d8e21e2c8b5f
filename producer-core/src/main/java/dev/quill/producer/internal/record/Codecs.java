package dev.quill.producer.internal.record;

import dev.quill.producer.CompressionType;
import dev.quill.producer.errors.ConfigException;
import dev.quill.producer.internal.OptionalLibraries;
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
    private static final String SNAPPY_LIBRARY = "snappy";
    private static final String LZ4_MARKER = "net.jpountz.lz4.LZ4Factory";
    private static final String LZ4_LIBRARY = "lz4";
    private static final String ZSTD_MARKER = "com.github.luben.zstd.Zstd";
    private static final String ZSTD_LIBRARY = "zstd";

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
            case SNAPPY -> load(type, SNAPPY_MARKER, SNAPPY_LIBRARY, () -> SnappyCodec.create());
            case LZ4 -> load(type, LZ4_MARKER, LZ4_LIBRARY, () -> Lz4FrameCodec.create());
            case ZSTD -> load(type, ZSTD_MARKER, ZSTD_LIBRARY, () -> ZstdCodec.create());
        };
        LOADED.set(type.ordinal(), codec);
        return codec;
    }

    /** @param library the {@link OptionalLibraries} name of the codec's library */
    static Codec load(CompressionType type, String markerClass, String library, Supplier<Codec> factory) {
        requireOnClassPath(type, markerClass, library);
        try {
            Codec codec = factory.get();
            // A library jar can be present while its native part cannot load on this platform; find out now.
            codec.compress(new byte[] {1, 2, 3}, 0, 3, new CompressedOutput(64), CompressionLevels.defaultLevel(type));
            return codec;
        } catch (LinkageError | RuntimeException e) {
            throw new ConfigException("Invalid value " + type.configName + " for configuration compression.type: "
                    + OptionalLibraries.artifact(library) + " is on the class path but failed to load (" + e + ")", e);
        }
    }

    static void requireOnClassPath(CompressionType type, String markerClass, String library) {
        try {
            Class.forName(markerClass, false, Codecs.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new ConfigException(missingLibraryMessage(type, library), e);
        }
    }

    /** Names the key, the value and the exact dependency to add, version included. */
    static String missingLibraryMessage(CompressionType type, String library) {
        return "Invalid value " + type.configName + " for configuration compression.type: it needs "
                + OptionalLibraries.artifact(library) + " on the class path; add " + OptionalLibraries.coordinates(library)
                + " to the application's dependencies, or choose another compression.type";
    }
}
