package dev.quill.producer;

import dev.quill.producer.errors.ConfigException;

/**
 * How many replicas must have a record before the broker acknowledges it ({@code acks}, default
 * {@code all}).
 */
public enum Acks {
    /** Fire and forget at the protocol level: no response, no offset, no retry of lost records. */
    NONE(0, "0"),
    /** The leader has written it; lost if the leader dies before followers copy it. */
    LEADER(1, "1"),
    /** Every in-sync replica has it; with {@code min.insync.replicas > 1} this survives a broker loss. */
    ALL(-1, "all");

    /** The value sent in the Produce request. */
    final short wireValue;
    public final String configName;

    Acks(int wireValue, String configName) {
        this.wireValue = (short) wireValue;
        this.configName = configName;
    }

    public static Acks forName(String value) {
        String v = value.trim();
        if (v.equals("0")) {
            return NONE;
        }
        if (v.equals("1")) {
            return LEADER;
        }
        if (v.equals("-1") || v.equalsIgnoreCase("all")) {
            return ALL;
        }
        throw new ConfigException("Invalid value " + value + " for configuration acks: String must be one of: all, -1, 0, 1");
    }
}
