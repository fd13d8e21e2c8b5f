package dev.quill.producer.internal.registry;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.quill.producer.internal.config.ConfigKey;
import dev.quill.producer.internal.config.ConfigType;
import dev.quill.producer.internal.config.Support;
import dev.quill.producer.internal.config.Validator;
import dev.quill.producer.internal.config.ValueParser;

/**
 * Reads the serializer's own keys (Confluent's, which the producer does not know) from the configuration map,
 * with the producer's parsing rules, so that "true", {@code Boolean.TRUE} and " true " mean the same and a bad
 * value is a ConfigException naming the key.
 */
public final class ConfigValues {

    private final Map<String, ?> configs;

    public ConfigValues(Map<String, ?> configs) {
        this.configs = configs;
    }

    public boolean bool(String key, boolean defaultValue) {
        Object value = parse(key, ConfigType.BOOLEAN, null);
        return value == null ? defaultValue : (Boolean) value;
    }

    public int integer(String key, int defaultValue, long min) {
        Object value = parse(key, ConfigType.INT, Validator.atLeast(min));
        return value == null ? defaultValue : ((Number) value).intValue();
    }

    public long longValue(String key, long defaultValue, long min) {
        Object value = parse(key, ConfigType.LONG, Validator.atLeast(min));
        return value == null ? defaultValue : ((Number) value).longValue();
    }

    /** A string, trimmed; null when absent or blank. */
    public String string(String key) {
        Object value = configs.get(key);
        if (value == null) {
            return null;
        }
        String text = value instanceof Class<?> c ? c.getName() : String.valueOf(value).trim();
        return text.isEmpty() ? null : text;
    }

    /** A secret: never echoed in a message. */
    public String password(String key) {
        Object value = parse(key, ConfigType.PASSWORD, null);
        return value == null ? null : value.toString();
    }

    /** The keys that start with {@code prefix}, with the prefix cut off. */
    public Map<String, Object> withPrefix(String prefix) {
        Map<String, Object> out = new LinkedHashMap<>();
        configs.forEach((key, value) -> {
            if (key.startsWith(prefix) && key.length() > prefix.length() && value != null) {
                out.put(key.substring(prefix.length()), value);
            }
        });
        return out;
    }

    private Object parse(String key, ConfigType type, Validator validator) {
        return ValueParser.parse(new ConfigKey(key, type, ConfigKey.NO_DEFAULT, validator, Support.USED, null),
                configs.get(key));
    }
}
