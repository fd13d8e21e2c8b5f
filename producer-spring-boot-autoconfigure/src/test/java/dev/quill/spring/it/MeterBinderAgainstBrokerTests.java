package dev.quill.spring.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import dev.quill.producer.ProducerConfig;
import dev.quill.producer.ProducerRecord;
import dev.quill.producer.QuillProducer;
import dev.quill.producer.Serializers;
import dev.quill.producer.testkit.KafkaCluster;
import dev.quill.spring.metrics.QuillProducerMeterBinder;

class MeterBinderAgainstBrokerTests {

    @Test
    void whenRecordsGoStraightThroughTheProducerToANewTopicThenItsMetersAppearByThemselves() throws Exception {
        KafkaCluster cluster = KafkaCluster.shared();
        String topic = cluster.createTopic(KafkaCluster.uniqueTopic("direct"), 1, 1);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (QuillProducer<String, String> producer = QuillProducer.create(ProducerConfig.from(Map.of(
                "bootstrap.servers", cluster.bootstrapServers(), "client.id", "binder-direct")),
                Serializers.string(), Serializers.string());
             QuillProducerMeterBinder binder = new QuillProducerMeterBinder(producer, Duration.ofMillis(100))) {
            binder.bindTo(registry);
            for (int i = 0; i < 5; i++) {
                producer.send(ProducerRecord.of(topic, "k", "v" + i)).get(30, TimeUnit.SECONDS);
            }
            KafkaCluster.awaitCondition(Duration.ofSeconds(10), "meters for " + topic,
                    () -> registry.find("quill.producer.records.sent").tag("topic", topic).functionCounter() != null);
            FunctionCounter sent = registry.get("quill.producer.records.sent").tag("topic", topic)
                    .tag("client.id", "binder-direct").functionCounter();
            assertThat(sent.count()).isEqualTo(5);
        }
    }
}
