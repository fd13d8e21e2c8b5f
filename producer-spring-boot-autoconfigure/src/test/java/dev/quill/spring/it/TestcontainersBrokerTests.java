package dev.quill.spring.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;

import dev.quill.spring.ProducerTemplate;
import dev.quill.spring.autoconfigure.QuillProducerAutoConfiguration;

/**
 * The starter against Apache Kafka's own image, where Docker runs, connected through {@code @ServiceConnection}. Without
 * Docker JUnit reports this class as skipped ("disabledWithoutDocker"), so the gap shows in the test report instead of
 * passing silently.
 */
@Testcontainers(disabledWithoutDocker = true)
@SpringBootTest(classes = TestcontainersBrokerTests.App.class, properties = "quill.producer.bootstrap-servers=127.0.0.1:1")
class TestcontainersBrokerTests {

    @Container
    @ServiceConnection
    static final KafkaContainer KAFKA = new KafkaContainer("apache/kafka:4.1.1");

    @SpringBootConfiguration
    @ImportAutoConfiguration(QuillProducerAutoConfiguration.class)
    static class App {
    }

    @Autowired
    ProducerTemplate<String, String> template;

    @Test
    void whenSentThroughTheTemplateThenAConsumerOfTheContainerReadsIt() {
        template.sendAndWait("containers", "k", "hello from quill");

        Map<String, Object> props = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.getBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "tc", ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of("containers"));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (values.isEmpty() && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> values.add(r.value()));
            }
        }
        assertThat(values).containsExactly("hello from quill");
    }
}
