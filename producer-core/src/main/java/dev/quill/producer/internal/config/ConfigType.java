package dev.quill.producer.internal.config;

/**
 * The value types of Kafka's configuration keys. The names follow kafka-clients' {@code ConfigDef.Type} so
 * that a key's type can be compared with Kafka's in tests.
 */
public enum ConfigType {
    BOOLEAN,
    STRING,
    INT,
    SHORT,
    LONG,
    DOUBLE,
    LIST,
    CLASS,
    /** A string that is never printed: {@code toString} and log lines show it masked. */
    PASSWORD
}
