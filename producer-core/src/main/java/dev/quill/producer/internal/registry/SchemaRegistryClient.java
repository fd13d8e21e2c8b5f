package dev.quill.producer.internal.registry;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

import dev.quill.producer.errors.SerializationException;
import dev.quill.producer.internal.json.Json;
import dev.quill.producer.serialization.LookupStats;

/**
 * The four calls of Confluent's Schema Registry REST API the serializer needs, asynchronous, against any
 * compatible registry (Confluent, Apicurio's {@code ccompat} API, Karapace). Caches nothing: see
 * {@link SchemaIdCache}.
 */
public final class SchemaRegistryClient {

    private final RegistryTransport transport;

    public SchemaRegistryClient(RegistrySettings settings) {
        this.transport = new RegistryTransport(settings);
    }

    /** {@code POST /subjects/{subject}/versions}: registers the schema (or finds it registered) and gives its id. */
    public CompletableFuture<Integer> register(String subject, String schema, boolean normalize) {
        String path = "/subjects/" + RegistryCall.segment(subject) + "/versions" + (normalize ? "?normalize=true" : "");
        return transport.send(new RegistryCall("POST", path, body(schema), "registering a schema", subject, null))
                .thenApply(json -> id(json, subject, "registering a schema"));
    }

    /**
     * {@code POST /subjects/{subject}}: the id of this schema if it is registered under the subject.
     *
     * @param notFoundHint what the failure says to do when the subject or schema is not registered
     */
    public CompletableFuture<Integer> lookup(String subject, String schema, boolean normalize, String notFoundHint) {
        String path = "/subjects/" + RegistryCall.segment(subject) + (normalize ? "?normalize=true" : "");
        return transport.send(new RegistryCall("POST", path, body(schema), "looking up a schema", subject,
                        notFoundHint))
                .thenApply(json -> id(json, subject, "looking up a schema"));
    }

    /** {@code GET /subjects/{subject}/versions/latest}. */
    public CompletableFuture<RegisteredSchema> latest(String subject, String notFoundHint) {
        String path = "/subjects/" + RegistryCall.segment(subject) + "/versions/latest";
        return transport.send(new RegistryCall("GET", path, null, "fetching the latest version", subject,
                        notFoundHint))
                .thenApply(json -> new RegisteredSchema(id(json, subject, "fetching the latest version"),
                        json.get("version") instanceof Number v ? v.intValue() : -1,
                        schemaText(json, subject, "fetching the latest version")));
    }

    /** {@code GET /schemas/ids/{id}}: the schema text; {@code subject} only names the record's subject in messages. */
    public CompletableFuture<String> schemaById(int id, String subject) {
        String action = "fetching schema id " + id;
        return transport.send(new RegistryCall("GET", "/schemas/ids/" + id, null, action, subject, null))
                .thenApply(json -> schemaText(json, subject, action));
    }

    /** HTTP requests sent so far, retries included: lets tests see that a cached id costs nothing. */
    public long requestCount() {
        return transport.requestCount();
    }

    /** The requests' outcomes so far, and the latest failure. */
    public LookupStats stats() {
        return transport.stats();
    }

    /** Schemas of type AVRO omit {@code schemaType}, as Confluent's own client does. */
    private static String body(String schema) {
        return "{\"schema\":" + Json.string(schema) + "}";
    }

    private static int id(Map<String, Object> json, String subject, String action) {
        if (json.get("id") instanceof Number id) {
            return id.intValue();
        }
        throw new SerializationException("Schema Registry answered without a schema id when " + action
                + " under subject " + subject + ": " + json.keySet());
    }

    private static String schemaText(Map<String, Object> json, String subject, String action) {
        if (json.get("schema") instanceof String schema) {
            return schema;
        }
        throw new SerializationException("Schema Registry answered without a schema when " + action
                + " under subject " + subject);
    }
}
