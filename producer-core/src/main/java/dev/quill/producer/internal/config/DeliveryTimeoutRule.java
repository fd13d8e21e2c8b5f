package dev.quill.producer.internal.config;

import dev.quill.producer.errors.ConfigException;

import java.util.List;
import java.util.Map;

/**
 * {@code delivery.timeout.ms >= linger.ms + request.timeout.ms}, as kafka-clients requires: a record must have
 * time to linger and then wait for at least one response before its delivery times out. A value the user gave
 * fails; the default is raised to the sum with a warning, so that raising {@code linger.ms} or
 * {@code request.timeout.ms} alone keeps working.
 */
public final class DeliveryTimeoutRule {

    private static final String DELIVERY_TIMEOUT = "delivery.timeout.ms";
    private static final String LINGER = "linger.ms";
    private static final String REQUEST_TIMEOUT = "request.timeout.ms";

    private DeliveryTimeoutRule() {
    }

    /**
     * Applies the rule, raising a defaulted {@code delivery.timeout.ms} in {@code values}.
     *
     * @param given the keys as the user gave them, to tell an explicit setting from a default
     * @param values the effective values so far
     * @param warnings where the raise is reported
     * @throws ConfigException when an explicit {@code delivery.timeout.ms} is too small
     */
    public static void apply(Map<String, Object> given, Map<String, Object> values, List<String> warnings) {
        int delivery = (Integer) values.get(DELIVERY_TIMEOUT);
        // linger.ms is a long; the sum is capped so that it still fits delivery.timeout.ms, an int.
        long linger = Math.min((Long) values.get(LINGER), Integer.MAX_VALUE);
        int request = (Integer) values.get(REQUEST_TIMEOUT);
        int floor = (int) Math.min(linger + request, Integer.MAX_VALUE);
        if (delivery >= floor) {
            return;
        }
        if (given.containsKey(DELIVERY_TIMEOUT)) {
            throw new ConfigException(ValueParser.invalid(DELIVERY_TIMEOUT, delivery,
                    "must be at least linger.ms + request.timeout.ms (" + linger + " + " + request + " = "
                            + floor + ")"));
        }
        warnings.add("delivery.timeout.ms should be equal to or larger than linger.ms + request.timeout.ms; "
                + "setting it to " + floor + " instead of its default " + delivery);
        values.put(DELIVERY_TIMEOUT, floor);
    }
}
