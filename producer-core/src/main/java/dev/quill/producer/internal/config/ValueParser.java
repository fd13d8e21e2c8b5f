package dev.quill.producer.internal.config;

import dev.quill.producer.Acks;
import dev.quill.producer.BufferFullPolicy;
import dev.quill.producer.CompressionType;
import dev.quill.producer.errors.ConfigException;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Turns a raw configuration value into its typed form. Accepts what kafka-clients' {@code ConfigDef} accepts
 * (strings, trimmed, and values of the key's own type) and, where no meaning can be lost, a little more:
 * any integral {@code Number} that fits for INT, SHORT and LONG keys (kafka-clients rejects {@code 5L} for an
 * INT key, which trips up code that builds durations as longs), and enum constants for string keys
 * ({@code Acks.LEADER} as "1", {@code CompressionType.ZSTD} as "zstd", other enums by their lower-case name).
 */
public final class ValueParser {

    private ValueParser() {
    }

    public static String invalid(String key, Object value, String rule) {
        return "Invalid value " + value + " for configuration " + key + (rule == null ? "" : ": " + rule);
    }

    /** Parses and validates a value given for {@code key}; null stays null. */
    public static Object parse(ConfigKey key, Object raw) {
        if (raw == null) {
            return null;
        }
        Object value = parseType(key.name(), key.type(), raw);
        if (value != null && key.validator() != null) {
            String rule = key.validator().check(value);
            if (rule != null) {
                throw new ConfigException(invalid(key.name(), raw, rule));
            }
        }
        return value;
    }

    private static Object parseType(String name, ConfigType type, Object raw) {
        String trimmed = raw instanceof String s ? s.trim() : null;
        switch (type) {
            case BOOLEAN -> {
                if (raw instanceof Boolean) {
                    return raw;
                }
                if (trimmed != null) {
                    if (trimmed.equalsIgnoreCase("true")) {
                        return Boolean.TRUE;
                    }
                    if (trimmed.equalsIgnoreCase("false")) {
                        return Boolean.FALSE;
                    }
                    throw new ConfigException(invalid(name, raw, "Expected value to be either true or false"));
                }
                throw new ConfigException(invalid(name, raw,
                        "Expected value to be either true or false, but it was a " + raw.getClass().getName()));
            }
            case STRING, PASSWORD -> {
                if (trimmed != null) {
                    return trimmed;
                }
                if (raw instanceof Enum<?> e) {
                    return enumConfigName(e);
                }
                throw new ConfigException(invalid(name, type == ConfigType.PASSWORD ? "[hidden]" : raw,
                        "Expected value to be a string, but it was a " + raw.getClass().getName()));
            }
            case INT -> {
                return (int) integral(name, raw, trimmed, Integer.MIN_VALUE, Integer.MAX_VALUE, "32-bit integer", "INT");
            }
            case SHORT -> {
                return (short) integral(name, raw, trimmed, Short.MIN_VALUE, Short.MAX_VALUE,
                        "16-bit integer (short)", "SHORT");
            }
            case LONG -> {
                return integral(name, raw, trimmed, Long.MIN_VALUE, Long.MAX_VALUE, "64-bit integer", "LONG");
            }
            case DOUBLE -> {
                if (raw instanceof Number n) {
                    return n.doubleValue();
                }
                if (trimmed != null) {
                    try {
                        return Double.parseDouble(trimmed);
                    } catch (NumberFormatException e) {
                        throw new ConfigException(invalid(name, raw, "Not a number of type DOUBLE"));
                    }
                }
                throw new ConfigException(invalid(name, raw,
                        "Expected value to be a double, but it was a " + raw.getClass().getName()));
            }
            case LIST -> {
                if (trimmed != null) {
                    if (trimmed.isEmpty()) {
                        return List.of();
                    }
                    List<String> out = new ArrayList<>();
                    for (String part : trimmed.split("\\s*,\\s*", -1)) {
                        out.add(part);
                    }
                    return Collections.unmodifiableList(out);
                }
                if (raw instanceof List<?> list) {
                    List<String> out = new ArrayList<>(list.size());
                    for (Object element : list) {
                        if (element instanceof String s) {
                            out.add(s.trim());
                        } else if (element instanceof Class<?> c) {
                            out.add(c.getName());
                        } else {
                            throw new ConfigException(invalid(name, raw, "Expected a list of strings or classes, "
                                    + "but an element was " + (element == null ? "null" : "a " + element.getClass().getName())));
                        }
                    }
                    return Collections.unmodifiableList(out);
                }
                throw new ConfigException(invalid(name, raw,
                        "Expected a comma separated list or a List, but it was a " + raw.getClass().getName()));
            }
            case CLASS -> {
                if (raw instanceof Class<?>) {
                    return raw;
                }
                if (trimmed != null) {
                    if (trimmed.isEmpty()) {
                        throw new ConfigException(invalid(name, raw, "Expected a class name, but it was empty"));
                    }
                    return trimmed;
                }
                throw new ConfigException(invalid(name, raw,
                        "Expected a Class instance or class name, but it was a " + raw.getClass().getName()));
            }
            default -> throw new IllegalStateException("unknown type " + type);
        }
    }

    // Quill's enums carry Kafka's spelling (Acks.LEADER is "1"); other enums go by their lower-case name.
    private static String enumConfigName(Enum<?> e) {
        if (e instanceof Acks acks) {
            return acks.configName;
        }
        if (e instanceof CompressionType type) {
            return type.configName;
        }
        if (e instanceof BufferFullPolicy policy) {
            return policy.configName;
        }
        return e.name().toLowerCase(Locale.ROOT);
    }

    private static long integral(String name, Object raw, String trimmed, long min, long max, String what,
                                 String typeName) {
        long v;
        if (raw instanceof Long || raw instanceof Integer || raw instanceof Short || raw instanceof Byte) {
            v = ((Number) raw).longValue();
        } else if (trimmed != null) {
            try {
                v = Long.parseLong(trimmed);
            } catch (NumberFormatException e) {
                throw new ConfigException(invalid(name, raw, "Not a number of type " + typeName));
            }
        } else {
            throw new ConfigException(invalid(name, raw,
                    "Expected value to be a " + what + ", but it was a " + raw.getClass().getName()));
        }
        if (v < min || v > max) {
            throw new ConfigException(invalid(name, raw, "Expected value to be a " + what
                    + " (between " + min + " and " + max + ")"));
        }
        return v;
    }
}
