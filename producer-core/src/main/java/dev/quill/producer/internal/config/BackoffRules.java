package dev.quill.producer.internal.config;

import java.util.List;
import java.util.Map;

/**
 * The pairs of a first wait and its maximum ({@code retry.backoff}, {@code reconnect.backoff},
 * {@code socket.connection.setup.timeout}), as kafka-clients treats them: a first wait above its maximum makes
 * the wait static at the maximum, and {@code reconnect.backoff.ms} given alone also becomes its own maximum
 * (kafka-clients' behaviour from before exponential backoff, kept for configurations that rely on it).
 * Both are warnings, since the result is legal but probably not what was meant.
 */
public final class BackoffRules {

    private static final String RECONNECT_BACKOFF = "reconnect.backoff.ms";
    private static final String RECONNECT_BACKOFF_MAX = "reconnect.backoff.max.ms";

    private BackoffRules() {
    }

    /**
     * Applies the rules, setting {@code reconnect.backoff.max.ms} in {@code values} when only
     * {@code reconnect.backoff.ms} was given.
     *
     * @param given the keys as the user gave them, to tell an explicit setting from a default
     * @param values the effective values so far
     * @param warnings where each adjustment is reported
     */
    public static void apply(Map<String, Object> given, Map<String, Object> values, List<String> warnings) {
        if (given.containsKey(RECONNECT_BACKOFF) && !given.containsKey(RECONNECT_BACKOFF_MAX)) {
            values.put(RECONNECT_BACKOFF_MAX, values.get(RECONNECT_BACKOFF));
            warnings.add("Exponential reconnect backoff is off because reconnect.backoff.ms is set but "
                    + "reconnect.backoff.max.ms is not; set both to keep it");
        }
        staticIfAboveMax(values, warnings, "retry.backoff.ms", "retry.backoff.max.ms", "backoff");
        staticIfAboveMax(values, warnings, "socket.connection.setup.timeout.ms",
                "socket.connection.setup.timeout.max.ms", "connection setup timeout");
        staticIfAboveMax(values, warnings, RECONNECT_BACKOFF, RECONNECT_BACKOFF_MAX, "reconnect backoff");
    }

    private static void staticIfAboveMax(Map<String, Object> values, List<String> warnings, String key,
                                         String maxKey, String what) {
        long value = (Long) values.get(key);
        long max = (Long) values.get(maxKey);
        if (value > max) {
            warnings.add("Configuration '" + key + "' with value '" + value + "' is greater than configuration '"
                    + maxKey + "' with value '" + max + "'. A static " + what + " with value '" + max
                    + "' will be applied.");
        }
    }
}
