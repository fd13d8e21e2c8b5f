package dev.quill.spring.autoconfigure;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;

import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.quill.producer.Producer;
import dev.quill.producer.QuillProducer;
import dev.quill.producer.Serializers;
import dev.quill.producer.testing.MockProducer;
import dev.quill.spring.ProducerTemplate;
import dev.quill.spring.SendResult;
import dev.quill.spring.autoconfigure.health.QuillProducerHealthAutoConfiguration;

/** quill.producer.mock.*: the auto-configured producer is the test double, and no connection is attempted. */
class MockProducerAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(QuillProducerAutoConfiguration.class,
                    QuillProducerHealthAutoConfiguration.class))
            .withPropertyValues("quill.producer.bootstrap-servers=127.0.0.1:1");

    private static boolean ioThreadExists(String clientId) {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(thread -> thread.getName().equals("quill-producer-io-" + clientId));
    }

    @Test
    void whenMockIsEnabledThenTheTemplateSendsThroughAMockProducerAndNoIoThreadStarts() {
        runner.withPropertyValues("quill.producer.mock.enabled=true", "quill.producer.client-id=mocked-orders")
                .run(context -> {
                    assertThat(context).hasSingleBean(MockProducer.class).doesNotHaveBean(QuillProducer.class)
                            .hasSingleBean(ProducerTemplate.class).hasSingleBean(QuillProducerLifecycle.class);
                    MockProducer<String, String> producer = context.getBean(MockProducer.class);
                    ProducerTemplate<String, String> template = context.getBean(ProducerTemplate.class);

                    SendResult<String, String> result = template.sendAndWait("orders", "k", "v");

                    assertThat(result.metadata().offset()).isZero();
                    assertThat(producer.history()).singleElement().satisfies(sent -> {
                        assertThat(sent.topic()).isEqualTo("orders");
                        assertThat(sent.serializedValue()).isEqualTo("v".getBytes(UTF_8));
                    });
                    assertThat(producer.clientId()).isEqualTo("mocked-orders");
                    assertThat(ioThreadExists("mocked-orders")).as("a thread connecting to the brokers").isFalse();
                    HealthIndicator health = context.getBean("quillProducerHealthIndicator", HealthIndicator.class);
                    assertThat(health.health().getStatus()).isEqualTo(Status.UP);
                    assertThat(health.health().getDetails()).containsEntry("clientId", "mocked-orders");
                });
    }

    @Test
    void whenMockIsNotEnabledThenTheRealProducerStartsItsIoThread() {
        runner.withPropertyValues("quill.producer.client-id=real-orders").run(context -> {
            assertThat(context).hasSingleBean(QuillProducer.class).doesNotHaveBean(MockProducer.class);
            assertThat(ioThreadExists("real-orders")).isTrue();
        });
    }

    @Test
    void whenMockPartitionsAreDeclaredThenKeysGoWhereTheRealProducerPutsThem() {
        runner.withPropertyValues("quill.producer.mock.enabled=true", "quill.producer.mock.partitions.orders=6",
                "quill.producer.mock.partitions[audit.events]=2").run(context -> {
                    Producer<String, String> producer = context.getBean(Producer.class);
                    assertThat(producer.partitionsFor("orders")).hasSize(6);
                    assertThat(producer.partitionsFor("audit.events")).hasSize(2);
                    ProducerTemplate<String, String> template = context.getBean(ProducerTemplate.class);
                    for (int i = 0; i < 30; i++) {
                        String key = "customer-" + i;
                        assertThat(template.sendAndWait("orders", key, "v").metadata().partition()).as(key)
                                .isEqualTo(Utils.toPositive(Utils.murmur2(key.getBytes(UTF_8))) % 6);
                    }
                });
    }

    @Test
    void whenAutoCompleteIsOffThenTheTestCompletesEachSend() {
        runner.withPropertyValues("quill.producer.mock.enabled=true", "quill.producer.mock.auto-complete=false")
                .run(context -> {
                    MockProducer<?, ?> producer = context.getBean(MockProducer.class);
                    ProducerTemplate<String, String> template = context.getBean(ProducerTemplate.class);
                    CompletableFuture<SendResult<String, String>> sent = template.send("orders", "k", "v");
                    assertThat(sent).isNotDone();
                    assertThat(producer.completeNext()).isTrue();
                    assertThat(sent).isCompleted();
                });
    }

    @Test
    void whenTheSerializerPropertiesAreSetThenTheMockUsesThem() {
        runner.withPropertyValues("quill.producer.mock.enabled=true", "quill.producer.key-serializer=long")
                .run(context -> {
                    ProducerTemplate<Long, String> template = context.getBean(ProducerTemplate.class);
                    template.sendAndWait("orders", 42L, "v");
                    MockProducer<Long, String> producer = context.getBean(MockProducer.class);
                    assertThat(producer.history()).singleElement()
                            .satisfies(sent -> assertThat(sent.serializedKey()).hasSize(8));
                });
    }

    @Test
    void whenTheContextClosesThenTheMockIsClosed() {
        MockProducer<?, ?>[] producer = new MockProducer<?, ?>[1];
        runner.withPropertyValues("quill.producer.mock.enabled=true")
                .run(context -> producer[0] = context.getBean(MockProducer.class));
        assertThat(producer[0].closed()).isTrue();
    }

    @Test
    void whenTheApplicationDefinesAMockProducerThenNoProducerIsAutoConfigured() {
        runner.withUserConfiguration(OwnMock.class).run(context -> {
            assertThat(context).hasSingleBean(Producer.class).doesNotHaveBean(QuillProducer.class);
            assertThat(context.getBean(ProducerTemplate.class).producer()).isSameAs(context.getBean("ownMock"));
        });
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnMock {
        @Bean
        MockProducer<String, String> ownMock() {
            return MockProducer.create(Serializers.string(), Serializers.string());
        }
    }
}
