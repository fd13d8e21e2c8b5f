package dev.quill.producer.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.quill.producer.ProducerRecord;
import dev.quill.producer.QuillProducer;
import dev.quill.producer.RecordMetadata;
import dev.quill.producer.errors.BufferExhaustedException;
import dev.quill.producer.errors.DeliveryTimeoutException;
import dev.quill.producer.errors.Errors;
import dev.quill.producer.errors.ProducerException;
import dev.quill.producer.errors.RetriableException;
import dev.quill.producer.testkit.KafkaCluster;

/** Retries of retriable broker errors, the delivery timeout, and a full buffer. */
class RetriesAndBufferTest {

    private static KafkaCluster cluster;

    @BeforeAll
    static void startCluster() {
        // Two brokers, the second stopped once topics are placed: a topic on both with
        // min.insync.replicas=2 then answers every acks=all produce with NOT_ENOUGH_REPLICAS.
        cluster = KafkaCluster.start(2, Map.of());
        underReplicated = cluster.createTopic(KafkaCluster.uniqueTopic("under-replicated"),
                Map.of(0, List.of(0, 1)), Map.of("min.insync.replicas", "2"));
        healthy = cluster.createTopic(KafkaCluster.uniqueTopic("healthy"), Map.of(0, List.of(0)), Map.of());
        cluster.stopBroker(1);
    }

    private static String underReplicated;
    private static String healthy;

    @AfterAll
    static void stopCluster() {
        cluster.close();
    }

    @Test
    void whenNotEnoughReplicasPersistsThenRecordsFailAfterDeliveryTimeoutWithTheLastBrokerError() {
        String topic = underReplicated;
        try (QuillProducer<String, String> producer = TestProducers.strings(cluster, Map.of(
                "delivery.timeout.ms", "3000", "request.timeout.ms", "1000", "linger.ms", "0",
                "retry.backoff.ms", "50", "retry.backoff.max.ms", "200"))) {
            long start = System.nanoTime();
            Throwable error = TestProducers.failureOf(producer.send(ProducerRecord.of(topic, "k", "v")));
            long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertThat(error).isInstanceOf(DeliveryTimeoutException.class)
                    .hasMessageContaining("delivery.timeout.ms=3000").hasMessageContaining("NOT_ENOUGH_REPLICAS");
            assertThat(error.getCause()).isInstanceOf(RetriableException.class);
            assertThat(((ProducerException) error.getCause()).brokerError()).contains(Errors.NOT_ENOUGH_REPLICAS);
            assertThat(elapsedMs).isBetween(2_500L, 20_000L);
            assertThat(producer.metrics().recordsRetried()).isPositive();
            assertThat(producer.health().partitionsBelowMinInsyncReplicas()).containsExactly(topic + "-0");
        }
    }

    @Test
    void whenRetriesAreZeroThenARetriableErrorFailsAfterOneAttempt() {
        String topic = underReplicated;
        try (QuillProducer<String, String> producer = TestProducers.strings(cluster, Map.of(
                "retries", "0", "enable.idempotence", "false"))) {
            Throwable error = TestProducers.failureOf(producer.send(ProducerRecord.of(topic, "k", "v")));
            assertThat(error).isInstanceOf(RetriableException.class).hasMessageContaining("NOT_ENOUGH_REPLICAS")
                    .hasMessageContaining("gave up after 1 attempts");
            assertThat(producer.metrics().recordsRetried()).isZero();
        }
    }

    @Test
    void whenBufferIsFullThenBlockPolicyWaitsMaxBlockAndFailPolicyFailsAtOnce() throws Exception {
        // Every produce to this topic is refused and retried, so its batches keep their memory.
        String topic = underReplicated;
        for (String policy : List.of("fail", "block")) {
            try (QuillProducer<String, String> producer = TestProducers.strings(cluster, Map.of(
                    "buffer.memory", "65536", "batch.size", "16384", "buffer.full.policy", policy,
                    "max.block.ms", "300", "linger.ms", "0"))) {
                producer.partitionsFor(topic);

                String value = "x".repeat(4_000);
                List<CompletableFuture<RecordMetadata>> accepted = new ArrayList<>();
                Throwable failure = null;
                long failedAfterMs = -1;
                for (int i = 0; i < 100 && failure == null; i++) {
                    long start = System.nanoTime();
                    CompletableFuture<RecordMetadata> f = producer.send(ProducerRecord.of(topic, "k", value));
                    if (f.isCompletedExceptionally()) {
                        failure = f.handle((m, e) -> e).join();
                        failedAfterMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                    } else {
                        accepted.add(f);
                    }
                }
                assertThat(failure).as(policy).isInstanceOf(BufferExhaustedException.class)
                        .hasMessageContaining("buffer.memory (65536 bytes)");
                if (policy.equals("fail")) {
                    assertThat(failedAfterMs).isLessThan(250);
                } else {
                    assertThat(failedAfterMs).isGreaterThanOrEqualTo(250);
                }
                assertThat(accepted).as("records accepted before the buffer filled").hasSizeBetween(10, 16);
                producer.close(Duration.ZERO);
                assertThat(accepted).allSatisfy(f -> assertThat(f).isCompletedExceptionally());
            }
        }
    }

    @Test
    void whenNoBrokerAnswersThenRecordsWaitingForMetadataCountAgainstBufferMemory() {
        try (QuillProducer<String, String> producer = QuillProducer.create(dev.quill.producer.ProducerConfig.from(Map.of(
                "bootstrap.servers", "127.0.0.1:1", "buffer.memory", "65536", "buffer.full.policy", "fail",
                "max.block.ms", "1000", "key.serializer", "org.apache.kafka.common.serialization.StringSerializer",
                "value.serializer", "org.apache.kafka.common.serialization.StringSerializer")))) {
            String value = "w".repeat(1_000);
            int accepted = 0;
            CompletableFuture<RecordMetadata> last = null;
            for (int i = 0; i < 1_000; i++) {
                last = producer.send(ProducerRecord.of("nowhere", "k", value));
                if (last.isCompletedExceptionally()) {
                    break;
                }
                accepted++;
            }
            assertThat(accepted).isBetween(50, 66);
            assertThat(TestProducers.failureOf(last)).isInstanceOf(BufferExhaustedException.class);
        }
    }

    @Test
    void whenManyThreadsSendConcurrentlyThenEveryRecordArrivesOnce() throws Exception {
        String topic = healthy;
        int threads = 8;
        int perThread = 5_000;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try (QuillProducer<String, String> producer = TestProducers.strings(cluster, Map.of())) {
            List<Future<List<CompletableFuture<RecordMetadata>>>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                results.add(pool.submit(() -> {
                    List<CompletableFuture<RecordMetadata>> futures = new ArrayList<>();
                    for (int i = 0; i < perThread; i++) {
                        futures.add(producer.send(ProducerRecord.of(topic, thread + "-" + i, "v")));
                    }
                    return futures;
                }));
            }
            for (Future<List<CompletableFuture<RecordMetadata>>> r : results) {
                for (CompletableFuture<RecordMetadata> f : r.get()) {
                    assertThat(f.get(60, TimeUnit.SECONDS).hasOffset()).isTrue();
                }
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(cluster.readAll(topic, threads * perThread, Duration.ofSeconds(60)).stream()
                .map(r -> new String(r.key())).distinct().count()).isEqualTo(threads * perThread);
    }
}
