package dev.quill.producer.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.quill.producer.ProducerHealth;
import dev.quill.producer.ProducerRecord;
import dev.quill.producer.QuillProducer;
import dev.quill.producer.RecordMetadata;
import dev.quill.producer.testkit.KafkaCluster;

/** The cluster is unreachable when the producer starts, or goes away under it, and comes back. */
class OutageTest {

    /** Short broker heartbeats, so that a restarted broker is back in service within a second or two. */
    private static final Map<String, String> QUICK_RESTART = Map.of(
            "broker.heartbeat.interval.ms", "100", "broker.session.timeout.ms", "1500");

    @Test
    void whenNoBrokerIsUpAtStartThenRecordsSentMeanwhileAreDeliveredOnceOneStarts() throws Exception {
        try (KafkaCluster cluster = KafkaCluster.start(1, QUICK_RESTART)) {
            String topic = cluster.createTopic(KafkaCluster.uniqueTopic("outage-start"), 3, 1);
            cluster.stopBroker(0);
            List<CompletableFuture<RecordMetadata>> futures = new ArrayList<>();
            try (QuillProducer<String, String> producer = TestProducers.strings(cluster, Map.of(
                    "reconnect.backoff.ms", "50", "reconnect.backoff.max.ms", "500"))) {
                long start = System.nanoTime();
                for (int i = 0; i < 1_000; i++) {
                    futures.add(producer.send(ProducerRecord.of(topic, "k" + i, "v" + i)));
                }
                assertThat(Duration.ofNanos(System.nanoTime() - start)).as("send() never waits for the cluster")
                        .isLessThan(Duration.ofSeconds(2));
                KafkaCluster.awaitCondition(Duration.ofSeconds(30), "health DOWN while no broker is up",
                        () -> producer.health().status() == ProducerHealth.Status.DOWN);
                assertThat(futures).noneMatch(CompletableFuture::isDone);

                cluster.startBroker(0);
                for (CompletableFuture<RecordMetadata> f : futures) {
                    assertThat(f.get(60, TimeUnit.SECONDS).hasOffset()).isTrue();
                }
                KafkaCluster.awaitCondition(Duration.ofSeconds(30), "health UP once the broker is back",
                        () -> producer.health().status() == ProducerHealth.Status.UP);
            }
            assertThat(cluster.readAll(topic, 1_000, Duration.ofSeconds(60))).hasSize(1_000);
        }
    }

    @Test
    void whenSomeBootstrapServersAreDownThenAnyReachableOneIsEnough() throws Exception {
        KafkaCluster cluster = KafkaCluster.shared();
        String topic = cluster.createTopic(KafkaCluster.uniqueTopic("bootstrap-list"), 1, 1);
        try (QuillProducer<String, String> producer = TestProducers.strings(cluster, Map.of(
                "bootstrap.servers", "127.0.0.1:1,127.0.0.1:2," + cluster.bootstrapServers()))) {
            assertThat(producer.send(ProducerRecord.of(topic, "k", "v")).get(30, TimeUnit.SECONDS).offset()).isZero();
        }
    }

    @Test
    void whenTheOnlyBrokerStopsAndRestartsThenTheProducerRecoversWithoutARestart() throws Exception {
        try (KafkaCluster cluster = KafkaCluster.start(1, QUICK_RESTART)) {
            String topic = cluster.createTopic(KafkaCluster.uniqueTopic("outage-middle"), 2, 1);
            try (QuillProducer<String, String> producer = TestProducers.strings(cluster, Map.of(
                    "reconnect.backoff.ms", "50", "reconnect.backoff.max.ms", "500"))) {
                assertThat(producer.send(ProducerRecord.of(topic, "before", "1")).get(30, TimeUnit.SECONDS).hasOffset()).isTrue();
                cluster.stopBroker(0);
                KafkaCluster.awaitCondition(Duration.ofSeconds(30), "health DOWN once the broker is gone",
                        () -> producer.health().status() == ProducerHealth.Status.DOWN);
                CompletableFuture<RecordMetadata> during = producer.send(ProducerRecord.of(topic, "during", "2"));
                cluster.startBroker(0);
                assertThat(during.get(60, TimeUnit.SECONDS).hasOffset()).isTrue();
                assertThat(producer.send(ProducerRecord.of(topic, "after", "3")).get(30, TimeUnit.SECONDS).hasOffset()).isTrue();
            }
            assertThat(cluster.readAll(topic, 3, Duration.ofSeconds(30))).hasSize(3);
        }
    }
}
