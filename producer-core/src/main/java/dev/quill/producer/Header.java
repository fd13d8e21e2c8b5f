package dev.quill.producer;

import java.util.Arrays;

/**
 * One record header: a non-null name and a value that may be null. Kafka allows repeated names.
 *
 * <p>The value array is not copied; do not change it after handing it over.
 */
public record Header(String key, byte[] value) {

    public Header {
        if (key == null) {
            throw new IllegalArgumentException("a header needs a name; got null");
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Header h && key.equals(h.key) && Arrays.equals(value, h.value);
    }

    @Override
    public int hashCode() {
        return 31 * key.hashCode() + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return "Header[" + key + ", " + (value == null ? "null" : value.length + " bytes") + "]";
    }
}
