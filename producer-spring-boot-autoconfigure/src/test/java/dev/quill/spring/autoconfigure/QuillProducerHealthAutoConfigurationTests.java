package dev.quill.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.quill.producer.QuillProducer;
import dev.quill.producer.testkit.KafkaCluster;
import dev.quill.spring.actuate.QuillProducerHealthIndicator;
import dev.quill.spring.autoconfigure.health.QuillProducerHealthAutoConfiguration;

class QuillProducerHealthAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(QuillProducerAutoConfiguration.class,
                    QuillProducerHealthAutoConfiguration.class))
            .withPropertyValues("quill.producer.bootstrap-servers=127.0.0.1:1");

    @Test
    void whenHealthSupportIsPresentThenTheIndicatorIsNamedQuillProducer() {
        runner.run(context -> assertThat(context).hasSingleBean(QuillProducerHealthIndicator.class)
                .hasBean("quillProducerHealthIndicator"));
    }

    @Test
    void whenHealthSupportIsAbsentThenThereIsNoIndicatorButTheProducerStays() {
        runner.withClassLoader(new FilteredClassLoader(HealthIndicator.class)).run(context -> assertThat(context)
                .hasNotFailed().doesNotHaveBean(QuillProducerHealthIndicator.class).hasSingleBean(QuillProducer.class));
    }

    @Test
    void whenTheIndicatorIsDisabledThenItIsAbsent() {
        runner.withPropertyValues("management.health.quill-producer.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(QuillProducerHealthIndicator.class));
    }

    @Test
    void whenTheProducerIsDisabledThenThereIsNoIndicator() {
        runner.withPropertyValues("quill.producer.enabled=false")
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(HealthIndicator.class));
    }

    @Test
    void whenTheApplicationDefinesItsOwnIndicatorThenTheAutoConfiguredOneBacksOff() {
        runner.withUserConfiguration(OwnIndicator.class).run(context -> assertThat(
                context.getBean("quillProducerHealthIndicator", HealthIndicator.class).health().getStatus())
                .isEqualTo(Status.OUT_OF_SERVICE));
    }

    @Test
    void whenNoBrokerListensThenTheIndicatorTurnsDownWithTheConnectionError() {
        runner.run(context -> {
            HealthIndicator indicator = context.getBean(QuillProducerHealthIndicator.class);
            KafkaCluster.awaitCondition(Duration.ofSeconds(15), "health DOWN",
                    () -> indicator.health().getStatus().equals(Status.DOWN));
            Health health = indicator.health();
            assertThat(health.getDetails()).containsEntry("brokersConnected", 0).containsKey("lastError")
                    .containsKey("lastErrorAt").containsEntry("bufferTotalBytes", 33554432L)
                    .containsEntry("requestsInFlight", 0);
        });
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnIndicator {
        @Bean
        HealthIndicator quillProducerHealthIndicator() {
            return () -> Health.outOfService().build();
        }
    }
}
