package dev.quill.producer.it;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.quill.producer.PartitionInfo;
import dev.quill.producer.Partitioner;
import dev.quill.producer.ProducerConfig;
import dev.quill.producer.ProducerRecord;
import dev.quill.producer.QuillProducer;
import dev.quill.producer.RecordMetadata;
import dev.quill.producer.Serializers;
import dev.quill.producer.errors.ConfigException;
import dev.quill.producer.errors.Errors;
import dev.quill.producer.errors.ProducerException;
import dev.quill.producer.errors.RecordTooLargeException;
import dev.quill.producer.errors.SerializationException;
import dev.quill.producer.testkit.KafkaCluster;

/**
 * Bad input of every kind gets an exception that names what is wrong, and the records sent around it
 * are not affected. (More cases, with the broker's own refusals, are in {@link SendErrorsTest}.)
 */
class BadInputTest {

    private final KafkaCluster cluster = KafkaCluster.shared();

    @Test
    void whenRecordFieldsAreInvalidThenBuildingTheRecordFailsNamingTheField() {
        assertThatThrownBy(() -> ProducerRecord.of(null, "k", "v")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("needs a topic");
        assertThatThrownBy(() -> ProducerRecord.of("", "k", "v")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("needs a topic");
        assertThatThrownBy(() -> ProducerRecord.builder("t").partition(-2).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("partition must be >= 0; got -2");
        assertThatThrownBy(() -> ProducerRecord.builder("t").timestamp(-5).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("timestamp must be >= 0; got -5");
        assertThatThrownBy(() -> ProducerRecord.builder("t").header(null, new byte[0]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("header needs a name");
    }

    @Test
    void whenRecordIsNullThenSendFailsAtOnce() {
        try (QuillProducer<String, String> producer = TestProducers.strings(cluster, Map.of())) {
            assertThatThrownBy(() -> producer.send(null)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("record must not be null");
        }
    }

    @Test
    void whenTopicNameIsInvalidThenTheBrokersRefusalFailsTheRecordsAtOnceAndOtherTopicsCarryOn() throws Exception {
        String good = cluster.createTopic(KafkaCluster.uniqueTopic("beside-invalid"), 1, 1);
        try (QuillProducer<String, String> producer = TestProducers.strings(cluster, Map.of())) {
            CompletableFuture<RecordMetadata> badChars = producer.send(ProducerRecord.of("no spaces allowed!", "k", "v"));
            CompletableFuture<RecordMetadata> tooLong = producer.send(ProducerRecord.of("t".repeat(250), "k", "v"));
            CompletableFuture<RecordMetadata> fine = producer.send(ProducerRecord.of(good, "k", "v"));
            for (CompletableFuture<RecordMetadata> bad : List.of(badChars, tooLong)) {
                Throwable error = TestProducers.failureOf(bad);
                assertThat(error).isInstanceOf(ProducerException.class).hasMessageContaining("Cannot send to topic");
                assertThat(((ProducerException) error).brokerError()).contains(Errors.INVALID_TOPIC_EXCEPTION);
            }
            assertThat(fine.get(30, TimeUnit.SECONDS).offset()).isZero();
        }
    }

    @Test
    void whenRecordIsLargerThanBufferMemoryThenItFailsNamingBufferMemory() throws Exception {
        String topic = cluster.createTopic(KafkaCluster.uniqueTopic("beyond-buffer"), 1, 1);
        try (QuillProducer<String, String> producer = TestProducers.strings(cluster, Map.of(
                "buffer.memory", "20000", "batch.size", "1000", "max.request.size", "100000"))) {
            assertThat(TestProducers.failureOf(producer.send(ProducerRecord.of(topic, "k", "x".repeat(30_000)))))
                    .isInstanceOf(RecordTooLargeException.class).hasMessageContaining("buffer.memory (20000)");
            assertThat(producer.send(ProducerRecord.of(topic, "k", "small")).get(30, TimeUnit.SECONDS).offset()).isZero();
        }
    }

    @Test
    void whenKeySerializerThrowsThenTheErrorSaysKey() throws Exception {
        String topic = cluster.createTopic(KafkaCluster.uniqueTopic("bad-key"), 1, 1);
        try (QuillProducer<String, String> producer = QuillProducer.create(TestProducers.config(cluster, Map.of()),
                (t, h, key) -> {
                    if (key.isEmpty()) {
                        throw new IllegalArgumentException("empty keys are not allowed");
                    }
                    return key.getBytes(UTF_8);
                }, Serializers.string())) {
            assertThat(TestProducers.failureOf(producer.send(ProducerRecord.of(topic, "", "v")))).isInstanceOf(SerializationException.class)
                    .hasMessageContaining("key").hasMessageContaining("empty keys are not allowed");
            assertThat(producer.send(ProducerRecord.of(topic, "k", "v")).get(30, TimeUnit.SECONDS).offset()).isZero();
        }
    }

    /** Chooses a partition the topic does not have. */
    public static final class OutOfRangePartitioner implements Partitioner {
        @Override
        public int partition(String topic, Object key, byte[] keyBytes, Object value, byte[] valueBytes,
                             List<PartitionInfo> partitions) {
            return partitions.size() + 3;
        }
    }

    @Test
    void whenCustomPartitionerChoosesAMissingPartitionThenTheRecordFailsNamingThePartitioner() throws Exception {
        String topic = cluster.createTopic(KafkaCluster.uniqueTopic("bad-choice"), 2, 1);
        try (QuillProducer<String, String> producer = TestProducers.strings(cluster,
                Map.of("partitioner.class", OutOfRangePartitioner.class.getName()))) {
            producer.partitionsFor(topic);
            assertThat(TestProducers.failureOf(producer.send(ProducerRecord.of(topic, "k", "v")))).isInstanceOf(ProducerException.class)
                    .hasMessageContaining(OutOfRangePartitioner.class.getName()).hasMessageContaining("chose partition 5")
                    .hasMessageContaining("which has 2 partitions");
        }
    }

    static Stream<Arguments> invalidConfigurations() {
        return Stream.of(
                Arguments.of(Map.of("linger.ms", "-1"), "linger.ms"),
                Arguments.of(Map.of("acks", "2"), "acks"),
                Arguments.of(Map.of("compression.type", "brotli"), "compression.type"),
                Arguments.of(Map.of("batch.size", "-5"), "batch.size"),
                Arguments.of(Map.of("retries", "-1"), "retries"),
                Arguments.of(Map.of("max.in.flight.requests.per.connection", "0"), "max.in.flight.requests.per.connection"),
                Arguments.of(Map.of("bootstrap.servers", "no-port-here"), "bootstrap.servers"),
                Arguments.of(Map.of("buffer.full.policy", "sometimes"), "buffer.full.policy"),
                Arguments.of(Map.of("key.serializer", "com.example.NoSuchSerializer"), "key.serializer"),
                Arguments.of(Map.of("delivery.timeout.ms", "1000", "request.timeout.ms", "30000"), "delivery.timeout.ms"),
                Arguments.of(Map.of("enable.idempotence", "true", "acks", "1"), "acks"),
                Arguments.of(Map.of("compression.gzip.level", "12", "compression.type", "gzip"), "compression.gzip.level"),
                Arguments.of(Map.of("transactional.id", "tx-1", "enable.idempotence", "false"), "enable.idempotence"),
                Arguments.of(Map.of("transactional.id", "tx-1", "acks", "1"), "acks"));
    }

    @ParameterizedTest
    @MethodSource("invalidConfigurations")
    void whenAConfigurationValueIsInvalidThenConfigExceptionNamesTheKey(Map<String, String> bad, String key) {
        Map<String, Object> props = new HashMap<>();
        props.put("bootstrap.servers", "localhost:9092");
        props.put("key.serializer", "org.apache.kafka.common.serialization.StringSerializer");
        props.put("value.serializer", "org.apache.kafka.common.serialization.StringSerializer");
        props.putAll(bad);
        assertThatThrownBy(() -> QuillProducer.create(ProducerConfig.from(props)))
                .isInstanceOf(ConfigException.class).hasMessageContaining(key);
    }

    @Test
    void whenBootstrapServersAreMissingThenConfigExceptionSaysSo() {
        assertThatThrownBy(() -> ProducerConfig.from(Map.of("linger.ms", "5")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("bootstrap.servers");
    }
}
