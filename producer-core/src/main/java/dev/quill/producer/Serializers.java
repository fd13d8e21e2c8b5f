package dev.quill.producer;

import dev.quill.producer.errors.ConfigException;
import dev.quill.producer.internal.config.KafkaAdapters;
import dev.quill.producer.internal.config.Plugins;
import dev.quill.producer.serialization.AvroSerializer;
import dev.quill.producer.serialization.BooleanSerializer;
import dev.quill.producer.serialization.ByteArraySerializer;
import dev.quill.producer.serialization.ByteBufferSerializer;
import dev.quill.producer.serialization.DoubleSerializer;
import dev.quill.producer.serialization.FloatSerializer;
import dev.quill.producer.serialization.IntegerSerializer;
import dev.quill.producer.serialization.LongSerializer;
import dev.quill.producer.serialization.ShortSerializer;
import dev.quill.producer.serialization.StringSerializer;
import dev.quill.producer.serialization.UUIDSerializer;
import dev.quill.producer.serialization.VoidSerializer;

import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.util.Map;
import java.util.UUID;

/**
 * The built-in serializers, each writing the same bytes as its kafka-clients counterpart, so that consumers
 * using kafka-clients' deserializers read Quill's records unchanged.
 *
 * <pre>{@code
 * QuillProducer.create(config, Serializers.string(), Serializers.longs());
 * Serializer<?> s = Serializers.forClassName("org.apache.kafka.common.serialization.StringSerializer");
 * }</pre>
 *
 * <p>Every method returns a new instance; null keys and values serialize to null (no bytes on the wire).
 */
public final class Serializers {

    private static final String KAFKA = "org.apache.kafka.common.serialization.";
    private static final String KAFKA_SERIALIZER = KAFKA + "Serializer";
    private static final String CONFLUENT = "io.confluent.kafka.serializers.";

    /**
     * kafka-clients' class names (and Confluent's Avro serializer's), mapped to the Quill serializer writing the same
     * bytes. Naming AvroSerializer here loads only that class, not Avro: it touches Avro in configure().
     */
    @SuppressWarnings("rawtypes")
    private static final Map<String, Class<? extends Serializer>> KAFKA_ALIASES = Map.ofEntries(
            Map.entry(KAFKA + "StringSerializer", StringSerializer.class),
            Map.entry(KAFKA + "ByteArraySerializer", ByteArraySerializer.class),
            Map.entry(KAFKA + "ByteBufferSerializer", ByteBufferSerializer.class),
            Map.entry(KAFKA + "ShortSerializer", ShortSerializer.class),
            Map.entry(KAFKA + "IntegerSerializer", IntegerSerializer.class),
            Map.entry(KAFKA + "LongSerializer", LongSerializer.class),
            Map.entry(KAFKA + "FloatSerializer", FloatSerializer.class),
            Map.entry(KAFKA + "DoubleSerializer", DoubleSerializer.class),
            Map.entry(KAFKA + "BooleanSerializer", BooleanSerializer.class),
            Map.entry(KAFKA + "UUIDSerializer", UUIDSerializer.class),
            Map.entry(KAFKA + "VoidSerializer", VoidSerializer.class),
            Map.entry(CONFLUENT + "KafkaAvroSerializer", AvroSerializer.class));

    private static final Map<String, String> KAFKA_REFUSED = Map.of(
            KAFKA + "BytesSerializer", "kafka-clients' Bytes type does not exist in Quill; "
                    + "use org.apache.kafka.common.serialization.ByteArraySerializer (Serializers.byteArray())",
            KAFKA + "ListSerializer", "list serialization is not supported yet; "
                    + "pass your own dev.quill.producer.Serializer instance");

    private Serializers() {
    }

    /** Strings as UTF-8 unless the producer's configuration names an encoding (see {@link StringSerializer}). */
    public static Serializer<String> string() {
        return new StringSerializer();
    }

    /** Strings in this charset, whatever the configuration's encoding keys say. */
    public static Serializer<String> string(Charset charset) {
        return new StringSerializer(charset);
    }

    /** Byte arrays as they are, not copied: do not change an array until its send completes. */
    public static Serializer<byte[]> byteArray() {
        return new ByteArraySerializer();
    }

    /** A buffer's bytes from index 0 to its limit, ignoring its position (see {@link ByteBufferSerializer}). */
    public static Serializer<ByteBuffer> byteBuffer() {
        return new ByteBufferSerializer();
    }

    /** 2 bytes, big-endian. */
    public static Serializer<Short> shorts() {
        return new ShortSerializer();
    }

    /** 4 bytes, big-endian. */
    public static Serializer<Integer> integers() {
        return new IntegerSerializer();
    }

    /** 8 bytes, big-endian. */
    public static Serializer<Long> longs() {
        return new LongSerializer();
    }

    /** 4 bytes, IEEE 754 big-endian. */
    public static Serializer<Float> floats() {
        return new FloatSerializer();
    }

    /** 8 bytes, IEEE 754 big-endian; NaNs canonicalized as kafka-clients does. */
    public static Serializer<Double> doubles() {
        return new DoubleSerializer();
    }

    /** One byte, 1 or 0. */
    public static Serializer<Boolean> booleans() {
        return new BooleanSerializer();
    }

    /** The 36-character text form, encoded as {@link #string()} encodes (not the 16 raw bytes). */
    public static Serializer<UUID> uuids() {
        return new UUIDSerializer();
    }

    /** Always null: for records without a key (or, meaning tombstones, without a value). */
    public static Serializer<Void> voids() {
        return new VoidSerializer();
    }

    /**
     * A new serializer for a class name: one of kafka-clients' built-in serializers
     * ({@code org.apache.kafka.common.serialization.StringSerializer}, {@code ByteArraySerializer},
     * {@code ByteBufferSerializer}, {@code ShortSerializer}, {@code IntegerSerializer}, {@code LongSerializer},
     * {@code FloatSerializer}, {@code DoubleSerializer}, {@code BooleanSerializer}, {@code UUIDSerializer},
     * {@code VoidSerializer}), mapped to Quill's; Confluent's {@code io.confluent.kafka.serializers.KafkaAvroSerializer},
     * mapped to {@link AvroSerializer}; or a public class with a public no-argument constructor implementing
     * {@link Serializer} or kafka-clients' {@code org.apache.kafka.common.serialization.Serializer} (then run through
     * an adapter: it needs kafka-clients on the class path, gets a kafka-clients view of the record's headers, and
     * one implementing both interfaces is used as Quill's). Not configured: call {@link Serializer#configure} before
     * use when it reads settings.
     *
     * @throws ConfigException naming the class and the reason when it cannot be found or loaded (a kafka-clients
     *         serializer without kafka-clients on the class path), implements neither interface, or cannot be
     *         instantiated
     */
    public static Serializer<?> forClassName(String className) {
        return instantiate(null, className);
    }

    /** As {@link #forClassName(String)}, for a class object (kafka-clients' classes map by their name). */
    public static Serializer<?> forClass(Class<?> type) {
        return instantiate(null, type);
    }

    /**
     * Checks that a class or class name can be used as a serializer, without instantiating it: the result
     * implements Quill's {@link Serializer} or kafka-clients' (checked by name, so kafka-clients is not loaded here).
     *
     * @param key the configuration key, named in the exception's message
     */
    static Class<?> resolve(String key, Object classOrName) {
        return Plugins.resolveAdaptable(key, classOrName, Serializer.class, KAFKA_SERIALIZER, KAFKA_ALIASES,
                KAFKA_REFUSED);
    }

    static Serializer<?> instantiate(String key, Object classOrName) {
        if (classOrName == null) {
            throw new ConfigException(key == null ? "Cannot use class null as a serializer"
                    : "Missing required configuration " + key + " which has no default value.");
        }
        Class<?> cls = resolve(key, classOrName);
        if (Serializer.class.isAssignableFrom(cls)) {
            return Plugins.instantiate(key, cls.asSubclass(Serializer.class), Serializer.class);
        }
        return KafkaAdapters.serializer(key, cls);
    }
}
