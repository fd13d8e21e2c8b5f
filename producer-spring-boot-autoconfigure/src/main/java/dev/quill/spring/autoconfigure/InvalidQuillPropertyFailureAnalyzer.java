package dev.quill.spring.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Replaces the stack trace of a refused {@code quill.producer.*} value with what to change. Registered in
 * {@code META-INF/spring.factories}.
 */
class InvalidQuillPropertyFailureAnalyzer extends AbstractFailureAnalyzer<InvalidQuillPropertyException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidQuillPropertyException cause) {
        String description = "Invalid value '" + cause.value() + "' for property '" + cause.property() + "':\n\n    "
                + cause.reason();
        String action = cause.acceptedValues() != null
                ? "Update '" + cause.property() + "' to one of the accepted values: " + cause.acceptedValues() + "."
                : "Update '" + cause.property() + "' so that it meets the rule above.";
        return new FailureAnalysis(description, action, cause);
    }
}
