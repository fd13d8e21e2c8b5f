package dev.quill.producer.it;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.quill.producer.Headers;
import dev.quill.producer.ProducerRecord;
import dev.quill.producer.QuillProducer;
import dev.quill.producer.RecordMetadata;
import dev.quill.producer.Serializers;
import dev.quill.producer.errors.DeliveryTimeoutException;
import dev.quill.producer.errors.SerializationException;
import dev.quill.producer.serialization.AsyncSerializer;
import dev.quill.producer.serialization.Serialized;
import dev.quill.producer.testkit.KafkaCluster;

/**
 * Records whose serializer waits for a lookup (as a schema id from a registry) wait inside the producer, never in
 * {@code send}, in send order per topic, and go out once the lookup is done.
 */
class WaitingForLookupTest {

    private final KafkaCluster cluster = KafkaCluster.shared();

    /**
     * Values starting with "?" wait for {@link #lookup}, which writes its answer over their first byte, as a schema
     * id is written into Confluent's framing; other values need no lookup.
     */
    private static final class LookupSerializer implements AsyncSerializer<String> {
        final CompletableFuture<Character> lookup = new CompletableFuture<>();

        @Override
        public Serialized serializeAsync(String topic, Headers headers, String data) {
            byte[] bytes = data.getBytes(UTF_8);
            if (!data.startsWith("?")) {
                return Serialized.now(bytes);
            }
            return new Serialized(bytes, lookup.thenAccept(answer -> bytes[0] = (byte) answer.charValue()));
        }
    }

    private QuillProducer<String, String> producer(LookupSerializer values, Map<String, ?> overrides) {
        return QuillProducer.create(TestProducers.config(cluster, overrides), Serializers.string(), values);
    }

    private List<String> values(String topic, int expected) {
        return cluster.readAll(topic, expected, Duration.ofSeconds(30)).stream()
                .map(r -> new String(r.value(), UTF_8)).toList();
    }

    @Test
    void whenALookupIsPendingThenSendReturnsAndLaterRecordsOfTheTopicWaitBehindItWhileOtherTopicsFlow()
            throws Exception {
        String topic = cluster.createTopic(KafkaCluster.uniqueTopic("lookup-order"), 1, 1);
        String other = cluster.createTopic(KafkaCluster.uniqueTopic("lookup-other"), 1, 1);
        LookupSerializer values = new LookupSerializer();
        try (QuillProducer<String, String> producer = producer(values, Map.of())) {
            producer.partitionsFor(topic);
            CompletableFuture<RecordMetadata> first = producer.send(ProducerRecord.of(topic, "k", "?-first"));
            CompletableFuture<RecordMetadata> second = producer.send(ProducerRecord.of(topic, "k", "second"));

            assertThat(producer.send(ProducerRecord.of(other, "k", "elsewhere")).get(30, TimeUnit.SECONDS).offset())
                    .isZero();
            assertThat(first).isNotDone();
            assertThat(second).as("waits behind the record sent before it").isNotDone();
            assertThat(producer.metrics().recordsQueued()).isEqualTo(2);
            assertThat(producer.metrics().recordsWaitingForLookup()).as("the second waits for the first only").isEqualTo(1);

            values.lookup.complete('!');
            assertThat(first.get(30, TimeUnit.SECONDS).offset()).isZero();
            assertThat(second.get(30, TimeUnit.SECONDS).offset()).isEqualTo(1);
        }
        assertThat(values(topic, 2)).containsExactly("!-first", "second");
    }

    @Test
    void whenTheLookupFailsThenOnlyItsRecordsFailWithItsErrorAndTheRecordsAfterThemArrive() throws Exception {
        String topic = cluster.createTopic(KafkaCluster.uniqueTopic("lookup-failure"), 1, 1);
        LookupSerializer values = new LookupSerializer();
        try (QuillProducer<String, String> producer = producer(values, Map.of())) {
            CompletableFuture<RecordMetadata> waiting = producer.send(ProducerRecord.of(topic, "k", "?-refused"));
            CompletableFuture<RecordMetadata> after = producer.send(ProducerRecord.of(topic, "k", "after"));

            values.lookup.completeExceptionally(new SerializationException("Schema being registered is incompatible"));

            assertThat(TestProducers.failureOf(waiting)).isInstanceOf(SerializationException.class)
                    .hasMessage("Schema being registered is incompatible");
            assertThat(after.get(30, TimeUnit.SECONDS).offset()).isZero();
            assertThat(TestProducers.failureOf(producer.send(ProducerRecord.of(topic, "k", "?-again"))))
                    .as("a lookup known to have failed fails at once").isInstanceOf(SerializationException.class);
        }
        assertThat(values(topic, 1)).containsExactly("after");
    }

    @Test
    void whenTheLookupDoesNotAnswerThenTheRecordFailsAfterMaxBlockMsAndBufferMemoryIsGivenBack() throws Exception {
        String topic = cluster.createTopic(KafkaCluster.uniqueTopic("lookup-silent"), 1, 1);
        LookupSerializer values = new LookupSerializer();
        try (QuillProducer<String, String> producer = producer(values, Map.of("max.block.ms", "1000"))) {
            long start = System.nanoTime();
            CompletableFuture<RecordMetadata> waiting = producer.send(ProducerRecord.of(topic, "k", "?-silent"));
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).as("send did not wait").isLessThan(1000);

            assertThat(TestProducers.failureOf(waiting)).isInstanceOf(DeliveryTimeoutException.class)
                    .hasMessageContaining(topic).hasMessageContaining("max.block.ms");
            assertThat(producer.metrics().bufferAvailableBytes()).isEqualTo(producer.metrics().bufferTotalBytes());
            assertThat(producer.metrics().recordsQueued()).isZero();
        }
    }
}
