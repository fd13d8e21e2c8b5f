package dev.quill.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quill.producer.errors.ConfigException;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

class SerializersTest {

    private static final String TOPIC = "t";

    private static <T> void assertSameBytes(Serializer<T> ours, org.apache.kafka.common.serialization.Serializer<T> kafka,
                                            List<T> samples) {
        for (T sample : samples) {
            byte[] expected = kafka.serialize(TOPIC, sample);
            byte[] actual = ours.serialize(TOPIC, new Headers(), sample);
            assertThat(actual).as("%s of %s", ours.getClass().getSimpleName(), sample).isEqualTo(expected);
        }
    }

    @SafeVarargs
    private static <T> List<T> withNull(T... values) {
        List<T> list = new ArrayList<>(Arrays.asList(values));
        list.add(null);
        return list;
    }

    @Test
    void stringsMatchKafkaClients() {
        List<String> samples = withNull("", "hello", "h\u00e9llo w\u00f6rld \u2014 \u65e5\u672c\u8a9e \uD83C\uDF89",
                "\uD800 lone surrogate", "\u0000nul");
        assertSameBytes(Serializers.string(), new org.apache.kafka.common.serialization.StringSerializer(), samples);
    }

    @ParameterizedTest
    @CsvSource({"key.serializer.encoding,true,UTF-16", "value.serializer.encoding,false,ISO-8859-1",
            "serializer.encoding,true,UTF-16LE", "serializer.encoding,false,windows-1252"})
    void stringEncodingComesFromTheSameKeysAsInKafkaClients(String key, boolean isKey, String charset) {
        Map<String, Object> configs = Map.of(key, charset);
        Serializer<String> ours = Serializers.string();
        ours.configure(configs, isKey);
        var kafka = new org.apache.kafka.common.serialization.StringSerializer();
        kafka.configure(configs, isKey);
        assertSameBytes(ours, kafka, withNull("", "h\u00e9llo \u20ac", "plain"));
        assertThat(((StringSerializer) ours).charset().name()).isEqualToIgnoringCase(charset);
    }

    @Test
    void specificEncodingKeyWinsOverTheGeneralOneAndOtherSideIsIgnored() {
        Map<String, Object> configs = new HashMap<>();
        configs.put("serializer.encoding", "UTF-16");
        configs.put("key.serializer.encoding", "ISO-8859-1");
        StringSerializer key = new StringSerializer();
        key.configure(configs, true);
        StringSerializer value = new StringSerializer();
        value.configure(configs, false);
        assertThat(key.charset()).isEqualTo(StandardCharsets.ISO_8859_1);
        assertThat(value.charset()).isEqualTo(StandardCharsets.UTF_16);
    }

    @Test
    void explicitCharsetIsNotOverriddenByConfiguration() {
        Serializer<String> s = Serializers.string(StandardCharsets.UTF_16BE);
        s.configure(Map.of("serializer.encoding", "UTF-8"), false);
        assertThat(s.serialize(TOPIC, new Headers(), "a")).containsExactly(0, 'a');
    }

    @Test
    void unknownEncodingFailsNamingKeyAndValue() {
        assertThatThrownBy(() -> Serializers.string().configure(Map.of("value.serializer.encoding", "no-such"), false))
                .isInstanceOf(ConfigException.class)
                .hasMessage("Invalid value no-such for configuration value.serializer.encoding: unsupported encoding");
    }

    @Test
    void integersMatchKafkaClients() {
        assertSameBytes(Serializers.shorts(), new org.apache.kafka.common.serialization.ShortSerializer(),
                withNull(Short.MIN_VALUE, (short) -1, (short) 0, (short) 1, (short) 0x1234, Short.MAX_VALUE));
        assertSameBytes(Serializers.integers(), new org.apache.kafka.common.serialization.IntegerSerializer(),
                withNull(Integer.MIN_VALUE, -1, 0, 1, 0x12345678, Integer.MAX_VALUE));
        assertSameBytes(Serializers.longs(), new org.apache.kafka.common.serialization.LongSerializer(),
                withNull(Long.MIN_VALUE, -1L, 0L, 1L, 0x123456789abcdefL, Long.MAX_VALUE));
        assertThat(Serializers.integers().serialize(TOPIC, new Headers(), 1)).containsExactly(0, 0, 0, 1);
    }

    @Test
    void floatingPointMatchesKafkaClientsIncludingNaNPayloads() {
        assertSameBytes(Serializers.floats(), new org.apache.kafka.common.serialization.FloatSerializer(),
                withNull(0f, -0f, 1.5f, Float.MIN_VALUE, Float.MAX_VALUE, Float.NEGATIVE_INFINITY,
                        Float.POSITIVE_INFINITY, Float.NaN, Float.intBitsToFloat(0x7fc00001), Float.intBitsToFloat(0xffbfffff)));
        // kafka-clients canonicalizes NaN for doubles (doubleToLongBits) but keeps float NaN payloads (raw bits)
        assertSameBytes(Serializers.doubles(), new org.apache.kafka.common.serialization.DoubleSerializer(),
                withNull(0d, -0d, 1.5d, Double.MIN_VALUE, Double.MAX_VALUE, Double.NEGATIVE_INFINITY,
                        Double.POSITIVE_INFINITY, Double.NaN, Double.longBitsToDouble(0x7ff0000000000001L)));
    }

    @Test
    void booleansUuidsAndVoidMatchKafkaClients() {
        assertSameBytes(Serializers.booleans(), new org.apache.kafka.common.serialization.BooleanSerializer(),
                withNull(true, false));
        List<UUID> uuids = withNull(UUID.randomUUID(), new UUID(0, 0), new UUID(-1, -1),
                UUID.fromString("123e4567-e89b-12d3-a456-426614174000"));
        assertSameBytes(Serializers.uuids(), new org.apache.kafka.common.serialization.UUIDSerializer(), uuids);
        Serializer<UUID> utf16 = Serializers.uuids();
        utf16.configure(Map.of("key.serializer.encoding", "UTF-16"), true);
        var kafkaUtf16 = new org.apache.kafka.common.serialization.UUIDSerializer();
        kafkaUtf16.configure(Map.of("key.serializer.encoding", "UTF-16"), true);
        assertSameBytes(utf16, kafkaUtf16, uuids);
        assertThat(Serializers.voids().serialize(TOPIC, new Headers(), null)).isNull();
    }

    @Test
    void byteArraysPassThroughUncopied() {
        byte[] data = {1, 2, 3};
        assertThat(Serializers.byteArray().serialize(TOPIC, new Headers(), data)).isSameAs(data);
        assertSameBytes(Serializers.byteArray(), new org.apache.kafka.common.serialization.ByteArraySerializer(),
                withNull(new byte[0], data));
    }

    @Test
    void byteBuffersMatchKafkaClientsFromIndexZeroToLimit() {
        byte[] bytes = "0123456789".getBytes(StandardCharsets.US_ASCII);
        List<Function<Void, ByteBuffer>> shapes = List.of(
                v -> ByteBuffer.wrap(bytes),
                v -> ByteBuffer.wrap(bytes).position(3),
                v -> ByteBuffer.wrap(bytes).limit(6),
                v -> ByteBuffer.wrap(bytes, 2, 5),
                v -> ByteBuffer.wrap(bytes).position(2).slice(),
                v -> ByteBuffer.wrap(bytes).asReadOnlyBuffer(),
                v -> ByteBuffer.allocateDirect(10).put(bytes).flip(),
                v -> ByteBuffer.allocateDirect(10).put(bytes).position(4),
                v -> ByteBuffer.allocate(0));
        Serializer<ByteBuffer> ours = Serializers.byteBuffer();
        var kafka = new org.apache.kafka.common.serialization.ByteBufferSerializer();
        for (int i = 0; i < shapes.size(); i++) {
            ByteBuffer forUs = shapes.get(i).apply(null);
            int position = forUs.position();
            byte[] actual = ours.serialize(TOPIC, new Headers(), forUs);
            assertThat(actual).as("shape %d", i).isEqualTo(kafka.serialize(TOPIC, shapes.get(i).apply(null)));
            assertThat(forUs.position()).as("shape %d position untouched", i).isEqualTo(position);
        }
        assertThat(ours.serialize(TOPIC, new Headers(), null)).isNull();
        ByteBuffer exact = ByteBuffer.wrap(bytes);
        assertThat(ours.serialize(TOPIC, new Headers(), exact)).isSameAs(bytes);
    }

    @ParameterizedTest
    @CsvSource({
            "org.apache.kafka.common.serialization.StringSerializer, dev.quill.producer.serialization.StringSerializer",
            "org.apache.kafka.common.serialization.ByteArraySerializer, dev.quill.producer.serialization.ByteArraySerializer",
            "org.apache.kafka.common.serialization.ByteBufferSerializer, dev.quill.producer.serialization.ByteBufferSerializer",
            "org.apache.kafka.common.serialization.ShortSerializer, dev.quill.producer.serialization.ShortSerializer",
            "org.apache.kafka.common.serialization.IntegerSerializer, dev.quill.producer.serialization.IntegerSerializer",
            "org.apache.kafka.common.serialization.LongSerializer, dev.quill.producer.serialization.LongSerializer",
            "org.apache.kafka.common.serialization.FloatSerializer, dev.quill.producer.serialization.FloatSerializer",
            "org.apache.kafka.common.serialization.DoubleSerializer, dev.quill.producer.serialization.DoubleSerializer",
            "org.apache.kafka.common.serialization.BooleanSerializer, dev.quill.producer.serialization.BooleanSerializer",
            "org.apache.kafka.common.serialization.UUIDSerializer, dev.quill.producer.serialization.UUIDSerializer",
            "org.apache.kafka.common.serialization.VoidSerializer, dev.quill.producer.serialization.VoidSerializer",
            "dev.quill.producer.serialization.LongSerializer, dev.quill.producer.serialization.LongSerializer"})
    void kafkaClassNamesMapToQuillSerializers(String name, String expected) throws Exception {
        assertThat(Serializers.forClassName(name)).isInstanceOf(Class.forName(expected));
        assertThat(Serializers.forClassName("  " + name + " ")).isInstanceOf(Class.forName(expected));
        // kafka-clients' classes given as Class objects map by name too
        assertThat(Serializers.forClass(Class.forName(name))).isInstanceOf(Class.forName(expected));
    }

    @Test
    void factoryMethodsReturnTheDocumentedTypes() {
        assertThat(Serializers.string()).isInstanceOf(StringSerializer.class);
        assertThat(Serializers.byteArray()).isInstanceOf(ByteArraySerializer.class);
        assertThat(Serializers.byteBuffer()).isInstanceOf(ByteBufferSerializer.class);
        assertThat(Serializers.shorts()).isInstanceOf(ShortSerializer.class);
        assertThat(Serializers.integers()).isInstanceOf(IntegerSerializer.class);
        assertThat(Serializers.longs()).isInstanceOf(LongSerializer.class);
        assertThat(Serializers.floats()).isInstanceOf(FloatSerializer.class);
        assertThat(Serializers.doubles()).isInstanceOf(DoubleSerializer.class);
        assertThat(Serializers.booleans()).isInstanceOf(BooleanSerializer.class);
        assertThat(Serializers.uuids()).isInstanceOf(UUIDSerializer.class);
        assertThat(Serializers.voids()).isInstanceOf(VoidSerializer.class);
        assertThat(Serializers.string()).isNotSameAs(Serializers.string());
    }

    @Test
    void userSerializerClassIsInstantiated() {
        assertThat(Serializers.forClassName(Upper.class.getName())).isInstanceOf(Upper.class);
        assertThat(Serializers.forClass(Upper.class)).isInstanceOf(Upper.class);
    }

    @Test
    void kafkaClientsSerializersAreAdaptedAndKafkasBuiltInNamesStillMapToQuills() {
        assertThat(Serializers.forClass(KafkaOnly.class))
                .hasToString("kafka-clients serializer " + KafkaOnly.class.getName());
        assertThat(Serializers.forClassName(KafkaOnly.class.getName())).isNotInstanceOf(KafkaOnly.class);
        assertThat(Serializers.forClass(org.apache.kafka.common.serialization.StringSerializer.class))
                .isInstanceOf(StringSerializer.class);
        assertThat(Serializers.forClass(Both.class)).isInstanceOf(Both.class);
    }

    @Test
    void unusableClassesFailNamingTheClassAndReason() {
        assertThatThrownBy(() -> Serializers.forClassName("com.example.Nope"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("Cannot use class com.example.Nope as a dev.quill.producer.Serializer: "
                        + "Class com.example.Nope could not be found");
        assertThatThrownBy(() -> Serializers.forClassName("java.lang.String"))
                .hasMessageContaining("java.lang.String does not implement dev.quill.producer.Serializer");
        assertThatThrownBy(() -> Serializers.forClassName("org.apache.kafka.common.serialization.BytesSerializer"))
                .hasMessageContaining("BytesSerializer").hasMessageContaining("ByteArraySerializer");
        assertThatThrownBy(() -> Serializers.forClassName("org.apache.kafka.common.serialization.ListSerializer"))
                .hasMessageContaining("not supported yet");
        assertThatThrownBy(() -> Serializers.forClass(Hidden.class)).hasMessageContaining("is not public");
        assertThatThrownBy(() -> Serializers.forClassName(null)).isInstanceOf(ConfigException.class);
    }

    public static final class Upper implements Serializer<String> {
        @Override
        public byte[] serialize(String topic, Headers headers, String data) {
            return data == null ? null : data.toUpperCase().getBytes(StandardCharsets.UTF_8);
        }
    }

    static final class Hidden implements Serializer<String> {
        @Override
        public byte[] serialize(String topic, Headers headers, String data) {
            return null;
        }
    }

    public static final class KafkaOnly implements org.apache.kafka.common.serialization.Serializer<String> {
        @Override
        public byte[] serialize(String topic, String data) {
            return null;
        }
    }

    /** Implements both interfaces: used as Quill's, no adapter. */
    public static final class Both implements Serializer<String>, org.apache.kafka.common.serialization.Serializer<String> {
        @Override
        public byte[] serialize(String topic, Headers headers, String data) {
            return null;
        }

        @Override
        public byte[] serialize(String topic, String data) {
            return null;
        }

        @Override
        public void configure(Map<String, ?> configs, boolean isKey) {
        }

        @Override
        public void close() {
        }
    }
}
