package dev.quill.producer.serialization;

import static dev.quill.producer.serialization.AvroFrames.body;
import static dev.quill.producer.serialization.AvroFrames.decode;
import static dev.quill.producer.serialization.AvroFrames.id;
import static dev.quill.producer.serialization.AvroFrames.latestId;
import static dev.quill.producer.serialization.AvroFrames.serializer;
import static dev.quill.producer.serialization.AvroFrames.uniqueTopic;
import static dev.quill.producer.serialization.AvroFrames.writerSchema;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.util.Utf8;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.quill.producer.Serializers;
import dev.quill.producer.errors.ConfigException;
import dev.quill.producer.errors.SerializationException;
import dev.quill.producer.testkit.SchemaRegistry;

/** The Avro serializer against a real registry (Apicurio's Confluent API): framing, ids, caching, value types. */
class AvroSerializerTest {

    static final Schema ORDER = new Schema.Parser().parse("""
            {"type":"record","name":"Order","namespace":"dev.quill.test","fields":[
              {"name":"id","type":"string"},
              {"name":"amount","type":"int"}]}""");

    private static SchemaRegistry registry;

    @BeforeAll
    static void startRegistry() {
        registry = SchemaRegistry.shared();
    }

    static GenericRecord order(String id, int amount) {
        GenericRecord record = new GenericData.Record(ORDER);
        record.put("id", id);
        record.put("amount", amount);
        return record;
    }

    @Test
    void writesMagicByteTheRegisteredIdAndAvroBinaryThatDecodesWithTheSchemaOfThatId() {
        String topic = uniqueTopic("orders");
        AvroSerializer serializer = serializer(registry.url(), false);

        byte[] bytes = serializer.serialize(topic, null, order("o-1", 42));

        assertThat(bytes[0]).isZero();
        assertThat(id(bytes)).isEqualTo(latestId(registry, topic + "-value"));
        assertThat(writerSchema(registry, bytes)).isEqualTo(ORDER);
        GenericRecord decoded = (GenericRecord) decode(registry, bytes);
        assertThat(decoded.get("id")).hasToString("o-1");
        assertThat(decoded.get("amount")).isEqualTo(42);
    }

    @Test
    void aCachedIdMakesTheBytesFinalAtOnceWithoutAnyRegistryRequest() {
        String topic = uniqueTopic("cached");
        AvroSerializer serializer = serializer(registry.url(), false);
        Serialized first = serializer.serializeAsync(topic, null, order("a", 1));
        first.ready().join();
        long requests = serializer.registryRequests();

        Serialized second = serializer.serializeAsync(topic, null, order("b", 2));

        assertThat(second.isReady()).isTrue();
        assertThat(serializer.registryRequests()).isEqualTo(requests);
        assertThat(id(second.bytes())).isEqualTo(id(first.bytes()));
    }

    @Test
    void recordsWaitingForTheSameNewSchemaShareOneLookup() {
        String topic = uniqueTopic("shared-lookup");
        AvroSerializer serializer = serializer(registry.url(), false);

        List<Serialized> all = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            all.add(serializer.serializeAsync(topic, null, order("o-" + i, i)));
        }
        CompletableFuture.allOf(all.stream().map(Serialized::ready).toArray(CompletableFuture[]::new)).join();

        assertThat(serializer.registryRequests()).isEqualTo(1);
        int expected = latestId(registry, topic + "-value");
        assertThat(all).allSatisfy(s -> assertThat(id(s.bytes())).isEqualTo(expected));
        assertThat(((GenericRecord) decode(registry, all.get(49).bytes())).get("amount")).isEqualTo(49);
    }

    @Test
    void theBytesAreTakenWhenSendIsCalledNotWhenTheIdArrives() {
        String topic = uniqueTopic("snapshot");
        AvroSerializer serializer = serializer(registry.url(), false);
        GenericRecord record = order("before", 1);

        Serialized serialized = serializer.serializeAsync(topic, null, record);
        record.put("id", "after");
        serialized.ready().join();

        assertThat(((GenericRecord) decode(registry, serialized.bytes())).get("id")).hasToString("before");
    }

    @Test
    void aNullValueIsATombstoneWithoutFramingOrRegistryCall() {
        AvroSerializer serializer = serializer(registry.url(), false);

        Serialized serialized = serializer.serializeAsync(uniqueTopic("tombstone"), null, null);

        assertThat(serialized.bytes()).isNull();
        assertThat(serialized.isReady()).isTrue();
        assertThat(serializer.registryRequests()).isZero();
    }

    @Test
    void javaPrimitivesGetAvrosPrimitiveSchemas() {
        AvroSerializer serializer = serializer(registry.url(), false);
        Object[] values = {"text", new Utf8("utf8"), 7, 7L, true, 1.5f, 2.25d};
        String[] types = {"string", "string", "int", "long", "boolean", "float", "double"};
        for (int i = 0; i < values.length; i++) {
            String topic = uniqueTopic("primitive");

            byte[] bytes = serializer.serialize(topic, null, values[i]);

            assertThat(writerSchema(registry, bytes).getType().getName()).isEqualTo(types[i]);
            assertThat(id(bytes)).isEqualTo(latestId(registry, topic + "-value"));
            Object decoded = decode(registry, bytes);
            assertThat(decoded.toString()).isEqualTo(values[i].toString());
        }
    }

    @Test
    void bytesAreWrittenRawAfterTheHeaderWithoutAvrosLengthPrefix() {
        AvroSerializer serializer = serializer(registry.url(), false);
        byte[] raw = "raw payload".getBytes(StandardCharsets.UTF_8);

        byte[] fromArray = serializer.serialize(uniqueTopic("bytes"), null, raw);
        byte[] fromBuffer = serializer.serialize(uniqueTopic("bytes"), null, ByteBuffer.wrap(raw));

        assertThat(body(fromArray)).isEqualTo(raw);
        assertThat(body(fromBuffer)).isEqualTo(raw);
        assertThat(writerSchema(registry, fromArray).getType()).isEqualTo(Schema.Type.BYTES);
    }

    @Test
    void enumsFixedAndArraysCarryTheirOwnSchemas() {
        AvroSerializer serializer = serializer(registry.url(), false);
        Schema suit = Schema.createEnum("Suit", null, "dev.quill.test", List.of("HEARTS", "SPADES"));
        Schema md5 = Schema.createFixed("Md5", null, "dev.quill.test", 4);
        Schema longs = Schema.createArray(Schema.create(Schema.Type.LONG));

        Object symbol = decode(registry, serializer.serialize(uniqueTopic("enum"), null,
                new GenericData.EnumSymbol(suit, "SPADES")));
        Object fixed = decode(registry, serializer.serialize(uniqueTopic("fixed"), null,
                new GenericData.Fixed(md5, new byte[] {1, 2, 3, 4})));
        Object array = decode(registry, serializer.serialize(uniqueTopic("array"), null,
                new GenericData.Array<>(longs, List.of(1L, 2L, 3L))));

        assertThat(symbol).hasToString("SPADES");
        assertThat(((GenericData.Fixed) fixed).bytes()).containsExactly(1, 2, 3, 4);
        assertThat(array).isEqualTo(List.of(1L, 2L, 3L));
    }

    @Test
    void aTypeAvroCannotWriteFailsNamingTheType() {
        AvroSerializer serializer = serializer(registry.url(), false);

        assertThatThrownBy(() -> serializer.serializeAsync("t", null, new StringBuilder[0]))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("[Ljava.lang.StringBuilder;");
        assertThatThrownBy(() -> serializer.serializeAsync("t", null, new Object()))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("java.lang.Object");
    }

    @Test
    void aRecordThatDoesNotFitItsSchemaFailsAtOnceNamingTheSchema() {
        AvroSerializer serializer = serializer(registry.url(), false);
        GenericRecord incomplete = new GenericData.Record(ORDER);
        incomplete.put("id", "no amount");

        assertThatThrownBy(() -> serializer.serializeAsync("t", null, incomplete))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("record dev.quill.test.Order");
        assertThat(serializer.registryRequests()).isZero();
    }

    @Test
    void withoutARegistryUrlConfigurationFailsNamingTheKey() {
        assertThatThrownBy(() -> new AvroSerializer().configure(Map.of(), false))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("schema.registry.url");
    }

    @Test
    void confluentsClassNameMeansThisSerializer() {
        assertThat(Serializers.forClassName("io.confluent.kafka.serializers.KafkaAvroSerializer"))
                .isInstanceOf(AvroSerializer.class);
    }

    @Test
    void serializeWaitsForTheIdForCallersOutsideTheProducer() throws Exception {
        String topic = uniqueTopic("sync");
        AvroSerializer serializer = serializer(registry.url(), true);

        byte[] bytes = CompletableFuture.supplyAsync(() -> serializer.serialize(topic, null, "key"))
                .get(30, TimeUnit.SECONDS);

        assertThat(id(bytes)).isEqualTo(latestId(registry, topic + "-key"));
    }
}
