package dev.quill.producer.serialization;

import java.util.Map;

import dev.quill.producer.Headers;
import dev.quill.producer.errors.ConfigException;
import dev.quill.producer.errors.SerializationException;
import dev.quill.producer.internal.OptionalLibraries;
import dev.quill.producer.internal.avro.AvroRegistryWriter;
import dev.quill.producer.internal.avro.AvroSerializerSettings;

/**
 * Avro with a Confluent-compatible Schema Registry: writes Confluent's framing (byte 0, the 4-byte big-endian
 * schema id, the Avro binary), so that Confluent's {@code KafkaAvroDeserializer} and every other client of that
 * format read the records. {@code io.confluent.kafka.serializers.KafkaAvroSerializer} in {@code key.serializer} or
 * {@code value.serializer} means this class.
 *
 * <p>Takes Confluent's configuration keys and defaults: {@code schema.registry.url} (required; comma-separated URLs
 * are tried in turn), {@code auto.register.schemas} (true), {@code use.schema.id} (-1), {@code use.latest.version}
 * (false), {@code latest.compatibility.strict} (true), {@code normalize.schemas} (false),
 * {@code avro.remove.java.properties} (false), {@code key.subject.name.strategy} and
 * {@code value.subject.name.strategy} by Confluent's class names ({@code TopicNameStrategy}, the default,
 * {@code RecordNameStrategy}, {@code TopicRecordNameStrategy}), {@code max.schemas.per.subject} (1000),
 * {@code basic.auth.credentials.source} with {@code basic.auth.user.info} or {@code sasl.jaas.config},
 * {@code bearer.auth.credentials.source=STATIC_TOKEN} with {@code bearer.auth.token},
 * {@code request.header.<name>} and {@code schema.registry.ssl.*}. A lookup, retries included, takes at most the
 * producer's {@code max.block.ms}.
 *
 * <p>Values: null (a tombstone: no bytes at all), {@code GenericRecord}, {@code SpecificRecord}, enum symbols, fixed,
 * arrays, and Java's Boolean, Integer, Long, Float, Double, CharSequence, byte[] and ByteBuffer with Avro's primitive
 * schemas; bytes are written raw after the header, as Confluent's serializer writes them. Logical types
 * (decimal, uuid, date, time and timestamp types) may be given as their Java types.
 *
 * <p>The value is encoded on the calling thread. When its schema id is cached the bytes are final at once and no
 * registry call is made; otherwise the bytes wait for the one lookup of that subject and schema.
 *
 * <p>Needs {@code org.apache.avro:avro} on the class path: it is an optional dependency of Quill.
 */
public class AvroSerializer implements AsyncSerializer<Object> {

    private static final String AVRO_CLASS = "org.apache.avro.Schema";

    private volatile AvroRegistryWriter writer;

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        requireAvro();
        writer = new AvroRegistryWriter(AvroSerializerSettings.from(configs, isKey), isKey);
    }

    @Override
    public Serialized serializeAsync(String topic, Headers headers, Object data) {
        AvroRegistryWriter current = writer;
        if (current == null) {
            throw new SerializationException("AvroSerializer was not configured: call configure() with at least "
                    + "schema.registry.url before the first record");
        }
        return current.write(topic, data);
    }

    /** HTTP requests this serializer has sent to the registry, retries included. */
    long registryRequests() {
        AvroRegistryWriter current = writer;
        return current == null ? 0 : current.registryRequests();
    }

    /** The registry requests' outcomes so far (retries each count), and the latest failure. */
    @Override
    public LookupStats lookupStats() {
        AvroRegistryWriter current = writer;
        return current == null ? LookupStats.NONE : current.lookupStats();
    }

    /** Fails with the dependency to add, rather than a NoClassDefFoundError at the first record. */
    private static void requireAvro() {
        try {
            Class.forName(AVRO_CLASS, false, AvroSerializer.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new ConfigException("The Avro serializer (io.confluent.kafka.serializers.KafkaAvroSerializer, "
                    + AvroSerializer.class.getName() + ") needs " + OptionalLibraries.artifact("avro")
                    + " on the class path: add " + OptionalLibraries.coordinates("avro")
                    + " to the application's dependencies", e);
        }
    }
}
