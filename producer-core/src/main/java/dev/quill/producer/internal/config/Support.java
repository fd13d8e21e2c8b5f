package dev.quill.producer.internal.config;

/** What Quill does with a Kafka key. */
public enum Support {
    /** Quill honours the key as kafka-clients does. */
    USED,
    /**
     * Accepted for compatibility but has no effect in Quill; a value other than Quill's default is logged as
     * a warning, so that nobody relies on it unknowingly.
     */
    NO_EFFECT,
    /**
     * Not supported yet (security, transactions). Its default, or the same value given
     * explicitly, is fine; any other value fails with a ConfigException, because running without the feature
     * would change what reaches the broker or who may read it.
     */
    NOT_SUPPORTED
}
