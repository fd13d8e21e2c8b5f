package dev.quill.producer;

import dev.quill.producer.errors.ConfigException;

/**
 * The codec applied to each record batch ({@code compression.type}, default {@code none}). Gzip comes with
 * the JDK; snappy, lz4 and zstd need their library on the class path ({@code org.xerial.snappy:snappy-java},
 * {@code at.yawk.lz4:lz4-java}, {@code com.github.luben:zstd-jni}).
 */
public enum CompressionType {
    NONE("none"),
    GZIP("gzip"),
    SNAPPY("snappy"),
    LZ4("lz4"),
    ZSTD("zstd");

    /** The name used in {@code compression.type}. */
    public final String configName;

    CompressionType(String configName) {
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
