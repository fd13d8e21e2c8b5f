package dev.quill.producer.internal.config;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Configuration values as text for people: in {@code ProducerConfig.toString()}, warnings and messages. Class
 * keys hold a name or a {@code Class}, so both read as the class name; secrets read as {@value #HIDDEN} so that
 * no log or message ever carries one.
 */
public final class ValueText {

    public static final String HIDDEN = "[hidden]";

    private ValueText() {
    }

    /**
     * Every value, one per line in key order as kafka-clients logs them, secrets hidden; unknown keys by name only,
     * since nothing says which of them hold secrets.
     */
    public static String listing(String title, Map<String, Object> values, List<String> unknownKeys) {
        StringBuilder out = new StringBuilder(title).append('\n');
        for (Map.Entry<String, Object> e : new TreeMap<>(values).entrySet()) {
            out.append('\t').append(e.getKey()).append(" = ").append(shown(e.getKey(), e.getValue())).append('\n');
        }
        if (!unknownKeys.isEmpty()) {
            out.append("\tunknown keys (values not shown) = ").append(unknownKeys).append('\n');
        }
        return out.toString();
    }

    /** The value as kafka-clients prints it ({@code class x.Y} for a {@code Class}), or {@value #HIDDEN}. */
    public static String shown(String key, Object value) {
        return value != null && ProducerConfigKeys.isSecret(key) ? HIDDEN : of(value);
    }

    /** The value as kafka-clients prints it, secret or not: only for values known not to be secrets. */
    public static String of(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof Class<?> c) {
            return "class " + c.getName();
        }
        return String.valueOf(value);
    }

    /** The class name of a class key's value, given as a name or as a {@code Class}. */
    public static String className(Object value) {
        return value instanceof Class<?> c ? c.getName() : (String) value;
    }
}
