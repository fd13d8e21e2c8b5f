package dev.quill.producer.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.quill.producer.ProducerConfig;
import dev.quill.producer.ProducerRecord;
import dev.quill.producer.QuillProducer;
import dev.quill.producer.RecordMetadata;
import dev.quill.producer.Serializers;
import dev.quill.producer.errors.DeliveryTimeoutException;
import dev.quill.producer.testkit.FaultProxy;
import dev.quill.producer.testkit.KafkaCluster;

/** A broker that stops answering, and a connection cut in the middle of a response. */
class NetworkFaultsTest {

    private final KafkaCluster cluster = KafkaCluster.shared();
    private FaultProxy proxy;

    @BeforeEach
    void startProxy() {
        proxy = FaultProxy.inFrontOf(cluster);
    }

    @AfterEach
    void stopProxy() {
        proxy.close();
    }

    private QuillProducer<String, String> producerThroughProxy(Map<String, String> settings) {
        Map<String, Object> props = new java.util.HashMap<>(settings);
        props.put("bootstrap.servers", proxy.bootstrapServers());
        props.put("reconnect.backoff.ms", "50");
        props.put("reconnect.backoff.max.ms", "200");
        return QuillProducer.create(ProducerConfig.from(props), Serializers.string(), Serializers.string());
    }

    @Test
    void whenTheBrokerStopsAnsweringThenRequestsTimeOutAndRecordsArriveOnceWhenItAnswersAgain() throws Exception {
        String topic = cluster.createTopic(KafkaCluster.uniqueTopic("stalled"), 1, 1);
        try (QuillProducer<String, String> producer = producerThroughProxy(Map.of("request.timeout.ms", "1000"))) {
            producer.send(ProducerRecord.of(topic, "k", "before")).get(30, TimeUnit.SECONDS);
            proxy.pause();
            List<CompletableFuture<RecordMetadata>> futures = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                futures.add(producer.send(ProducerRecord.of(topic, "k", "during-" + i)));
            }
            KafkaCluster.awaitCondition(Duration.ofSeconds(30), "a request timeout",
                    () -> producer.health().lastError() != null && producer.health().lastError().contains("request.timeout.ms"));
            proxy.resume();
            for (CompletableFuture<RecordMetadata> f : futures) {
                assertThat(f.get(60, TimeUnit.SECONDS).hasOffset()).isTrue();
            }
            assertThat(producer.metrics().recordsRetried()).isPositive();
        }
        assertThat(cluster.endOffsets(topic)).containsEntry(0, 101L);
    }

    @Test
    void whenTheBrokerStaysSilentPastTheDeliveryTimeoutThenRecordsFailNamingTheRequestTimeout() throws Exception {
        String topic = cluster.createTopic(KafkaCluster.uniqueTopic("silent"), 1, 1);
        try (QuillProducer<String, String> producer = producerThroughProxy(Map.of(
                "request.timeout.ms", "1000", "delivery.timeout.ms", "2500", "linger.ms", "0"))) {
            producer.send(ProducerRecord.of(topic, "k", "before")).get(30, TimeUnit.SECONDS);
            proxy.pause();
            CompletableFuture<RecordMetadata> stuck = producer.send(ProducerRecord.of(topic, "k", "stuck"));
            assertThatThrownBy(() -> stuck.get(30, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(DeliveryTimeoutException.class)
                    .hasMessageContaining("delivery.timeout.ms=2500")
                    .hasMessageContaining("request.timeout.ms");
        }
    }

    @Test
    void whenAConnectionIsCutInTheMiddleOfAResponseThenTheRetryDoesNotWriteTheRecordTwice() throws Exception {
        String topic = cluster.createTopic(KafkaCluster.uniqueTopic("cut"), 1, 1);
        try (QuillProducer<String, String> producer = producerThroughProxy(Map.of())) {
            producer.send(ProducerRecord.of(topic, "k", "before")).get(30, TimeUnit.SECONDS);
            proxy.cutNextProduceResponse();
            RecordMetadata m = producer.send(ProducerRecord.of(topic, "k", "cut")).get(30, TimeUnit.SECONDS);
            assertThat(proxy.produceResponseWasCut()).isTrue();
            assertThat(m.offset()).isEqualTo(1);
            assertThat(producer.health().lastError()).contains("in the middle of a response");
        }
        assertThat(cluster.endOffsets(topic)).containsEntry(0, 2L);
    }
}
