package dev.quill.spring.autoconfigure.health;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

import dev.quill.producer.QuillProducer;
import dev.quill.spring.actuate.QuillProducerHealthIndicator;
import dev.quill.spring.autoconfigure.QuillProducerAutoConfiguration;

/**
 * The {@code quillProducer} health indicator, when Spring Boot's health support is present; switched off with
 * {@code management.health.quill-producer.enabled=false}.
 */
@AutoConfiguration(after = QuillProducerAutoConfiguration.class)
@ConditionalOnClass({ HealthIndicator.class, QuillProducer.class })
@ConditionalOnSingleCandidate(QuillProducer.class)
@ConditionalOnEnabledHealthIndicator("quill-producer")
public final class QuillProducerHealthAutoConfiguration {

    /** The bean name, less its "HealthIndicator" suffix, is the indicator's name in /actuator/health. */
    @Bean
    @ConditionalOnMissingBean(name = "quillProducerHealthIndicator")
    QuillProducerHealthIndicator quillProducerHealthIndicator(QuillProducer<?, ?> producer) {
        return new QuillProducerHealthIndicator(producer);
    }
}
