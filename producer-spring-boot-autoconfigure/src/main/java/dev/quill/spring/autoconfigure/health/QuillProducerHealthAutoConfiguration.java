package dev.quill.spring.autoconfigure.health;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.CompositeHealthContributorConfiguration;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

import dev.quill.producer.Producer;
import dev.quill.producer.QuillProducer;
import dev.quill.spring.actuate.QuillProducerHealthIndicator;
import dev.quill.spring.actuate.QuillTransactionsHealthIndicator;
import dev.quill.spring.transaction.TransactionalProducerPool;
import dev.quill.spring.autoconfigure.QuillProducerAutoConfiguration;

/**
 * The {@code quillProducer} health indicator, when Spring Boot's health support is present; switched off with
 * {@code management.health.quill-producer.enabled=false}. With several producers in the context it is a
 * composite with one entry per producer bean, named after the bean. A {@code MockProducer} bean is reported UP.
 * With transactions on, {@code quillTransactions} reports the transactional producers.
 */
@AutoConfiguration(after = QuillProducerAutoConfiguration.class)
@ConditionalOnClass({ HealthIndicator.class, QuillProducer.class })
@ConditionalOnBean(Producer.class)
@ConditionalOnEnabledHealthIndicator("quill-producer")
@SuppressWarnings("rawtypes")
public final class QuillProducerHealthAutoConfiguration
        extends CompositeHealthContributorConfiguration<QuillProducerHealthIndicator, Producer> {

    QuillProducerHealthAutoConfiguration() {
        super(QuillProducerHealthIndicator::new);
    }

    /** The bean name, less its "HealthIndicator" suffix, is the indicator's name in /actuator/health. */
    @Bean
    @ConditionalOnMissingBean(name = { "quillProducerHealthIndicator", "quillProducerHealthContributor" })
    HealthContributor quillProducerHealthIndicator(ConfigurableListableBeanFactory beanFactory) {
        return createContributor(beanFactory, Producer.class);
    }

    /** {@code quillTransactions}: the transactional producers of {@code quill.producer.transaction-id-prefix}. */
    @Bean
    @ConditionalOnBean(TransactionalProducerPool.class)
    @ConditionalOnMissingBean(name = "quillTransactionsHealthIndicator")
    QuillTransactionsHealthIndicator quillTransactionsHealthIndicator(TransactionalProducerPool<?, ?> pool) {
        return new QuillTransactionsHealthIndicator(pool);
    }
}
