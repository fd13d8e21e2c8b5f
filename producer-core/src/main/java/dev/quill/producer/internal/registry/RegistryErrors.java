package dev.quill.producer.internal.registry;

import java.util.Map;

import dev.quill.producer.errors.AuthenticationException;
import dev.quill.producer.errors.AuthorizationException;
import dev.quill.producer.errors.ProducerException;
import dev.quill.producer.errors.SerializationException;
import dev.quill.producer.internal.json.Json;

/**
 * Turns a registry's error answer ({@code {"error_code": 40401, "message": "..."}}) into the producer's exception.
 * Every message names the registry URL (without user info), the subject and what the registry said, so that the
 * one log line is enough to act on; credentials never appear.
 */
final class RegistryErrors {

    private static final int MAX_EXCERPT = 300;

    private RegistryErrors() {
    }

    static ProducerException fromResponse(RegistryUrl url, RegistryCall call, int status, String body) {
        Map<String, Object> json = Json.parseObject(body);
        Object code = json.get("error_code");
        Object message = json.get("message");
        long errorCode = code instanceof Number n ? n.longValue() : status;
        String said = code != null || message != null
                ? "error_code " + errorCode + ", message: " + message
                : "body: " + excerpt(body);
        String text = "Schema Registry " + url.display() + " answered HTTP " + status + " (" + said + ") when "
                + call.describe();
        return switch (status) {
            case 401 -> new AuthenticationException(text + "; check the registry credentials ("
                    + RegistryAuth.BASIC_SOURCE + ", " + RegistryAuth.USER_INFO + ", " + RegistryAuth.BEARER_SOURCE
                    + ")");
            case 403 -> new AuthorizationException(text + "; the registry's credentials lack the permission");
            case 409 -> new SerializationException(text + "; the schema is incompatible with the subject's earlier "
                    + "versions under its compatibility rule");
            case 422 -> new SerializationException(text + "; the registry refused the schema or request as invalid");
            default -> new SerializationException(
                    (errorCode == 40401 || errorCode == 40403) && call.notFoundHint() != null
                            ? text + "; " + call.notFoundHint() : text);
        };
    }

    static boolean isRetriable(int status) {
        return status >= 500 || status == 408 || status == 429;
    }

    private static String excerpt(String body) {
        String text = body == null ? "" : body.strip();
        if (text.isEmpty()) {
            return "(empty)";
        }
        return text.length() > MAX_EXCERPT ? text.substring(0, MAX_EXCERPT) + "..." : text;
    }
}
