package dev.quill.producer.internal.config;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A rule on one parsed, non-null value. Returns null when the value passes, else the rule in words, which
 * becomes the end of "Invalid value V for configuration K: rule" (Kafka's wording, so that messages read
 * the same as the ones users search for).
 */
@FunctionalInterface
public interface Validator {

    String check(Object value);

    static Validator atLeast(long min) {
        return value -> ((Number) value).longValue() < min ? "Value must be at least " + min : null;
    }

    static Validator between(long min, long max) {
        return value -> {
            long v = ((Number) value).longValue();
            if (v < min) {
                return "Value must be at least " + min;
            }
            return v > max ? "Value must be no more than " + max : null;
        };
    }

    static Validator betweenDouble(double min, double max) {
        return value -> {
            double v = ((Number) value).doubleValue();
            if (!(v >= min)) {
                return "Value must be at least " + min;
            }
            return v > max ? "Value must be no more than " + max : null;
        };
    }

    /** gzip takes 1..9, or -1 for the codec's own default. */
    static Validator gzipLevel() {
        return value -> {
            int v = ((Number) value).intValue();
            return v == -1 || (v >= 1 && v <= 9) ? null : "Value must be between 1 and 9 or equal to -1";
        };
    }

    static Validator oneOf(String... allowed) {
        List<String> list = Arrays.asList(allowed);
        return value -> list.contains((String) value) ? null : "String must be one of: " + String.join(", ", list);
    }

    static Validator oneOfIgnoreCase(String... allowed) {
        List<String> list = Arrays.asList(allowed);
        return value -> {
            String v = ((String) value).toUpperCase(Locale.ROOT);
            for (String a : list) {
                if (a.toUpperCase(Locale.ROOT).equals(v)) {
                    return null;
                }
            }
            return "String must be one of (case insensitive): " + String.join(", ", list);
        };
    }

    static Validator nonEmptyString() {
        return value -> ((String) value).isEmpty() ? "String must be non-empty" : null;
    }
}
