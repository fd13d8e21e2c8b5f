package dev.quill.producer.errors;

/** A configuration value is missing, malformed or inconsistent with another. The message names the key, the value and the rule. */
public class ConfigException extends ProducerException {

    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }

    public ConfigException(String message, Throwable cause, Errors brokerError) {
        super(message, cause, brokerError);
    }
}
