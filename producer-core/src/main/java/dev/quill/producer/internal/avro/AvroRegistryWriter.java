package dev.quill.producer.internal.avro;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.SchemaParseException;

import dev.quill.producer.errors.SerializationException;
import dev.quill.producer.internal.registry.RegisteredSchema;
import dev.quill.producer.internal.registry.SchemaIdCache;
import dev.quill.producer.internal.registry.SchemaRegistryClient;
import dev.quill.producer.serialization.LookupStats;
import dev.quill.producer.serialization.Serialized;

/**
 * The Avro serializer's work, in a class of its own so that the public serializer loads without Avro on the
 * class path. Encodes on the caller's thread; the schema id comes from the cache, or from one registry lookup per
 * (subject, schema) that every waiting record shares.
 *
 * <p>The value is always written with its own schema. When the id is chosen by use.latest.version or use.schema.id,
 * the schema behind that id must therefore write the same bytes (same Parsing Canonical Form), else the record
 * fails: Confluent's serializer would write with the registered schema, but here the bytes exist before the
 * registry answers.
 */
public final class AvroRegistryWriter {

    private static final int MAX_PREPARED = 1000;

    private final boolean isKey;
    private final AvroSerializerSettings settings;
    private final SchemaRegistryClient registry;
    private final SchemaIdCache<Schema> ids;
    private final Map<Schema, PreparedSchema> prepared = new ConcurrentHashMap<>();

    public AvroRegistryWriter(AvroSerializerSettings settings, boolean isKey) {
        this.settings = settings;
        this.isKey = isKey;
        this.registry = new SchemaRegistryClient(settings.registry());
        this.ids = new SchemaIdCache<>(settings.registry().maxSchemasPerSubject());
    }

    public Serialized write(String topic, Object data) {
        if (data == null) {
            // A tombstone stays a tombstone: no framing, no schema (as Confluent's serializer).
            return Serialized.now(null);
        }
        PreparedSchema schema = prepare(AvroSchemas.of(data));
        byte[] bytes = encode(topic, data, schema);
        String subject = subject(topic, schema);
        Integer known = ids.known(subject, schema.registered);
        if (known != null) {
            AvroDatumEncoder.writeId(bytes, known);
            return Serialized.now(bytes);
        }
        CompletableFuture<Integer> id = ids.get(subject, schema.registered, () -> lookup(subject, schema));
        return new Serialized(bytes, id.thenAccept(value -> AvroDatumEncoder.writeId(bytes, value)));
    }

    /** HTTP requests sent to the registry so far. */
    public long registryRequests() {
        return registry.requestCount();
    }

    /** The registry requests' outcomes so far, and the latest failure. */
    public LookupStats lookupStats() {
        return registry.stats();
    }

    private PreparedSchema prepare(Schema schema) {
        PreparedSchema found = prepared.get(schema);
        if (found != null) {
            return found;
        }
        if (prepared.size() >= MAX_PREPARED) {
            prepared.clear(); // ever-new schemas: start over rather than grow
        }
        return prepared.computeIfAbsent(schema, s -> new PreparedSchema(s, settings.removeJavaProperties()));
    }

    private byte[] encode(String topic, Object data, PreparedSchema schema) {
        try {
            return AvroDatumEncoder.encode(data, schema.schema, schema.writer(data));
        } catch (AvroRuntimeException | ClassCastException | NullPointerException | IllegalArgumentException e) {
            throw new SerializationException("Can't write a " + data.getClass().getName() + " as Avro "
                    + describe(schema.schema) + " for topic " + topic + ": " + e, e);
        }
    }

    private String subject(String topic, PreparedSchema schema) {
        if (settings.subjectNameStrategy().needsRecordName() && schema.recordName == null) {
            throw new SerializationException("In configuration " + (isKey ? "key" : "value")
                    + ".subject.name.strategy = " + settings.subjectNameStrategy().className() + ", the message "
                    + (isKey ? "key" : "value") + " must be an Avro record, not " + describe(schema.schema));
        }
        return settings.subjectNameStrategy().subject(topic, isKey, schema.recordName);
    }

    /** Confluent's order: auto.register.schemas, use.schema.id, use.latest.version, else a lookup. */
    private CompletableFuture<Integer> lookup(String subject, PreparedSchema schema) {
        if (settings.autoRegister()) {
            return registry.register(subject, schema.text, settings.normalize());
        }
        if (settings.useSchemaId() >= 0) {
            int id = settings.useSchemaId();
            return registry.schemaById(id, subject).thenApply(text -> {
                requireSameEncoding(parse(text, subject), schema, subject, "use.schema.id=" + id);
                return id;
            });
        }
        if (settings.useLatestVersion()) {
            return registry.latest(subject, "subject " + subject + " has no registered version; register a schema "
                    + "under it first").thenApply(latest -> checkLatest(latest, schema, subject));
        }
        return registry.lookup(subject, schema.text, settings.normalize(), "the schema is not registered under "
                + "subject " + subject + " and auto.register.schemas=false: register the schema, or set "
                + "use.latest.version=true to write the id of the subject's latest version");
    }

    private int checkLatest(RegisteredSchema latest, PreparedSchema schema, String subject) {
        Schema latestSchema = parse(latest.schema(), subject);
        if (settings.latestCompatibilityStrict()) {
            SchemaCompatibility.SchemaPairCompatibility result =
                    SchemaCompatibility.checkReaderWriterCompatibility(latestSchema, schema.registered);
            if (result.getType() != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
                List<String> why = result.getResult().getIncompatibilities().stream()
                        .map(i -> i.getType() + " at " + i.getLocation() + ": " + i.getMessage())
                        .collect(Collectors.toList());
                throw new SerializationException("Incompatible schema of type 'AVRO': the latest version "
                        + latest.version() + " (id " + latest.id() + ") of subject " + subject + " cannot read data "
                        + "written with " + describe(schema.schema) + " " + why
                        + ". Set latest.compatibility.strict=false to disable this check.");
            }
        }
        requireSameEncoding(latestSchema, schema, subject, "use.latest.version=true (version " + latest.version()
                + ", id " + latest.id() + ")");
        return latest.id();
    }

    private static void requireSameEncoding(Schema registered, PreparedSchema schema, String subject, String how) {
        if (!SchemaNormalization.toParsingForm(registered).equals(SchemaNormalization.toParsingForm(schema.schema))) {
            throw new SerializationException("The schema chosen by " + how + " for subject " + subject
                    + " differs from the value's own " + describe(schema.schema) + " in a way that changes the "
                    + "bytes; the serializer writes values with their own schema, so it can only use an id whose "
                    + "schema has the same Parsing Canonical Form: " + SchemaNormalization.toParsingForm(registered));
        }
    }

    private static Schema parse(String text, String subject) {
        try {
            return new Schema.Parser().parse(text);
        } catch (SchemaParseException e) {
            throw new SerializationException("Schema Registry answered with a schema for subject " + subject
                    + " that Avro cannot parse: " + e.getMessage(), e);
        }
    }

    private static String describe(Schema schema) {
        return switch (schema.getType()) {
            case RECORD, ENUM, FIXED -> schema.getType().getName() + " " + schema.getFullName();
            default -> "schema " + schema.getType().getName();
        };
    }
}
