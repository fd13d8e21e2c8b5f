package dev.quill.spring.observation;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;

import dev.quill.producer.ProducerConfig;
import dev.quill.producer.QuillProducer;
import dev.quill.producer.Serializers;
import dev.quill.producer.errors.RecordTooLargeException;
import dev.quill.producer.testkit.KafkaCluster;
import dev.quill.spring.ProducerTemplate;
import dev.quill.spring.SendResult;

/** Observed template sends against a real broker: what a tracer and a meter handler get to see. */
class ObservationAgainstBrokerTests {

    private static final KafkaCluster CLUSTER = KafkaCluster.shared();

    private final RecordingHandler handler = new RecordingHandler();
    private final ObservationRegistry registry = ObservationRegistry.create();
    private final QuillProducer<String, String> producer = QuillProducer.create(ProducerConfig.builder()
            .bootstrapServers(CLUSTER.bootstrapServers()).clientId("observed").property("max.request.size", "10000")
            .build(), Serializers.string(), Serializers.string());
    private final ProducerTemplate<String, String> template = new ProducerTemplate<>(producer).withObservation(registry);

    ObservationAgainstBrokerTests() {
        registry.observationConfig().observationHandler(handler);
    }

    @AfterEach
    void close() {
        producer.close(Duration.ofSeconds(10));
    }

    @Test
    void whenAnObservedSendIsAcknowledgedThenTheObservationHasWhereItLandedAndTheConsumerSeesTheTraceHeader()
            throws Exception {
        String topic = CLUSTER.createTopic(KafkaCluster.uniqueTopic("observed"), 2, 1);

        SendResult<String, String> sent = template.send(topic, "k1", "v1").get(30, TimeUnit.SECONDS);

        assertThat(handler.stopped()).singleElement().satisfies(context -> {
            assertThat(context.getName()).isEqualTo("quill.producer.template");
            assertThat(context.getContextualName()).isEqualTo("send " + topic);
            assertThat(context.getError()).isNull();
            assertThat(context.getLowCardinalityKeyValues()).containsExactlyInAnyOrder(
                    KeyValue.of("messaging.system", "kafka"), KeyValue.of("messaging.operation", "publish"),
                    KeyValue.of("messaging.destination.name", topic), KeyValue.of("messaging.client.id", "observed"));
            assertThat(context.getHighCardinalityKeyValues()).containsExactlyInAnyOrder(
                    KeyValue.of("messaging.destination.partition.id", String.valueOf(sent.metadata().partition())),
                    KeyValue.of("messaging.kafka.offset", String.valueOf(sent.metadata().offset())));
        });
        List<ConsumerRecord<byte[], byte[]>> read = CLUSTER.readAll(topic, 1, Duration.ofSeconds(30));
        assertThat(read).singleElement().satisfies(r -> assertThat(
                new String(r.headers().lastHeader(RecordingHandler.TRACE_HEADER).value(), UTF_8))
                .isEqualTo(RecordingHandler.TRACE_VALUE));
    }

    @Test
    void whenAnObservedSendFailsThenTheObservationEndsWithItsError() {
        String topic = KafkaCluster.uniqueTopic("observed-too-large");

        template.send(topic, "k1", "x".repeat(20_000)).handle((r, e) -> e).join();

        assertThat(handler.stopped()).singleElement().satisfies(context -> {
            assertThat(context.getError()).isInstanceOf(RecordTooLargeException.class);
            assertThat(context.getHighCardinalityKeyValues()).isEmpty();
        });
    }

    @Test
    void whenSentInsideAnotherObservationThenThatIsTheParent() throws Exception {
        String topic = CLUSTER.createTopic(KafkaCluster.uniqueTopic("observed-child"), 1, 1);
        Observation request = Observation.start("http.server.requests", registry);

        request.scoped(() -> template.sendAndWait(topic, "k1", "v1"));
        request.stop();

        assertThat(handler.stopped()).singleElement()
                .satisfies(context -> assertThat(context.getParentObservation()).isSameAs(request));
    }

    @Test
    void whenObservationIsNotEnabledThenSendsAreNotObservedAndGetNoHeader() throws Exception {
        String topic = CLUSTER.createTopic(KafkaCluster.uniqueTopic("unobserved"), 1, 1);

        new ProducerTemplate<>(producer).sendAndWait(topic, "k1", "v1");

        assertThat(handler.stopped()).isEmpty();
        assertThat(CLUSTER.readAll(topic, 1, Duration.ofSeconds(30))).singleElement()
                .satisfies(r -> assertThat(r.headers().lastHeader(RecordingHandler.TRACE_HEADER)).isNull());
    }

    @Test
    void whenACustomConventionIsGivenThenItNamesTheObservation() throws Exception {
        String topic = CLUSTER.createTopic(KafkaCluster.uniqueTopic("observed-custom"), 1, 1);
        ProducerObservationConvention custom = new DefaultProducerObservationConvention() {
            @Override
            public String getName() {
                return "orders.published";
            }
        };

        template.withObservationConvention(custom).sendAndWait(topic, "k1", "v1");

        assertThat(handler.stopped()).singleElement()
                .satisfies(context -> assertThat(context.getName()).isEqualTo("orders.published"));
    }
}
