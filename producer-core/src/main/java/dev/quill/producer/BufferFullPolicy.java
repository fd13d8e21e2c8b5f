package dev.quill.producer;

import dev.quill.producer.errors.ConfigException;

import java.util.Locale;

/**
 * What {@code send()} does when {@code buffer.memory} has no room for a record (Quill's key
 * {@code buffer.full.policy}, default {@code block}).
 */
public enum BufferFullPolicy {
    /**
     * Wait for room up to {@code max.block.ms}, then fail the send with
     * {@link dev.quill.producer.errors.BufferExhaustedException}: kafka-clients' behaviour. Caveat: the calling
     * thread blocks, which stalls an event loop; use {@link #FAIL} there.
     */
    BLOCK("block"),
    /**
     * Fail the send at once with {@link dev.quill.producer.errors.BufferExhaustedException}, leaving back-pressure
     * to the caller. Caveat: a burst that kafka-clients would absorb by waiting becomes failed sends.
     */
    FAIL("fail");

    /** The value in {@code buffer.full.policy}. */
    public final String configName;

    BufferFullPolicy(String configName) {
        this.configName = configName;
    }

    /** {@code block} or {@code fail}, ignoring case. */
    public static BufferFullPolicy forName(String name) {
        String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        for (BufferFullPolicy p : values()) {
            if (p.configName.equals(n)) {
                return p;
            }
        }
        throw new ConfigException("Invalid value " + name + " for configuration buffer.full.policy: "
                + "String must be one of (case insensitive): block, fail");
    }
}
