package dev.quill.producer;

import dev.quill.producer.errors.ConfigException;

/**
 * The codec applied to each record batch ({@code compression.type}, default {@code none}). Gzip comes with
 * the JDK; snappy, lz4 and zstd need their library on the class path ({@code org.xerial.snappy:snappy-java},
 * {@code at.yawk.lz4:lz4-java}, {@code com.github.luben:zstd-jni}).
 */
public enum CompressionType {
    NONE(0, "none"),
    GZIP(1, "gzip"),
    SNAPPY(2, "snappy"),
    LZ4(3, "lz4"),
    ZSTD(4, "zstd");

    /** The codec's id in the low three bits of a record batch's attributes. */
    public final int id;
    /** The name used in {@code compression.type}. */
    public final String configName;

    CompressionType(int id, String configName) {
        this.id = id;
        this.configName = configName;
    }

    public static CompressionType forName(String name) {
        for (CompressionType type : values()) {
            if (type.configName.equalsIgnoreCase(name)) {
                return type;
            }
        }
        throw new ConfigException("Invalid value " + name + " for configuration compression.type: "
                + "String must be one of: none, gzip, snappy, lz4, zstd");
    }
}
