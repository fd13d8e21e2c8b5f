package dev.quill.producer.serialization;

import static dev.quill.producer.serialization.AvroFrames.decode;
import static dev.quill.producer.serialization.AvroFrames.id;
import static dev.quill.producer.serialization.AvroFrames.latestId;
import static dev.quill.producer.serialization.AvroFrames.serializer;
import static dev.quill.producer.serialization.AvroFrames.uniqueTopic;
import static dev.quill.producer.serialization.AvroSerializerTest.ORDER;
import static dev.quill.producer.serialization.AvroSerializerTest.order;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CompletionException;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.quill.producer.errors.SerializationException;
import dev.quill.producer.testkit.SchemaRegistry;

/** How the serializer chooses the subject and the id: strategies, lookups, use.latest.version, use.schema.id. */
class AvroSubjectsAndLookupsTest {

    private static final Schema ORDER_V2 = new Schema.Parser().parse("""
            {"type":"record","name":"Order","namespace":"dev.quill.test","fields":[
              {"name":"id","type":"string"},
              {"name":"amount","type":"int"},
              {"name":"note","type":"string"}]}""");

    private static SchemaRegistry registry;

    @BeforeAll
    static void startRegistry() {
        registry = SchemaRegistry.shared();
    }

    @Test
    void keysUseTheTopicKeySubject() {
        String topic = uniqueTopic("keys");

        byte[] bytes = serializer(registry.url(), true).serialize(topic, null, order("k", 1));

        assertThat(id(bytes)).isEqualTo(latestId(registry, topic + "-key"));
    }

    @Test
    void recordNameStrategyUsesTheRecordsFullName() {
        // One subject for the record type across topics; a unique namespace keeps this test's subject its own.
        Schema schema = new Schema.Parser().parse(ORDER.toString().replace("dev.quill.test",
                "dev.quill.t" + Long.toHexString(System.nanoTime())));
        GenericRecord record = new GenericData.Record(schema);
        record.put("id", "r");
        record.put("amount", 3);
        AvroSerializer serializer = serializer(registry.url(), false,
                "value.subject.name.strategy", "io.confluent.kafka.serializers.subject.RecordNameStrategy");

        byte[] bytes = serializer.serialize(uniqueTopic("any"), null, record);

        assertThat(id(bytes)).isEqualTo(latestId(registry, schema.getFullName()));
    }

    @Test
    void topicRecordNameStrategyUsesTopicDashFullName() {
        String topic = uniqueTopic("topic-record");
        AvroSerializer serializer = serializer(registry.url(), true,
                "key.subject.name.strategy", "io.confluent.kafka.serializers.subject.TopicRecordNameStrategy");

        byte[] bytes = serializer.serialize(topic, null, order("tr", 4));

        assertThat(id(bytes)).isEqualTo(latestId(registry, topic + "-dev.quill.test.Order"));
    }

    @Test
    void recordNameStrategiesRefuseValuesThatAreNotRecords() {
        AvroSerializer serializer = serializer(registry.url(), false,
                "value.subject.name.strategy", "io.confluent.kafka.serializers.subject.RecordNameStrategy");

        assertThatThrownBy(() -> serializer.serializeAsync("t", null, "a string"))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("value.subject.name.strategy")
                .hasMessageContaining("must be an Avro record");
    }

    @Test
    void withAutoRegisterOffAnUnregisteredSubjectFailsSayingWhatToDo() {
        String topic = uniqueTopic("unregistered");
        AvroSerializer serializer = serializer(registry.url(), false, "auto.register.schemas", "false");

        assertThatThrownBy(() -> serializer.serialize(topic, null, order("x", 1)))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining(registry.url())
                .hasMessageContaining("subject " + topic + "-value")
                .hasMessageContaining("error_code 40401")
                .hasMessageContaining("register the schema")
                .hasMessageContaining("use.latest.version=true");
    }

    @Test
    void withAutoRegisterOffARegisteredSchemaIsLookedUp() {
        String topic = uniqueTopic("lookup");
        registry.register(topic + "-value", ORDER.toString());
        AvroSerializer serializer = serializer(registry.url(), false, "auto.register.schemas", false);

        byte[] bytes = serializer.serialize(topic, null, order("l", 5));

        assertThat(id(bytes)).isEqualTo(latestId(registry, topic + "-value"));
    }

    @Test
    void aFailedLookupIsForgottenSoTheNextRecordAsksAgain() {
        String topic = uniqueTopic("retry-later");
        AvroSerializer serializer = serializer(registry.url(), false, "auto.register.schemas", "false");
        Serialized failed = serializer.serializeAsync(topic, null, order("x", 1));
        assertThatThrownBy(() -> failed.ready().join()).isInstanceOf(CompletionException.class);

        registry.register(topic + "-value", ORDER.toString());
        byte[] bytes = serializer.serialize(topic, null, order("y", 2));

        assertThat(id(bytes)).isEqualTo(latestId(registry, topic + "-value"));
    }

    @Test
    void useLatestVersionWritesTheIdOfTheSubjectsLatestVersion() {
        String topic = uniqueTopic("latest");
        String subject = topic + "-value";
        registry.register(subject, "{\"type\":\"string\"}");
        registry.register(subject, ORDER.toString());
        AvroSerializer serializer = serializer(registry.url(), false,
                "auto.register.schemas", "false", "use.latest.version", "true");

        byte[] bytes = serializer.serialize(topic, null, order("latest", 9));

        assertThat(id(bytes)).isEqualTo(latestId(registry, subject));
        assertThat(((GenericRecord) decode(registry, bytes)).get("amount")).isEqualTo(9);
    }

    @Test
    void useLatestVersionRefusesALatestVersionThatCannotReadTheValue() {
        String topic = uniqueTopic("latest-strict");
        registry.register(topic + "-value", ORDER_V2.toString()); // a new field without default
        AvroSerializer serializer = serializer(registry.url(), false,
                "auto.register.schemas", "false", "use.latest.version", "true");

        assertThatThrownBy(() -> serializer.serialize(topic, null, order("old", 1)))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("Incompatible schema of type 'AVRO'")
                .hasMessageContaining("latest.compatibility.strict=false");
    }

    @Test
    void useLatestVersionOnASubjectWithoutVersionsSaysSo() {
        String topic = uniqueTopic("latest-missing");
        AvroSerializer serializer = serializer(registry.url(), false,
                "auto.register.schemas", "false", "use.latest.version", "true");

        assertThatThrownBy(() -> serializer.serialize(topic, null, order("x", 1)))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("error_code 40401")
                .hasMessageContaining("has no registered version");
    }

    @Test
    void useSchemaIdWritesThatIdOnceTheRegistryConfirmsItsSchema() {
        String topic = uniqueTopic("schema-id");
        registry.register(topic + "-value", ORDER.toString());
        int id = latestId(registry, topic + "-value");
        AvroSerializer serializer = serializer(registry.url(), false,
                "auto.register.schemas", "false", "use.schema.id", String.valueOf(id));

        byte[] bytes = serializer.serialize(topic, null, order("by-id", 3));

        assertThat(id(bytes)).isEqualTo(id);
        assertThat(((GenericRecord) decode(registry, bytes)).get("id")).hasToString("by-id");
    }

    @Test
    void anIncompatibleSchemaIsRefusedWithTheRegistrysReason() {
        String topic = uniqueTopic("incompatible");
        String subject = topic + "-value";
        registry.register(subject, ORDER.toString());
        registry.setCompatibility(subject, "BACKWARD");
        GenericRecord v2 = new GenericData.Record(ORDER_V2);
        v2.put("id", "v2");
        v2.put("amount", 2);
        v2.put("note", "a field without default breaks BACKWARD");

        assertThatThrownBy(() -> serializer(registry.url(), false).serialize(topic, null, v2))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("HTTP 409")
                .hasMessageContaining("error_code 409")
                .hasMessageContaining("subject " + subject)
                .hasMessageContaining(registry.url())
                .hasMessageContaining("ncompatible");
    }

    @Test
    void removeJavaPropertiesRegistersTheSchemaWithoutAvroJavaString() {
        Schema withJavaString = new Schema.Parser().parse("""
                {"type":"record","name":"Named","namespace":"dev.quill.test","fields":[
                  {"name":"name","type":{"type":"string","avro.java.string":"String"}}]}""");
        GenericRecord record = new GenericData.Record(withJavaString);
        record.put("name", "n");
        String topic = uniqueTopic("java-props");

        serializer(registry.url(), false, "avro.remove.java.properties", "true").serialize(topic, null, record);

        assertThat(registry.latest(topic + "-value")).doesNotContain("avro.java.string");
    }
}
