package dev.quill.spring.autoconfigure;

import dev.quill.producer.ProducerConfig;

/**
 * Adjusts the auto-configured producer's configuration after {@code quill.producer.*} was applied, for what
 * properties cannot express (a value computed at startup, a partitioner class). Declare one or more as beans;
 * they run in {@link org.springframework.core.annotation.Order} order.
 */
@FunctionalInterface
public interface ProducerCustomizer {

    void customize(ProducerConfig.Builder builder);
}
