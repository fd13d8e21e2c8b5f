package dev.quill.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;


import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.micrometer.core.instrument.MeterRegistry;

import dev.quill.producer.QuillProducer;
import dev.quill.spring.ProducerTemplate;
import dev.quill.spring.autoconfigure.metrics.QuillProducerMetricsAutoConfiguration;
import dev.quill.spring.metrics.QuillProducerMeterBinder;

class QuillProducerMetricsAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(QuillProducerAutoConfiguration.class,
                    QuillProducerMetricsAutoConfiguration.class, MetricsAutoConfiguration.class,
                    SimpleMetricsExportAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class))
            .withPropertyValues("quill.producer.bootstrap-servers=127.0.0.1:1", "quill.producer.client-id=metrics-test");

    @Test
    void whenARegistryExistsThenTheProducersGaugesAreRegisteredWithTheClientIdTag() {
        runner.run(context -> {
            assertThat(context).hasSingleBean(QuillProducerMeterBinder.class);
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            assertThat(registry.get("quill.producer.buffer.total").tag("client.id", "metrics-test").gauge()
                    .value()).isEqualTo(33554432.0);
            assertThat(registry.get("quill.producer.batches.sent").functionCounter().count()).isZero();
            assertThat(registry.find("quill.producer.connections").gauge()).isNotNull();
            assertThat(registry.get("quill.producer.request.latency").timer().count()).as("nothing measured yet").isZero();
            assertThat(registry.get("quill.producer.record.queue.time").tag("client.id", "metrics-test").timer())
                    .isNotNull();
        });
    }

    @Test
    void whenTheTemplateExistsThenTheBinderTimesItsSends() {
        runner.withPropertyValues("quill.producer.mock.enabled=true").run(context -> {
            ProducerTemplate<String, String> template = context.getBean(ProducerTemplate.class);
            template.sendAndWait("orders", "k", "v");
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            assertThat(registry.get("quill.producer.send").tags("client.id", "metrics-test", "topic", "orders",
                    "error", "none").timer().count()).isEqualTo(1);
            assertThat(registry.get("quill.producer.records.sent").tags("client.id", "metrics-test", "topic", "orders")
                    .functionCounter().count()).isEqualTo(1);
        });
    }

    @Test
    void whenMicrometerIsAbsentThenThereIsNoBinderButTheProducerStays() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(QuillProducerAutoConfiguration.class,
                        QuillProducerMetricsAutoConfiguration.class))
                .withPropertyValues("quill.producer.bootstrap-servers=127.0.0.1:1")
                .withClassLoader(new FilteredClassLoader(MeterRegistry.class))
                .run(context -> assertThat(context).hasNotFailed().hasSingleBean(QuillProducer.class)
                        .doesNotHaveBean(QuillProducerMeterBinder.class));
    }

    @Test
    void whenThereIsNoRegistryThenThereIsNoBinder() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(QuillProducerAutoConfiguration.class,
                        QuillProducerMetricsAutoConfiguration.class))
                .withPropertyValues("quill.producer.bootstrap-servers=127.0.0.1:1")
                .run(context -> assertThat(context).doesNotHaveBean(QuillProducerMeterBinder.class));
    }

    @Test
    void whenTheApplicationDefinesItsOwnBinderThenTheAutoConfiguredOneBacksOff() {
        runner.withUserConfiguration(OwnBinder.class).run(context -> assertThat(context)
                .hasSingleBean(QuillProducerMeterBinder.class).hasBean("ownBinder"));
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnBinder {
        @Bean
        QuillProducerMeterBinder ownBinder(QuillProducer<?, ?> producer) {
            return new QuillProducerMeterBinder(producer);
        }
    }
}
