package dev.quill.producer.serialization;

import dev.quill.producer.errors.ConfigException;

import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Map;

/** The encoding lookup shared by the string and UUID serializers, with kafka-clients' key names and precedence. */
final class Encodings {

    static final String KEY_ENCODING = "key.serializer.encoding";
    static final String VALUE_ENCODING = "value.serializer.encoding";
    static final String ENCODING = "serializer.encoding";

    private Encodings() {
    }

    /** The charset the configuration asks for, or {@code current} when it names none. */
    static Charset fromConfig(Map<String, ?> configs, boolean isKey, Charset current) {
        String key = isKey ? KEY_ENCODING : VALUE_ENCODING;
        Object value = configs.get(key);
        if (value == null) {
            key = ENCODING;
            value = configs.get(key);
        }
        if (value instanceof Charset charset) {
            return charset;
        }
        if (value instanceof String name) {
            try {
                return Charset.forName(name.trim());
            } catch (UnsupportedCharsetException | IllegalCharsetNameException e) {
                throw new ConfigException("Invalid value " + name + " for configuration " + key
                        + ": unsupported encoding", e);
            }
        }
        // kafka-clients ignores a value that is not a string; a present but odd value is worth an error here.
        if (value != null) {
            throw new ConfigException("Invalid value " + value + " for configuration " + key
                    + ": expected a charset name, but it was a " + value.getClass().getName());
        }
        return current;
    }
}
