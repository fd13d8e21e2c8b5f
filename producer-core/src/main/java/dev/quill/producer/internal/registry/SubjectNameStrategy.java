package dev.quill.producer.internal.registry;

import dev.quill.producer.errors.ConfigException;

/**
 * Confluent's subject name strategies, named by Confluent's class names in {@code key.subject.name.strategy} and
 * {@code value.subject.name.strategy}, so that a kafka-clients configuration works unchanged.
 */
public enum SubjectNameStrategy {

    /** {@code <topic>-key} or {@code <topic>-value}: one schema history per topic (Confluent's default). */
    TOPIC("io.confluent.kafka.serializers.subject.TopicNameStrategy"),
    /** The record's full name: one history per record type, across topics. */
    RECORD("io.confluent.kafka.serializers.subject.RecordNameStrategy"),
    /** {@code <topic>-<record full name>}: one history per record type per topic. */
    TOPIC_RECORD("io.confluent.kafka.serializers.subject.TopicRecordNameStrategy");

    private final String className;

    SubjectNameStrategy(String className) {
        this.className = className;
    }

    public static SubjectNameStrategy forConfig(String key, String value) {
        if (value == null) {
            return TOPIC;
        }
        for (SubjectNameStrategy strategy : values()) {
            if (strategy.className.equals(value) || strategy.className.endsWith("." + value)) {
                return strategy;
            }
        }
        throw new ConfigException("Invalid value " + value + " for configuration " + key + ": must be one of "
                + TOPIC.className + ", " + RECORD.className + ", " + TOPIC_RECORD.className);
    }

    /** Whether the subject depends on the record's name, which only records have (as in Confluent's strategies). */
    public boolean needsRecordName() {
        return this != TOPIC;
    }

    /**
     * @param recordName the full name of the value's record schema, or null when it is not a record
     */
    public String subject(String topic, boolean isKey, String recordName) {
        return switch (this) {
            case TOPIC -> topic + (isKey ? "-key" : "-value");
            case RECORD -> recordName;
            case TOPIC_RECORD -> topic + "-" + recordName;
        };
    }

    public String className() {
        return className;
    }
}
