package dev.quill.producer.internal.config;

import dev.quill.producer.errors.ConfigException;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Map;

/**
 * {@code enable.idempotence} against the keys it depends on, as kafka-clients 4.x decides it. Idempotence needs
 * {@code acks=all} (the broker deduplicates only what every in-sync replica wrote), {@code retries > 0} (it exists
 * to make retries safe) and at most 5 requests in flight (the broker remembers the last 5 batches per producer).
 *
 * <p>A {@code transactional.id} needs idempotence: transactions are built on the producer id and sequence numbers.
 * With one, idempotence counts as given explicitly.
 *
 * <p>Given explicitly, a conflict is the user's mistake and fails. Left at its default, {@code acks} or
 * {@code retries} quietly turn it off, because kafka-clients does so and configurations written for it rely on
 * that; but more than 5 in flight fails even then, as in kafka-clients 4.x (3.x turned idempotence off instead).
 */
public final class IdempotenceRule {

    private static final String ENABLE_IDEMPOTENCE = "enable.idempotence";
    private static final String ACKS = "acks";
    private static final String RETRIES = "retries";
    private static final String TRANSACTIONAL_ID = "transactional.id";
    private static final String MAX_IN_FLIGHT = "max.in.flight.requests.per.connection";
    private static final int MAX_IN_FLIGHT_FOR_IDEMPOTENCE = 5;

    private IdempotenceRule() {
    }

    /**
     * Applies the rule to the effective values, turning {@code enable.idempotence} off in {@code values} when
     * its default gives way.
     *
     * @param given the keys as the user gave them, to tell an explicit setting from a default
     * @param values the effective values so far, with {@code acks} already normalized to all, 0 or 1
     * @param log where the quiet switch-off is reported, at INFO as kafka-clients does
     * @throws ConfigException naming the conflicting key
     */
    public static void apply(Map<String, Object> given, Map<String, Object> values, Logger log) {
        boolean transactional = values.get(TRANSACTIONAL_ID) != null;
        if (!(Boolean) values.get(ENABLE_IDEMPOTENCE)) {
            if (transactional) {
                throw new ConfigException(ValueParser.invalid(ENABLE_IDEMPOTENCE, false,
                        "must be true when transactional.id is set: transactions are built on idempotence"));
            }
            return;
        }
        boolean explicit = given.containsKey(ENABLE_IDEMPOTENCE) || transactional;
        String how = given.containsKey(ENABLE_IDEMPOTENCE) ? "enable.idempotence=true"
                : transactional ? "transactional.id is set (transactions need idempotence)"
                : "enable.idempotence is true (its default)";
        int inFlight = (Integer) values.get(MAX_IN_FLIGHT);
        if (inFlight > MAX_IN_FLIGHT_FOR_IDEMPOTENCE) {
            throw new ConfigException(ValueParser.invalid(MAX_IN_FLIGHT, inFlight,
                    "must be at most 5 when " + how + "; set enable.idempotence=false to allow more"));
        }
        boolean disable = false;
        if ((Integer) values.get(RETRIES) == 0) {
            if (explicit) {
                throw new ConfigException(ValueParser.invalid(RETRIES, 0,
                        "must be at least 1 when " + how));
            }
            log.log(Level.INFO, "Idempotence is disabled because retries is set to 0.");
            disable = true;
        }
        String acks = (String) values.get(ACKS);
        if (!acks.equals("all")) {
            if (explicit) {
                throw new ConfigException(ValueParser.invalid(ACKS, acks,
                        "must be all (or -1) when " + how + ", or the broker cannot guarantee idempotence"));
            }
            log.log(Level.INFO, "Idempotence is disabled because acks is set to " + acks + ", not all.");
            disable = true;
        }
        if (disable) {
            values.put(ENABLE_IDEMPOTENCE, false);
        }
    }
}
