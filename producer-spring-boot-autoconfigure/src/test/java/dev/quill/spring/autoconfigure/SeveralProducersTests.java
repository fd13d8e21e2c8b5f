package dev.quill.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.micrometer.core.instrument.MeterRegistry;

import dev.quill.producer.ProducerConfig;
import dev.quill.producer.ProducerRecord;
import dev.quill.producer.QuillProducer;
import dev.quill.producer.RecordMetadata;
import dev.quill.producer.Serializers;
import dev.quill.producer.errors.ProducerException;
import dev.quill.spring.ProducerTemplate;
import dev.quill.spring.autoconfigure.health.QuillProducerHealthAutoConfiguration;
import dev.quill.spring.autoconfigure.metrics.QuillProducerMetricsAutoConfiguration;
import dev.quill.spring.metrics.QuillProducerMeterBinder;

/** An application with two producers of its own, for example one per cluster. Nothing listens on port 1. */
class SeveralProducersTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(QuillProducerAutoConfiguration.class,
                    QuillProducerHealthAutoConfiguration.class, QuillProducerMetricsAutoConfiguration.class,
                    MetricsAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class,
                    CompositeMeterRegistryAutoConfiguration.class))
            .withPropertyValues("quill.producer.bootstrap-servers=127.0.0.1:1", "quill.producer.close-timeout=1s");

    @Test
    void whenThereAreTwoProducersThenHealthHasAnEntryForEachNamedAfterItsBean() {
        runner.withUserConfiguration(TwoProducers.class).run(context -> {
            assertThat(context.getBean("quillProducerHealthIndicator")).isInstanceOf(CompositeHealthContributor.class);
            CompositeHealthContributor health = context.getBean("quillProducerHealthIndicator",
                    CompositeHealthContributor.class);
            assertThat(health.getContributor("ordersProducer")).isInstanceOf(HealthIndicator.class);
            assertThat(health.getContributor("auditProducer")).isInstanceOf(HealthIndicator.class);
        });
    }

    @Test
    void whenThereAreTwoProducersThenEachIsBoundUnderItsClientId() {
        runner.withUserConfiguration(TwoProducers.class).run(context -> {
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            assertThat(registry.find("quill.producer.buffer.total").tag("client.id", "orders").gauge())
                    .isNotNull();
            assertThat(registry.find("quill.producer.buffer.total").tag("client.id", "audit").gauge())
                    .isNotNull();
            assertThat(context).doesNotHaveBean(QuillProducerMeterBinder.class).doesNotHaveBean(ProducerTemplate.class);
        });
    }

    @Test
    void whenOneOfTwoProducersIsPrimaryThenTheTemplateUsesItAndBothAreBoundOnce() {
        runner.withBean("ordersProducer", QuillProducer.class, () -> producer("orders"),
                        definition -> definition.setPrimary(true))
                .withBean("auditProducer", QuillProducer.class, () -> producer("audit")).run(context -> {
            assertThat(context.getBean(ProducerTemplate.class).producer()).isSameAs(context.getBean("ordersProducer"));
            assertThat(context.getBean(QuillProducerMeterBinder.class).producer())
                    .isSameAs(context.getBean("ordersProducer"));
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            assertThat(registry.find("quill.producer.buffer.total").gauges()).extracting(g -> g.getId()
                    .getTag("client.id")).containsExactlyInAnyOrder("orders", "audit");
        });
    }

    @Test
    @Timeout(60)
    void whenTheContextClosesThenEveryProducerIsClosedWithinTheCloseTimeout() {
        CompletableFuture<?>[] pending = new CompletableFuture<?>[2];
        QuillProducer<?, ?>[] producers = new QuillProducer<?, ?>[2];
        runner.withUserConfiguration(TwoProducers.class).run(context -> {
            assertThat(context).hasSingleBean(QuillProducerLifecycle.class);
            producers[0] = context.getBean("ordersProducer", QuillProducer.class);
            producers[1] = context.getBean("auditProducer", QuillProducer.class);
            pending[0] = send(producers[0]);
            pending[1] = send(producers[1]);
        });

        // Without a bounded close, the records waiting for the unreachable cluster would hold shutdown up.
        assertThat(pending).allSatisfy(f -> assertThat(f).isCompletedExceptionally());
        assertThat(producers).allSatisfy(p -> assertThat(send(p)).isCompletedExceptionally()
                .failsWithin(Duration.ZERO).withThrowableThat().withCauseInstanceOf(ProducerException.class)
                .withMessageContaining("closed"));
    }

    @SuppressWarnings("unchecked")
    private static CompletableFuture<RecordMetadata> send(QuillProducer<?, ?> producer) {
        return ((QuillProducer<String, String>) producer).send(ProducerRecord.of("orders", "k", "v"));
    }

    private static QuillProducer<String, String> producer(String clientId) {
        return QuillProducer.create(ProducerConfig.builder().bootstrapServers("127.0.0.1:1").clientId(clientId).build(),
                Serializers.string(), Serializers.string());
    }

    @Configuration(proxyBeanMethods = false)
    static class TwoProducers {
        @Bean
        QuillProducer<String, String> ordersProducer() {
            return producer("orders");
        }

        @Bean
        QuillProducer<String, String> auditProducer() {
            return producer("audit");
        }
    }
}
