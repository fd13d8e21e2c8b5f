package dev.quill.producer.it;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.quill.producer.PartitionInfo;
import dev.quill.producer.Partitioner;
import dev.quill.producer.ProducerConfig;
import dev.quill.producer.ProducerRecord;
import dev.quill.producer.QuillProducer;
import dev.quill.producer.RecordMetadata;
import dev.quill.producer.Serializer;
import dev.quill.producer.Serializers;
import dev.quill.producer.errors.DeliveryTimeoutException;
import dev.quill.producer.errors.Errors;
import dev.quill.producer.errors.ProducerClosedException;
import dev.quill.producer.errors.ProducerException;
import dev.quill.producer.errors.RecordTooLargeException;
import dev.quill.producer.errors.SerializationException;
import dev.quill.producer.testkit.KafkaCluster;

/** Each failure a caller can meet, with the exception type and a message that says what to do. */
class SendErrorsTest {

    private final KafkaCluster cluster = KafkaCluster.shared();

    private List<String> values(String topic, int expected) {
        return cluster.readAll(topic, expected, Duration.ofSeconds(30)).stream()
                .map(r -> new String(r.value(), UTF_8)).toList();
    }

    @Test
    void whenRecordExceedsMaxRequestSizeThenItFailsBeforeAnyIoAndOthersArrive() throws Exception {
        String topic = cluster.createTopic(KafkaCluster.uniqueTopic("too-large"), 1, 1);
        try (QuillProducer<String, String> producer = TestProducers.strings(cluster, Map.of("max.request.size", "10000"))) {
            CompletableFuture<RecordMetadata> before = producer.send(ProducerRecord.of(topic, "k", "before"));
            CompletableFuture<RecordMetadata> large = producer.send(ProducerRecord.of(topic, "k", "x".repeat(20_000)));
            CompletableFuture<RecordMetadata> after = producer.send(ProducerRecord.of(topic, "k", "after"));
            assertThat(TestProducers.failureOf(large)).isInstanceOf(RecordTooLargeException.class)
                    .hasMessageContaining("max.request.size (10000)").hasMessageContaining(topic);
            assertThat(before.get(30, TimeUnit.SECONDS).offset()).isZero();
            assertThat(after.get(30, TimeUnit.SECONDS).offset()).isEqualTo(1);
        }
        assertThat(values(topic, 2)).containsExactly("before", "after");
    }

    @Test
    void whenBrokerRejectsAnOversizedBatchThenRecordTooLargeCarriesTheBrokerError() throws Exception {
        String topic = cluster.createTopic(KafkaCluster.uniqueTopic("broker-too-large"), 1, 1,
                Map.of("max.message.bytes", "2000"));
        try (QuillProducer<String, String> producer = TestProducers.strings(cluster, Map.of())) {
            assertThat(producer.send(ProducerRecord.of(topic, "k", "first")).get(30, TimeUnit.SECONDS).offset()).isZero();
            CompletableFuture<RecordMetadata> large = producer.send(ProducerRecord.of(topic, "k", "y".repeat(5_000)));
            Throwable error = TestProducers.failureOf(large);
            assertThat(error).isInstanceOf(RecordTooLargeException.class).hasMessageContaining("MESSAGE_TOO_LARGE")
                    .hasMessageContaining(topic + "-0");
            assertThat(((RecordTooLargeException) error).brokerError()).contains(Errors.MESSAGE_TOO_LARGE);
            // The failed batch used sequence numbers the broker never saw; the producer must start a new
            // epoch rather than leave the next batches stuck behind the gap.
            assertThat(producer.send(ProducerRecord.of(topic, "k", "after")).get(30, TimeUnit.SECONDS).offset()).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"none", "gzip", "lz4"})
    void whenTheBrokerRefusesABatchAsTooLargeThenItIsSplitAndEveryRecordArrivesInOrder(String codec) throws Exception {
        String topic = cluster.createTopic(KafkaCluster.uniqueTopic("split-" + codec), 1, 1,
                Map.of("max.message.bytes", "3000"));
        java.util.Random random = new java.util.Random(42);
        List<String> sent = new java.util.ArrayList<>();
        List<CompletableFuture<RecordMetadata>> futures = new java.util.ArrayList<>();
        try (QuillProducer<String, String> producer = TestProducers.strings(cluster, Map.of(
                "linger.ms", "500", "batch.size", "65536", "compression.type", codec))) {
            producer.partitionsFor(topic);
            for (int i = 0; i < 20; i++) {
                // Random letters barely compress, so the batch stays too large whatever the codec.
                StringBuilder value = new StringBuilder(i + ":");
                random.ints(500, 'a', 'z' + 1).forEach(c -> value.append((char) c));
                sent.add(value.toString());
                futures.add(producer.send(ProducerRecord.of(topic, "k", value.toString())));
            }
            producer.flush();
            for (int i = 0; i < futures.size(); i++) {
                assertThat(futures.get(i).get(30, TimeUnit.SECONDS).offset()).as("offset of record %d", i).isEqualTo(i);
            }
            assertThat(producer.metrics().recordsRetried()).as("a split costs no retry").isZero();
        }
        assertThat(values(topic, 20)).containsExactlyElementsOf(sent);
    }

    @Test
    void whenSerializerThrowsThenOnlyThatRecordFailsWithSerializationException() throws Exception {
        String topic = cluster.createTopic(KafkaCluster.uniqueTopic("bad-serializer"), 1, 1);
        Serializer<String> picky = (t, headers, data) -> {
            if (data.startsWith("bad")) {
                throw new IllegalArgumentException("cannot encode " + data);
            }
            return data.getBytes(UTF_8);
        };
        try (QuillProducer<String, String> producer = QuillProducer.create(TestProducers.config(cluster, Map.of()),
                Serializers.string(), picky)) {
            CompletableFuture<RecordMetadata> good1 = producer.send(ProducerRecord.of(topic, "k", "good-1"));
            CompletableFuture<RecordMetadata> bad = producer.send(ProducerRecord.of(topic, "k", "bad-1"));
            CompletableFuture<RecordMetadata> good2 = producer.send(ProducerRecord.of(topic, "k", "good-2"));
            assertThat(TestProducers.failureOf(bad)).isInstanceOf(SerializationException.class)
                    .hasMessageContaining("value").hasMessageContaining(topic).hasMessageContaining("cannot encode bad-1");
            assertThat(good1.get(30, TimeUnit.SECONDS).offset()).isZero();
            assertThat(good2.get(30, TimeUnit.SECONDS).offset()).isEqualTo(1);
        }
    }

    /** Throws for keys starting with "boom"; places everything else on partition 0. */
    public static final class ExplodingPartitioner implements Partitioner {
        @Override
        public int partition(String topic, Object key, byte[] keyBytes, Object value, byte[] valueBytes,
                             List<PartitionInfo> partitions) {
            if (key != null && key.toString().startsWith("boom")) {
                throw new IllegalStateException("no partition for " + key);
            }
            return 0;
        }
    }

    @Test
    void whenPartitionerThrowsThenOnlyThatRecordFails() throws Exception {
        String topic = cluster.createTopic(KafkaCluster.uniqueTopic("bad-partitioner"), 2, 1);
        try (QuillProducer<String, String> producer = TestProducers.strings(cluster,
                Map.of("partitioner.class", ExplodingPartitioner.class.getName()))) {
            producer.partitionsFor(topic);
            CompletableFuture<RecordMetadata> bad = producer.send(ProducerRecord.of(topic, "boom-1", "v"));
            CompletableFuture<RecordMetadata> good = producer.send(ProducerRecord.of(topic, "fine", "v"));
            assertThat(TestProducers.failureOf(bad)).isInstanceOf(SerializationException.class)
                    .hasMessageContaining(ExplodingPartitioner.class.getName()).hasMessageContaining("no partition for boom-1");
            assertThat(good.get(30, TimeUnit.SECONDS).partition()).isZero();
        }
    }

    @Test
    void whenTopicDoesNotExistAndAutoCreationIsOffThenSendFailsAfterMaxBlockWithoutBlockingTheCaller() throws Exception {
        try (KafkaCluster noAutoCreate = KafkaCluster.start(1, Map.of("auto.create.topics.enable", "false"));
             QuillProducer<String, String> producer = TestProducers.strings(noAutoCreate, Map.of("max.block.ms", "1500"))) {
            long start = System.nanoTime();
            CompletableFuture<RecordMetadata> future = producer.send(ProducerRecord.of("no-such-topic", "k", "v"));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(500));
            Throwable error = TestProducers.failureOf(future);
            assertThat(error).isInstanceOf(DeliveryTimeoutException.class)
                    .hasMessageContaining("Topic no-such-topic not present in metadata after 1500 ms");
            assertThat(((ProducerException) error.getCause()).brokerError()).contains(Errors.UNKNOWN_TOPIC_OR_PARTITION);
            assertThat(producer.metrics().failuresByError()).containsEntry("DeliveryTimeoutException", 1L);
        }
    }

    @Test
    void whenPartitionIsOutOfRangeThenSendFailsNamingThePartitionCount() throws Exception {
        String topic = cluster.createTopic(KafkaCluster.uniqueTopic("out-of-range"), 2, 1);
        try (QuillProducer<String, String> producer = TestProducers.strings(cluster, Map.of("max.block.ms", "1000"))) {
            producer.partitionsFor(topic);
            CompletableFuture<RecordMetadata> future = producer.send(
                    ProducerRecord.<String, String>builder(topic).partition(7).value("v").build());
            assertThat(TestProducers.failureOf(future)).isInstanceOf(DeliveryTimeoutException.class)
                    .hasMessageContaining("Partition 7 of topic " + topic + " with partition count 2");
            assertThat(producer.send(ProducerRecord.<String, String>builder(topic).partition(1).value("v").build())
                    .get(30, TimeUnit.SECONDS).partition()).isEqualTo(1);
        }
    }

    @Test
    void whenSendingAfterCloseThenTheFutureFailsAndCloseTwiceIsHarmless() {
        QuillProducer<String, String> producer = TestProducers.strings(cluster, Map.of());
        producer.close();
        producer.close(Duration.ZERO);
        AtomicReference<Exception> callbackError = new AtomicReference<>();
        CompletableFuture<RecordMetadata> future = producer.send(ProducerRecord.of("any", "k", "v"),
                (m, e) -> callbackError.set(e));
        assertThat(TestProducers.failureOf(future)).isInstanceOf(ProducerClosedException.class).hasMessageContaining("closed");
        assertThat(callbackError.get()).isInstanceOf(ProducerClosedException.class);
    }

    @Test
    void whenACallbackThrowsThenOtherRecordsStillComplete() throws Exception {
        String topic = cluster.createTopic(KafkaCluster.uniqueTopic("bad-callback"), 1, 1);
        try (QuillProducer<String, String> producer = TestProducers.strings(cluster, Map.of())) {
            producer.send(ProducerRecord.of(topic, "k", "first"), (m, e) -> {
                throw new IllegalStateException("callback bug");
            });
            CompletableFuture<RecordMetadata> second = producer.send(ProducerRecord.of(topic, "k", "second"));
            assertThat(second.get(30, TimeUnit.SECONDS).offset()).isEqualTo(1);
        }
    }

    @Test
    void whenConfigIsInvalidThenConstructionFailsNamingTheKey() {
        assertThatThrownBy(() -> ProducerConfig.from(Map.of("bootstrap.servers", "localhost:9092", "linger.ms", "-1")))
                .isInstanceOf(dev.quill.producer.errors.ConfigException.class).hasMessageContaining("linger.ms")
                .hasMessageContaining("-1");
    }
}
