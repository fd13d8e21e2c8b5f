package dev.quill.spring.it;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import tools.jackson.databind.json.JsonMapper;

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

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        registry.add("quill.producer.bootstrap-servers", CLUSTER::bootstrapServers);
        registry.add("quill.producer.schema-registry.url", REGISTRY::url);
    }

    @Autowired
    private ProducerTemplate<String, GenericRecord> template;

    @Test
    void whenARecordIsSentThenTheConsumerReadsItInConfluentsFramingWithTheRegisteredSchema() throws Exception {
        String topic = CLUSTER.createTopic(KafkaCluster.uniqueTopic("shipments"), 1, 1);
        GenericRecord shipment = new GenericData.Record(SHIPMENT);
        shipment.put("id", "s-1");
        shipment.put("parcels", 3);

        template.sendAndWait(topic, "s-1", shipment);

        List<ConsumerRecord<byte[], byte[]>> read = CLUSTER.readAll(topic, 1, Duration.ofSeconds(30));
        ByteBuffer framed = ByteBuffer.wrap(read.get(0).value());
        assertThat(framed.get()).as("magic byte").isZero();
        int id = framed.getInt();
        Schema registered = new Schema.Parser().parse(schemaOf(REGISTRY.schemaById(id)));
        GenericRecord decoded = new GenericDatumReader<GenericRecord>(registered).read(null,
                DecoderFactory.get().binaryDecoder(framed.array(), 5, framed.remaining(), null));
        assertThat(decoded.get("id")).hasToString("s-1");
        assertThat(decoded.get("parcels")).isEqualTo(3);
    }

    /** The "schema" string of the registry's answer for an id. */
    private static String schemaOf(String answer) throws Exception {
        return JsonMapper.shared().readTree(answer).get("schema").asString();
    }

    @SpringBootApplication
    static class App {
    }
}
