package dev.quill.spring.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.json.JsonMapper;

import dev.quill.producer.errors.SerializationException;
import dev.quill.producer.testkit.KafkaCluster;
import dev.quill.producer.testkit.SchemaRegistry;
import dev.quill.spring.ProducerTemplate;

/** {@code value-serializer: avro} with a registry: what a consumer reads is Confluent's framing of the record. */
@SpringBootTest(classes = AvroAgainstBrokerTests.App.class, properties = "quill.producer.value-serializer=avro")
class AvroAgainstBrokerTests {

    private static final KafkaCluster CLUSTER = KafkaCluster.shared();
    private static final SchemaRegistry REGISTRY = SchemaRegistry.shared();
    private static final Schema SHIPMENT = new Schema.Parser().parse("""
            {"type":"record","name":"Shipment","namespace":"dev.quill.spring.it","fields":[
              {"name":"id","type":"string"},
              {"name":"parcels","type":"int"}]}""");
    /** A field without a default: not BACKWARD compatible with {@link #SHIPMENT}. */
    private static final Schema SHIPMENT_WITH_CARRIER = new Schema.Parser().parse("""
            {"type":"record","name":"Shipment","namespace":"dev.quill.spring.it","fields":[
              {"name":"id","type":"string"},
              {"name":"parcels","type":"int"},
              {"name":"carrier","type":"string"}]}""");

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        registry.add("quill.producer.bootstrap-servers", CLUSTER::bootstrapServers);
        registry.add("quill.producer.schema-registry.url", REGISTRY::url);
    }

    @Autowired
    private ProducerTemplate<String, GenericRecord> template;

    @Autowired
    private MeterRegistry meters;

    @Autowired
    private HealthIndicator quillProducerHealthIndicator;

    private static GenericRecord shipment(Schema schema, String id) {
        GenericRecord shipment = new GenericData.Record(schema);
        shipment.put("id", id);
        shipment.put("parcels", 3);
        return shipment;
    }

    @Test
    void whenARecordIsSentThenTheConsumerReadsItInConfluentsFramingWithTheRegisteredSchema() throws Exception {
        String topic = CLUSTER.createTopic(KafkaCluster.uniqueTopic("shipments"), 1, 1);
        template.sendAndWait(topic, "s-1", shipment(SHIPMENT, "s-1"));

        List<ConsumerRecord<byte[], byte[]>> read = CLUSTER.readAll(topic, 1, Duration.ofSeconds(30));
        ByteBuffer framed = ByteBuffer.wrap(read.get(0).value());
        assertThat(framed.get()).as("magic byte").isZero();
        int id = framed.getInt();
        Schema registered = new Schema.Parser().parse(schemaOf(REGISTRY.schemaById(id)));
        GenericRecord decoded = new GenericDatumReader<GenericRecord>(registered).read(null,
                DecoderFactory.get().binaryDecoder(framed.array(), 5, framed.remaining(), null));
        assertThat(decoded.get("id")).hasToString("s-1");
        assertThat(decoded.get("parcels")).isEqualTo(3);
        assertThat(registryRequests("success")).isPositive();
    }

    @Test
    void whenTheRegistryRefusesASchemaThenTheRecordFailsTheMetersCountItAndHealthShowsItWithoutGoingDown() {
        String topic = CLUSTER.createTopic(KafkaCluster.uniqueTopic("refused-shipments"), 1, 1);
        REGISTRY.register(topic + "-value", SHIPMENT.toString());
        REGISTRY.setCompatibility(topic + "-value", "BACKWARD");
        double errorsBefore = registryRequests("error");
        GenericRecord withCarrier = new GenericData.Record(SHIPMENT_WITH_CARRIER);
        withCarrier.put("id", "s-2");
        withCarrier.put("parcels", 1);
        withCarrier.put("carrier", "post");

        assertThatThrownBy(() -> template.sendAndWait(topic, "s-2", withCarrier))
                .isInstanceOf(SerializationException.class).hasMessageContaining("error_code 409");

        assertThat(registryRequests("error")).isEqualTo(errorsBefore + 1);
        assertThat(meters.get("quill.producer.records.waiting.schema").gauge().value()).isZero();
        Health health = quillProducerHealthIndicator.health(true);
        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails().get("schemaRegistryLastError")).asString().contains("subject " + topic + "-value");
    }

    private double registryRequests(String outcome) {
        return meters.get("quill.producer.schema.registry.requests").tag("outcome", outcome).functionCounter().count();
    }

    /** The "schema" string of the registry's answer for an id. */
    private static String schemaOf(String answer) throws Exception {
        return JsonMapper.shared().readTree(answer).get("schema").asString();
    }

    @SpringBootApplication
    static class App {
    }
}
