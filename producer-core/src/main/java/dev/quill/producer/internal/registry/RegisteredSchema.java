package dev.quill.producer.internal.registry;

/**
 * A schema as the registry holds it under a subject.
 *
 * @param id the id written into each record
 * @param version its version under the subject, or -1 when the answer has none
 * @param schema the schema text
 */
public record RegisteredSchema(int id, int version, String schema) {
}
