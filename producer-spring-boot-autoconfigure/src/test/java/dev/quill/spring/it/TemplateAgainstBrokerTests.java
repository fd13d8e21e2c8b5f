package dev.quill.spring.it;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import dev.quill.producer.ProducerRecord;
import dev.quill.producer.errors.RecordTooLargeException;
import dev.quill.producer.testkit.KafkaCluster;
import dev.quill.spring.ProducerTemplate;
import dev.quill.spring.SendResult;

/** The starter as an application uses it: yml properties, an injected template, a real broker. */
@SpringBootTest(classes = TemplateAgainstBrokerTests.App.class, properties = {
        "quill.producer.client-id=template-it",
        "quill.producer.value-serializer=json",
        "quill.producer.max-request-size=100KB",
        "quill.producer.default-topic=${test.default-topic}" })
class TemplateAgainstBrokerTests {

    private static final KafkaCluster CLUSTER = KafkaCluster.shared();
    private static final String DEFAULT_TOPIC = KafkaCluster.uniqueTopic("default-orders");

    @DynamicPropertySource
    static void broker(DynamicPropertyRegistry registry) {
        registry.add("quill.producer.bootstrap-servers", CLUSTER::bootstrapServers);
        registry.add("test.default-topic", () -> DEFAULT_TOPIC);
    }

    @Autowired
    private ProducerTemplate<String, Order> template;

    @Autowired
    private MeterRegistry meters;

    @Autowired
    private HealthIndicator quillProducerHealthIndicator;

    @Test
    void whenOrdersAreSentInEachModeThenAConsumerReadsTheirJsonBack() throws Exception {
        String topic = CLUSTER.createTopic(KafkaCluster.uniqueTopic("orders"), 3, 1);

        SendResult<String, Order> async = template.send(topic, "o-1", new Order("o-1", "quill", 1))
                .get(30, TimeUnit.SECONDS);
        SendResult<String, Order> sync = template.sendAndWait(topic, "o-2", new Order("o-2", "ink", 2));
        template.sendAndForget(topic, "o-3", new Order("o-3", "paper", 3));
        template.sendAndWait(ProducerRecord.<String, Order>builder(topic).key("o-4").value(new Order("o-4", "nib", 4))
                .partition(2).header("source", "test".getBytes(UTF_8)).build());
        template.flush();

        assertThat(async.metadata().topic()).isEqualTo(topic);
        assertThat(async.record().key()).isEqualTo("o-1");
        assertThat(sync.metadata().offset()).isGreaterThanOrEqualTo(0);
        List<ConsumerRecord<byte[], byte[]>> read = CLUSTER.readAll(topic, 4, Duration.ofSeconds(30));
        assertThat(read).extracting(r -> new String(r.key(), UTF_8) + "=" + new String(r.value(), UTF_8))
                .containsExactlyInAnyOrder(
                        "o-1={\"id\":\"o-1\",\"item\":\"quill\",\"quantity\":1}",
                        "o-2={\"id\":\"o-2\",\"item\":\"ink\",\"quantity\":2}",
                        "o-3={\"id\":\"o-3\",\"item\":\"paper\",\"quantity\":3}",
                        "o-4={\"id\":\"o-4\",\"item\":\"nib\",\"quantity\":4}");
        ConsumerRecord<byte[], byte[]> withHeader = read.stream().filter(r -> r.partition() == 2
                && new String(r.key(), UTF_8).equals("o-4")).findFirst().orElseThrow();
        assertThat(withHeader.headers().lastHeader("source").value()).isEqualTo("test".getBytes(UTF_8));
    }

    @Test
    void whenSendingToTheDefaultTopicThenTheRecordLandsThere() throws Exception {
        template.sendDefault("d-1", new Order("d-1", "ink", 1)).get(30, TimeUnit.SECONDS);
        assertThat(CLUSTER.readAll(DEFAULT_TOPIC, 1, Duration.ofSeconds(30)))
                .extracting(r -> new String(r.key(), UTF_8)).containsExactly("d-1");
    }

    @Test
    void whenRecordsAreSentThenTheCountersEqualWhatTheBrokerHolds() {
        String topic = CLUSTER.createTopic(KafkaCluster.uniqueTopic("counted"), 2, 1);
        for (int i = 0; i < 25; i++) {
            template.sendAndWait(topic, "k" + i, new Order("k" + i, "item", i));
        }
        long onBroker = CLUSTER.endOffsets(topic).values().stream().mapToLong(Long::longValue).sum();
        assertThat(onBroker).isEqualTo(25);
        assertThat(meters.get("quill.producer.records.sent").tag("client.id", "template-it").tag("topic", topic)
                .functionCounter().count()).isEqualTo(25.0);
        assertThat(meters.get("quill.producer.records.failed").tag("topic", topic).functionCounter().count()).isZero();
        assertThat(meters.get("quill.producer.sent").tag("topic", topic).functionCounter().count()).isPositive();
        assertThat(meters.get("quill.producer.send").tag("topic", topic).tag("error", "none").timer().count())
                .isEqualTo(25);
        assertThat(meters.get("quill.producer.batches.sent").functionCounter().count()).isGreaterThanOrEqualTo(25);
        Timer requestLatency = meters.get("quill.producer.request.latency").timer();
        assertThat(requestLatency.count()).as("a timer fed by each request").isGreaterThanOrEqualTo(25);
        assertThat(requestLatency.max(TimeUnit.MILLISECONDS)).isPositive();
        assertThat(meters.get("quill.producer.record.queue.time").timer().count()).isGreaterThanOrEqualTo(25);
    }

    @Test
    void whenARecordIsTooLargeThenSendAndWaitThrowsAndTheFailureIsCountedByError() {
        String topic = KafkaCluster.uniqueTopic("too-large");
        Order huge = new Order("big", "x".repeat(200 * 1024), 1);
        assertThatThrownBy(() -> template.sendAndWait(topic, "big", huge)).isInstanceOf(RecordTooLargeException.class)
                .hasMessageContaining("max.request.size");
        assertThat(meters.get("quill.producer.records.failed").tag("topic", topic).functionCounter().count())
                .isEqualTo(1.0);
        assertThat(meters.get("quill.producer.record.errors").tag("error", "RecordTooLargeException")
                .functionCounter().count()).isGreaterThanOrEqualTo(1.0);
        assertThat(meters.get("quill.producer.send").tag("topic", topic).tag("error", "RecordTooLargeException")
                .timer().count()).isEqualTo(1);
    }

    @Test
    void whenTheBrokerIsReachableThenHealthIsUpWithDetails() {
        template.sendAndWait(KafkaCluster.uniqueTopic("health"), "h", new Order("h", "ink", 1));
        KafkaCluster.awaitCondition(Duration.ofSeconds(30), "health UP",
                () -> quillProducerHealthIndicator.health().getStatus().equals(Status.UP));
        var details = quillProducerHealthIndicator.health().getDetails();
        assertThat(details).containsEntry("clientId", "template-it").containsEntry("brokersKnown", 1)
                .containsKey("lastMetadataRefresh");
        // Not exactly 1: the core also counts its bootstrap connection, which stays open beside the broker's.
        assertThat((Integer) details.get("brokersConnected")).isPositive();
    }

    public record Order(String id, String item, int quantity) {
    }

    @SpringBootApplication
    static class App {
    }
}
