package dev.quill.producer.internal.record;

import dev.quill.producer.CompressionType;

/**
 * Kafka's ranges and defaults for {@code compression.gzip.level}, {@code compression.lz4.level} and
 * {@code compression.zstd.level} (KIP-390). Snappy and none have no level; they ignore it.
 */
public final class CompressionLevels {

    /** The deflater's own default, which is level 6. */
    public static final int GZIP_DEFAULT = -1;
    public static final int GZIP_MIN = 1;
    public static final int GZIP_MAX = 9;

    public static final int LZ4_DEFAULT = 9;
    public static final int LZ4_MIN = 1;
    public static final int LZ4_MAX = 17;

    public static final int ZSTD_DEFAULT = 3;
    /** zstd's fastest negative level; hard-coded so that checking a level does not load the native library. */
    public static final int ZSTD_MIN = -131072;
    public static final int ZSTD_MAX = 22;

    private CompressionLevels() {
    }

    public static int defaultLevel(CompressionType type) {
        return switch (type) {
            case GZIP -> GZIP_DEFAULT;
            case LZ4 -> LZ4_DEFAULT;
            case ZSTD -> ZSTD_DEFAULT;
            case NONE, SNAPPY -> 0;
        };
    }

    public static boolean isValid(CompressionType type, int level) {
        return switch (type) {
            case GZIP -> level == GZIP_DEFAULT || (level >= GZIP_MIN && level <= GZIP_MAX);
            case LZ4 -> level >= LZ4_MIN && level <= LZ4_MAX;
            case ZSTD -> level >= ZSTD_MIN && level <= ZSTD_MAX;
            case NONE, SNAPPY -> true;
        };
    }

    /** The allowed range in words, for a {@code ConfigException} message. */
    public static String describeRange(CompressionType type) {
        return switch (type) {
            case GZIP -> "Value must be between " + GZIP_MIN + " and " + GZIP_MAX + " or " + GZIP_DEFAULT;
            case LZ4 -> "Value must be between " + LZ4_MIN + " and " + LZ4_MAX;
            case ZSTD -> "Value must be between " + ZSTD_MIN + " and " + ZSTD_MAX;
            case NONE, SNAPPY -> "any value (ignored)";
        };
    }
}
