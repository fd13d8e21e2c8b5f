package dev.quill.producer.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The Maven coordinates, with version, of the libraries Quill uses only when configured to (codecs, Avro), so that
 * a message about a missing one says exactly what to add. The versions come from the build, not from code.
 */
public final class OptionalLibraries {

    private static final Properties COORDINATES = load();

    private OptionalLibraries() {
    }

    private static Properties load() {
        Properties properties = new Properties();
        try (InputStream in = OptionalLibraries.class.getResourceAsStream("optional-libraries.properties")) {
            if (in == null) {
                throw new IllegalStateException("optional-libraries.properties is missing from Quill's jar");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }

    /** {@code group:artifact:version} of the library known as {@code name} (snappy, lz4, zstd, avro). */
    public static String coordinates(String name) {
        String coordinates = COORDINATES.getProperty(name);
        if (coordinates == null) {
            throw new IllegalArgumentException("no optional library named " + name);
        }
        return coordinates;
    }

    /** {@code group:artifact}, without the version. */
    public static String artifact(String name) {
        String coordinates = coordinates(name);
        return coordinates.substring(0, coordinates.lastIndexOf(':'));
    }
}
