package dev.quill.producer.internal.registry;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * One request to the registry's REST API, with the words its messages use.
 *
 * @param method GET or POST
 * @param path the path and query under the base URL, subject already encoded
 * @param body the JSON body, or null
 * @param action what the request does, as a message says it ("registering a schema")
 * @param subject the subject it concerns, or null
 * @param notFoundHint what to do when the registry answers 40401 or 40403, or null
 */
record RegistryCall(String method, String path, String body, String action, String subject, String notFoundHint) {

    /** A subject as one path segment: Confluent's subjects may hold any character, '/' and spaces included. */
    static String segment(String subject) {
        return URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** "when registering a schema under subject orders-value", for the end of a message. */
    String describe() {
        return action + (subject == null ? "" : " under subject " + subject);
    }
}
