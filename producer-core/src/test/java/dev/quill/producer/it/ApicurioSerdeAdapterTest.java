package dev.quill.producer.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.quill.producer.ProducerRecord;
import dev.quill.producer.QuillProducer;
import dev.quill.producer.RecordMetadata;
import dev.quill.producer.internal.json.Json;
import dev.quill.producer.testkit.KafkaCluster;
import dev.quill.producer.testkit.SchemaRegistry;
import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;

/**
 * A kafka-clients serializer backed by a real Schema Registry (Apicurio's Avro serde, 2.6) run unchanged through
 * Quill's adapter: it registers its schema on first use and writes the id it got back, and what a kafka-clients
 * consumer reads decodes with Apicurio's own deserializer. Unlike Quill's Avro serializer it calls the registry inside
 * {@code send}, on the caller's thread; that is the serde's design, and the adapter must simply let it.
 */
class ApicurioSerdeAdapterTest {

    private static final String SERDE = "io.apicurio.registry.serde.avro.AvroKafkaSerializer";
    private static final Schema SHIPMENT = new Schema.Parser().parse("""
            {"type":"record","name":"Shipment","namespace":"dev.quill.it","fields":[
              {"name":"id","type":"string"},
              {"name":"grams","type":"int"}]}""");

    private final KafkaCluster cluster = KafkaCluster.shared();
    private static SchemaRegistry registry;

    @BeforeAll
    static void startRegistry() {
        registry = SchemaRegistry.shared();
    }

    /**
     * What an application sets to have Apicurio's serde write Confluent's framing: the id in the value, not in headers;
     * 4 bytes, not 8; and the content id, which is the id Apicurio's Confluent API hands out for the same schema. The
     * 4-byte handler is named rather than set with {@code apicurio.registry.as-confluent=true}, which does the same but
     * warns at every configure that it overrides the default handler.
     */
    static Map<String, Object> confluentFraming() {
        return Map.of("apicurio.registry.headers.enabled", "false",
                "apicurio.registry.id-handler", "io.apicurio.registry.serde.Legacy4ByteIdHandler",
                "apicurio.registry.use-id", "contentId");
    }

    private static Map<String, Object> serdeConfig(Map<String, Object> extra) {
        Map<String, Object> config = new HashMap<>();
        config.put("apicurio.registry.url", registry.apicurioV2Url());
        config.put("apicurio.registry.auto-register", "true");
        config.putAll(extra);
        return config;
    }

    @Test
    void whenApicuriosSerdeWritesConfluentFramingThenItsIdIsTheConfluentApisAndItsDeserializerReadsTheValues()
            throws Exception {
        String topic = cluster.createTopic(KafkaCluster.uniqueTopic("adapter-apicurio-confluent"), 1, 1);
        List<GenericRecord> sent = sendShipments(topic, serdeConfig(confluentFraming()), 3);

        List<ConsumerRecord<byte[], byte[]>> read = cluster.readAll(topic, sent.size(), Duration.ofSeconds(30));
        assertThat(read).hasSameSizeAs(sent);
        int id = ByteBuffer.wrap(read.get(0).value(), 1, 4).getInt();
        for (ConsumerRecord<byte[], byte[]> r : read) {
            assertThat(r.value()[0]).as("magic byte").isZero();
            assertThat(ByteBuffer.wrap(r.value(), 1, 4).getInt()).as("one schema, one id").isEqualTo(id);
            assertThat(r.headers().toArray()).as("nothing in headers").isEmpty();
        }
        // A consumer using Confluent's API would look the id up there: it must name the same schema.
        Schema viaConfluentApi = new Schema.Parser().parse((String) Json.parseObject(registry.schemaById(id)).get("schema"));
        assertThat(viaConfluentApi).isEqualTo(SHIPMENT);

        assertThat(decodeAll(read, serdeConfig(confluentFraming()))).isEqualTo(sent);
    }

    @Test
    void whenApicuriosSerdeRunsWithItsDefaultsThenTheIdTravelsInAHeaderTheAdapterPassesOn() throws Exception {
        String topic = cluster.createTopic(KafkaCluster.uniqueTopic("adapter-apicurio-headers"), 1, 1);
        List<GenericRecord> sent = sendShipments(topic, serdeConfig(Map.of()), 2);

        List<ConsumerRecord<byte[], byte[]>> read = cluster.readAll(topic, sent.size(), Duration.ofSeconds(30));
        assertThat(read).hasSameSizeAs(sent);
        for (ConsumerRecord<byte[], byte[]> r : read) {
            // Apicurio's default: the 8-byte global id in a header the serde adds through the headers it was given.
            assertThat(r.headers().lastHeader("apicurio.value.globalId")).isNotNull()
                    .satisfies(h -> assertThat(h.value()).hasSize(8));
        }
        assertThat(decodeAll(read, serdeConfig(Map.of()))).isEqualTo(sent);
    }

    /** Sends {@code count} records through a Quill producer whose value serializer is Apicurio's; returns the values. */
    private List<GenericRecord> sendShipments(String topic, Map<String, Object> serde, int count) throws Exception {
        Map<String, Object> config = new HashMap<>(serde);
        config.put("value.serializer", SERDE);
        List<GenericRecord> values = new ArrayList<>();
        List<CompletableFuture<RecordMetadata>> futures = new ArrayList<>();
        try (QuillProducer<String, GenericRecord> producer = QuillProducer.create(TestProducers.config(cluster, config))) {
            for (int i = 0; i < count; i++) {
                GenericRecord value = new GenericData.Record(SHIPMENT);
                value.put("id", "s-" + i);
                value.put("grams", 100 * i);
                values.add(value);
                futures.add(producer.send(ProducerRecord.of(topic, "k", value)));
            }
            for (int i = 0; i < count; i++) {
                assertThat(futures.get(i).get(30, TimeUnit.SECONDS).offset()).isEqualTo(i);
            }
        }
        return values;
    }

    /** Decodes as a consumer configured with Apicurio's deserializer would, headers included. */
    private static List<Object> decodeAll(List<ConsumerRecord<byte[], byte[]>> read, Map<String, Object> config) {
        List<Object> values = new ArrayList<>();
        try (AvroKafkaDeserializer<GenericRecord> deserializer = new AvroKafkaDeserializer<>()) {
            deserializer.configure(config, false);
            for (ConsumerRecord<byte[], byte[]> r : read) {
                values.add(deserializer.deserialize(r.topic(), new RecordHeaders(r.headers().toArray()), r.value()));
            }
        }
        return values;
    }
}
