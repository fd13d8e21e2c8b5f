package dev.quill.spring.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;

import dev.quill.producer.ProducerHealth;
import dev.quill.producer.testing.MockProducer;
import dev.quill.spring.ProducerTemplate;

/**
 * An application's own test, as the README shows it: {@code quill.producer.mock.enabled=true} replaces the producer
 * with the test double, so nothing connects in the background (no broker runs at the configured address), and the
 * test asserts on what the application sent.
 */
@SpringBootTest(classes = MockProducerSpringBootTests.App.class, properties = {
        "quill.producer.mock.enabled=true",
        "quill.producer.mock.partitions.orders=3",
        "quill.producer.client-id=orders-service-test",
        "quill.producer.bootstrap-servers=127.0.0.1:1" })
class MockProducerSpringBootTests {

    /** The application's code under test: it only knows the template. */
    static class OrderService {

        private final ProducerTemplate<String, String> template;

        OrderService(ProducerTemplate<String, String> template) {
            this.template = template;
        }

        void place(String orderId, String order) {
            template.sendAndWait("orders", orderId, order);
        }
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {
        @Bean
        OrderService orderService(ProducerTemplate<String, String> template) {
            return new OrderService(template);
        }
    }

    @Autowired
    OrderService orderService;

    @Autowired
    MockProducer<String, String> producer;

    @AfterEach
    void forget() {
        // The context (and its double) is shared with other tests of the same configuration.
        producer.clear();
    }

    @Test
    void whenTheServiceSendsThenTheDoubleRecordsItAndNoConnectionIsAttempted() {
        orderService.place("order-1", "{\"total\":42}");

        assertThat(producer.history()).singleElement().satisfies(sent -> {
            assertThat(sent.topic()).isEqualTo("orders");
            assertThat(sent.key()).isEqualTo("order-1");
            assertThat(sent.partition()).isBetween(0, 2);
        });
        assertThat(producer.health().status()).isEqualTo(ProducerHealth.Status.UP);
        assertThat(producer.metrics().recordsSent()).isEqualTo(1);
        assertThat(Thread.getAllStackTraces().keySet()).extracting(Thread::getName)
                .as("the producer's I/O thread, which would connect to the brokers")
                .doesNotContain("quill-producer-io-orders-service-test");
    }

    @Test
    void whenTheDoubleIsClearedThenEachTestSeesOnlyItsOwnSends() {
        orderService.place("order-2", "{}");

        assertThat(producer.history()).extracting(MockProducer.SentRecord::key).containsExactly("order-2");
    }
}
