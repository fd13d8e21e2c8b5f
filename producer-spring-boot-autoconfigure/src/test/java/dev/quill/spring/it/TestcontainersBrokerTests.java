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

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.quill.spring.ProducerTemplate;
import dev.quill.spring.autoconfigure.QuillProducerAutoConfiguration;

/**
 * The starter against Apache Kafka's own image, where Docker runs. Without Docker JUnit reports this class as
 * skipped ("disabledWithoutDocker"), so the gap shows in the test report instead of passing silently.
 */
@Testcontainers(disabledWithoutDocker = true)
class TestcontainersBrokerTests {

    @Container
    static final KafkaContainer KAFKA = new KafkaContainer("apache/kafka:4.1.1");

    @Test
    void whenSentThroughTheTemplateThenAConsumerOfTheContainerReadsIt() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(QuillProducerAutoConfiguration.class))
                .withPropertyValues("quill.producer.bootstrap-servers=" + KAFKA.getBootstrapServers())
                .run(context -> {
                    ProducerTemplate<String, String> template = context.getBean(ProducerTemplate.class);
                    template.sendAndWait("containers", "k", "hello from quill");
                });
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
