package dev.quill.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.micrometer.observation.ObservationRegistry;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.quill.producer.errors.RecordTooLargeException;
import dev.quill.spring.ProducerTemplate;
import dev.quill.spring.observation.DefaultProducerObservationConvention;
import dev.quill.spring.observation.ProducerObservationConvention;
import dev.quill.spring.observation.RecordingHandler;

/**
 * {@code quill.producer.observation-enabled}. A record over {@code max-request-size} fails before any I/O, so
 * a send completes, observed or not, without a broker.
 */
class QuillProducerAutoConfigurationObservationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(QuillProducerAutoConfiguration.class))
            .withUserConfiguration(Registry.class)
            .withPropertyValues("quill.producer.bootstrap-servers=127.0.0.1:1", "quill.producer.max-request-size=1KB");

    @Test
    void whenObservationIsEnabledThenTemplateSendsAreObservedThroughTheApplicationsRegistry() {
        runner.withPropertyValues("quill.producer.observation-enabled=true").run(context -> {
            sendTooLarge(context.getBean(ProducerTemplate.class));

            assertThat(context.getBean(RecordingHandler.class).stopped()).singleElement().satisfies(observed -> {
                assertThat(observed.getName()).isEqualTo(DefaultProducerObservationConvention.NAME);
                assertThat(observed.getError()).isInstanceOf(RecordTooLargeException.class);
            });
        });
    }

    @Test
    void whenObservationIsNotEnabledThenTheRegistryIsNotUsed() {
        runner.run(context -> {
            sendTooLarge(context.getBean(ProducerTemplate.class));

            assertThat(context.getBean(RecordingHandler.class).stopped()).isEmpty();
        });
    }

    @Test
    void whenTheApplicationDefinesAConventionThenObservationsUseIt() {
        runner.withPropertyValues("quill.producer.observation-enabled=true")
                .withBean(ProducerObservationConvention.class, () -> new DefaultProducerObservationConvention() {
                    @Override
                    public String getName() {
                        return "orders.published";
                    }
                })
                .run(context -> {
                    sendTooLarge(context.getBean(ProducerTemplate.class));

                    assertThat(context.getBean(RecordingHandler.class).stopped()).singleElement()
                            .satisfies(observed -> assertThat(observed.getName()).isEqualTo("orders.published"));
                });
    }

    @SuppressWarnings("unchecked")
    private static void sendTooLarge(ProducerTemplate<?, ?> template) {
        ((ProducerTemplate<String, String>) template).send("orders", "k", "x".repeat(2048)).handle((r, e) -> e).join();
    }

    @Configuration(proxyBeanMethods = false)
    static class Registry {
        @Bean
        RecordingHandler recordingHandler() {
            return new RecordingHandler();
        }

        @Bean
        ObservationRegistry observationRegistry(RecordingHandler handler) {
            ObservationRegistry registry = ObservationRegistry.create();
            registry.observationConfig().observationHandler(handler);
            return registry;
        }
    }
}
