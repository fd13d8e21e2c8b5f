package dev.quill.producer.serialization;

import static dev.quill.producer.serialization.AvroFrames.decode;
import static dev.quill.producer.serialization.AvroFrames.id;
import static dev.quill.producer.serialization.AvroFrames.latestId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.quill.producer.ProducerConfig;
import dev.quill.producer.ProducerRecord;
import dev.quill.producer.QuillProducer;
import dev.quill.producer.RecordMetadata;
import dev.quill.producer.errors.SerializationException;
import dev.quill.producer.testkit.KafkaCluster;
import dev.quill.producer.testkit.SchemaRegistry;

/**
 * A producer configured as for Confluent's serializer, against a real broker and a real registry: records wait for
 * their schema id inside the producer, never in {@code send}, and arrive in send order in Confluent's framing.
 */
class AvroProducerTest {

    private static final Schema PAYMENT = new Schema.Parser().parse("""
            {"type":"record","name":"Payment","namespace":"dev.quill.it","fields":[
              {"name":"id","type":"string"},
              {"name":"cents","type":"long"}]}""");
    /** A field without a default: not BACKWARD compatible with {@link #PAYMENT}. */
    private static final Schema PAYMENT_WITH_CURRENCY = new Schema.Parser().parse("""
            {"type":"record","name":"Payment","namespace":"dev.quill.it","fields":[
              {"name":"id","type":"string"},
              {"name":"cents","type":"long"},
              {"name":"currency","type":"string"}]}""");

    private final KafkaCluster cluster = KafkaCluster.shared();
    private static SchemaRegistry registry;

    @BeforeAll
    static void startRegistry() {
        registry = SchemaRegistry.shared();
    }

    private static GenericRecord payment(String id, long cents) {
        GenericRecord record = new GenericData.Record(PAYMENT);
        record.put("id", id);
        record.put("cents", cents);
        return record;
    }

    private QuillProducer<String, Object> producer(String registryUrl) {
        Map<String, Object> config = new HashMap<>();
        config.put("bootstrap.servers", cluster.bootstrapServers());
        config.put("key.serializer", "org.apache.kafka.common.serialization.StringSerializer");
        config.put("value.serializer", "io.confluent.kafka.serializers.KafkaAvroSerializer");
        config.put("schema.registry.url", registryUrl);
        return QuillProducer.create(ProducerConfig.from(config));
    }

    @Test
    void whenTheRegistryHasNotAnsweredYetThenSendReturnsAndTheRecordsArriveInSendOrderOnceItDoes() throws Exception {
        String topic = cluster.createTopic(KafkaCluster.uniqueTopic("avro-waiting"), 1, 1);
        List<CompletableFuture<RecordMetadata>> sent = new ArrayList<>();
        try (GatedRegistry gated = new GatedRegistry(registry.url());
             QuillProducer<String, Object> producer = producer(gated.url())) {
            for (int i = 0; i < 50; i++) {
                sent.add(producer.send(ProducerRecord.of(topic, "k", payment("p-" + i, i))));
            }
            assertThat(sent).as("waiting for the schema id, not in send()").noneMatch(CompletableFuture::isDone);
            assertThat(producer.metrics().recordsQueued()).isEqualTo(50);
            assertThat(producer.metrics().recordsWaitingForLookup()).isEqualTo(50);

            gated.open();
            for (int i = 0; i < sent.size(); i++) {
                assertThat(sent.get(i).get(30, TimeUnit.SECONDS).offset()).isEqualTo(i);
            }
            assertThat(gated.requests()).as("one registration for every record of the schema").isEqualTo(1);
            assertThat(producer.metrics().lookups().succeeded()).isEqualTo(1);
            assertThat(producer.metrics().recordsWaitingForLookup()).isZero();

            producer.send(ProducerRecord.of(topic, "k", payment("known", 50))).get(30, TimeUnit.SECONDS);
            assertThat(gated.requests()).as("a known id costs no registry call").isEqualTo(1);
        }
        List<ConsumerRecord<byte[], byte[]>> records = cluster.readAll(topic, 51, Duration.ofSeconds(30));
        int expectedId = latestId(registry, topic + "-value");
        for (int i = 0; i < 50; i++) {
            byte[] value = records.get(i).value();
            assertThat(id(value)).isEqualTo(expectedId);
            assertThat(((GenericRecord) decode(registry, value)).get("id")).hasToString("p-" + i);
        }
    }

    @Test
    void whenTheRegistryRefusesOneSchemaThenOnlyItsRecordFailsAndOtherRecordsKeepFlowing() throws Exception {
        String refused = cluster.createTopic(KafkaCluster.uniqueTopic("avro-refused"), 1, 1);
        String other = cluster.createTopic(KafkaCluster.uniqueTopic("avro-other"), 1, 1);
        registry.register(refused + "-value", PAYMENT.toString());
        registry.setCompatibility(refused + "-value", "BACKWARD");
        GenericRecord incompatible = new GenericData.Record(PAYMENT_WITH_CURRENCY);
        incompatible.put("id", "bad");
        incompatible.put("cents", 1L);
        incompatible.put("currency", "EUR");
        try (QuillProducer<String, Object> producer = producer(registry.url())) {
            CompletableFuture<RecordMetadata> failing = producer.send(ProducerRecord.of(refused, "k", incompatible));
            CompletableFuture<RecordMetadata> after = producer.send(ProducerRecord.of(refused, "k", payment("good", 2)));
            CompletableFuture<RecordMetadata> elsewhere = producer.send(ProducerRecord.of(other, "k", payment("o", 3)));

            assertThatThrownBy(() -> failing.get(30, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(SerializationException.class)
                    .hasMessageContaining("subject " + refused + "-value")
                    .hasMessageContaining("error_code 409")
                    .hasMessageContaining(registry.url());
            assertThat(after.get(30, TimeUnit.SECONDS).offset()).isZero();
            assertThat(elsewhere.get(30, TimeUnit.SECONDS).offset()).isZero();
            LookupStats lookups = producer.metrics().lookups();
            assertThat(lookups.failed()).isEqualTo(1);
            assertThat(lookups.lastError()).contains("subject " + refused + "-value").contains("error_code 409");
            assertThat(lookups.lastErrorAt()).isNotNull();
        }
        assertThat(cluster.readAll(refused, 1, Duration.ofSeconds(30)))
                .extracting(r -> ((GenericRecord) decode(registry, r.value())).get("id").toString())
                .containsExactly("good");
    }
}
