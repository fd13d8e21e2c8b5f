package dev.quill.spring.autoconfigure.metrics;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.context.annotation.Bean;

import dev.quill.producer.QuillProducer;
import dev.quill.spring.autoconfigure.QuillProducerAutoConfiguration;
import dev.quill.spring.metrics.QuillProducerMeterBinder;

/**
 * Binds the producer's metrics to the application's {@link MeterRegistry} (Spring Boot binds every
 * {@code MeterBinder} bean), and times {@code ProducerTemplate} sends. Needs Micrometer and a registry.
 */
@AutoConfiguration(after = QuillProducerAutoConfiguration.class, afterName = {
        "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration" })
@ConditionalOnClass({ MeterRegistry.class, QuillProducer.class })
@ConditionalOnBean(MeterRegistry.class)
@ConditionalOnSingleCandidate(QuillProducer.class)
public final class QuillProducerMetricsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(QuillProducerMeterBinder.class)
    QuillProducerMeterBinder quillProducerMeterBinder(QuillProducer<?, ?> producer) {
        return new QuillProducerMeterBinder(producer);
    }
}
