package dev.quill.spring.autoconfigure.metrics;

import java.util.Set;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.context.annotation.Bean;

import dev.quill.producer.Producer;
import dev.quill.producer.QuillProducer;
import dev.quill.spring.autoconfigure.QuillProducerAutoConfiguration;
import dev.quill.spring.metrics.QuillProducerMeterBinder;
import dev.quill.spring.metrics.QuillTransactionsMeterBinder;
import dev.quill.spring.transaction.TransactionalProducerPool;

/**
 * Binds the producers' metrics to the application's {@link MeterRegistry} (Spring Boot binds every
 * {@code MeterBinder} bean), and times the auto-configured {@code ProducerTemplate}'s sends. Needs Micrometer
 * and a registry. With several producers, each is bound under its own {@code client.id}.
 */
@AutoConfiguration(after = QuillProducerAutoConfiguration.class, afterName = {
        "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration" })
@ConditionalOnClass({ MeterRegistry.class, QuillProducer.class })
@ConditionalOnBean({ MeterRegistry.class, Producer.class })
public final class QuillProducerMetricsAutoConfiguration {

    /** For the producer the auto-configured template uses; as its listener it also times the template's sends. */
    @Bean
    @ConditionalOnSingleCandidate(Producer.class)
    @ConditionalOnMissingBean(QuillProducerMeterBinder.class)
    QuillProducerMeterBinder quillProducerMeterBinder(Producer<?, ?> producer) {
        return new QuillProducerMeterBinder(producer);
    }

    @Bean
    @ConditionalOnBean(TransactionalProducerPool.class)
    @ConditionalOnMissingBean(QuillTransactionsMeterBinder.class)
    QuillTransactionsMeterBinder quillTransactionsMeterBinder(TransactionalProducerPool<?, ?> pool) {
        return new QuillTransactionsMeterBinder(pool);
    }

    @Bean
    @ConditionalOnMissingBean(name = "otherQuillProducersMeterBinder")
    OtherProducersMeterBinder otherQuillProducersMeterBinder(ObjectProvider<Producer<?, ?>> producers,
                                                             ObjectProvider<QuillProducerMeterBinder> binders) {
        Set<Producer<?, ?>> bound = binders.stream().map(QuillProducerMeterBinder::producer)
                .collect(Collectors.toSet());
        return new OtherProducersMeterBinder(producers.orderedStream().filter(p -> !bound.contains(p)).toList());
    }
}
