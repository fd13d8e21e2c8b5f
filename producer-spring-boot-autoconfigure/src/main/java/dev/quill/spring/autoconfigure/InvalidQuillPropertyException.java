package dev.quill.spring.autoconfigure;

/**
 * A {@code quill.producer.*} property has a value the producer refuses. Startup fails with it, and
 * {@link InvalidQuillPropertyFailureAnalyzer} turns it into a message naming the property and what it accepts.
 */
public class InvalidQuillPropertyException extends RuntimeException {

    private final String property;
    private final transient Object value;
    private final String reason;
    private final String acceptedValues;

    /**
     * @param property the full property name, or a Kafka key when a {@link ProducerCustomizer} set the value
     * @param acceptedValues what the property takes, in words, or null when the reason says it
     */
    public InvalidQuillPropertyException(String property, Object value, String reason, String acceptedValues,
                                         Throwable cause) {
        super("Invalid value '" + value + "' for " + property + ": " + reason, cause);
        this.property = property;
        this.value = value;
        this.reason = reason;
        this.acceptedValues = acceptedValues;
    }

    public String property() {
        return property;
    }

    public Object value() {
        return value;
    }

    public String reason() {
        return reason;
    }

    /** What the property accepts, or null when {@link #reason()} already says it. */
    public String acceptedValues() {
        return acceptedValues;
    }
}
