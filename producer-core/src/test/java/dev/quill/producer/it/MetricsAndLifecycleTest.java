package dev.quill.producer.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

import dev.quill.producer.Headers;
import dev.quill.producer.ProducerConfig;
import dev.quill.producer.ProducerHealth;
import dev.quill.producer.ProducerMetrics;
import dev.quill.producer.ProducerRecord;
import dev.quill.producer.QuillProducer;
import dev.quill.producer.RecordMetadata;
import dev.quill.producer.Serializer;
import dev.quill.producer.Serializers;
import dev.quill.producer.errors.ProducerClosedException;
import dev.quill.producer.errors.ProducerException;
import dev.quill.producer.testkit.KafkaCluster;

class MetricsAndLifecycleTest {

    private final KafkaCluster cluster = KafkaCluster.shared();

    @Test
    void whenRecordsAreSentThenMetricsCountThemPerTopic() throws Exception {
        String topic = cluster.createTopic(KafkaCluster.uniqueTopic("metrics"), 3, 1);
        try (QuillProducer<String, String> producer = TestProducers.strings(cluster,
                Map.of("client.id", "metrics-test", "max.request.size", "5000"))) {
            for (int i = 0; i < 1_000; i++) {
                producer.send(ProducerRecord.of(topic, "k" + i, "v" + i));
            }
            producer.send(ProducerRecord.of(topic, "k", "z".repeat(10_000)));
            producer.flush();
            ProducerMetrics m = producer.metrics();
            assertThat(m.clientId()).isEqualTo("metrics-test");
            assertThat(m.recordsSent()).isEqualTo(1_000);
            assertThat(m.recordsFailed()).isEqualTo(1);
            assertThat(m.failuresByError()).containsEntry("RecordTooLargeException", 1L);
            assertThat(m.topics().get(topic).recordsSent()).isEqualTo(1_000);
            assertThat(m.bytesSent()).isPositive();
            assertThat(m.batchesSent()).isPositive();
            assertThat(m.requestsCompleted()).isPositive();
            assertThat(m.requestLatency().count()).isEqualTo(m.requestsCompleted());
            assertThat(m.requestLatency().p50Ms()).isPositive().isLessThanOrEqualTo(m.requestLatency().p99Ms());
            assertThat(m.requestLatency().p99Ms()).isLessThanOrEqualTo(m.requestLatency().maxMs());
            assertThat(m.recordQueueTime().count()).isEqualTo(m.batchesSent());
            // A batch's futures complete before its buffer goes back to the pool, as in kafka-clients.
            KafkaCluster.awaitCondition(Duration.ofSeconds(10), "every buffer back in the pool", () -> {
                ProducerMetrics now = producer.metrics();
                return now.bufferAvailableBytes() == now.bufferTotalBytes();
            });
            assertThat(m.connections()).isPositive();
            ProducerHealth health = producer.health();
            assertThat(health.status()).isEqualTo(ProducerHealth.Status.UP);
            assertThat(health.brokersKnown()).isEqualTo(1);
            assertThat(health.brokersConnected()).isEqualTo(1);
            assertThat(health.lastError()).as("no error on a healthy run").isNull();
        }
    }

    @Test
    void whenCloseIsCalledFromACallbackThenItReturnsAndLaterSendsFailClearly() throws Exception {
        String topic = cluster.createTopic(KafkaCluster.uniqueTopic("close-in-callback"), 1, 1);
        AtomicBoolean serializerClosed = new AtomicBoolean();
        Serializer<String> tracked = new Serializer<>() {
            @Override
            public byte[] serialize(String t, Headers headers, String data) {
                return data == null ? null : data.getBytes();
            }

            @Override
            public void close() {
                serializerClosed.set(true);
            }
        };
        QuillProducer<String, String> producer = QuillProducer.create(TestProducers.config(cluster, Map.of()),
                Serializers.string(), tracked);
        CountDownLatch closedInCallback = new CountDownLatch(1);
        producer.send(ProducerRecord.of(topic, "k", "v"), (m, e) -> {
            producer.close(Duration.ZERO);
            closedInCallback.countDown();
        });
        assertThat(closedInCallback.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(serializerClosed).isTrue();
        CompletableFuture<RecordMetadata> after = producer.send(ProducerRecord.of(topic, "k", "late"));
        assertThat(TestProducers.failureOf(after)).isInstanceOf(ProducerClosedException.class);
    }

    @Test
    void whenNoBrokerIsReachableThenCloseWithTimeoutCompletesEveryFuture() {
        QuillProducer<String, String> producer = QuillProducer.create(ProducerConfig.from(Map.of(
                "bootstrap.servers", "127.0.0.1:1",
                "key.serializer", "org.apache.kafka.common.serialization.StringSerializer",
                "value.serializer", "org.apache.kafka.common.serialization.StringSerializer")));
        List<CompletableFuture<RecordMetadata>> futures = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            futures.add(producer.send(ProducerRecord.of("unreachable", "k", "v")));
        }
        long start = System.nanoTime();
        producer.close(Duration.ofMillis(500));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(futures).allSatisfy(f -> {
            assertThat(f).isCompletedExceptionally();
            assertThat(f.handle((m, e) -> e).join()).isInstanceOf(ProducerException.class);
        });
        assertThat(producer.health().status()).isEqualTo(ProducerHealth.Status.DOWN);
        assertThat(producer.metrics().recordsFailed()).as("every record that failed is counted").isEqualTo(100);
    }
}
