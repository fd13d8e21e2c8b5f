package dev.quill.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.quill.producer.Producer;
import dev.quill.producer.QuillProducer;
import dev.quill.producer.testing.MockProducer;
import dev.quill.spring.ProducerTemplate;

/** The auto-configured producer injects as the interface and as its own class, with any type arguments. */
class ProducerInjectionTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(QuillProducerAutoConfiguration.class))
            .withPropertyValues("quill.producer.bootstrap-servers=127.0.0.1:1");

    record Order(String id) {
    }

    record RealProducerUser(Producer<String, Order> producer, QuillProducer<String, Order> quillProducer,
                            ProducerTemplate<String, Order> template) {
    }

    record MockProducerUser(Producer<String, Order> producer, MockProducer<String, Order> mockProducer,
                            ProducerTemplate<String, Order> template) {
    }

    @Configuration(proxyBeanMethods = false)
    static class RealUser {
        @Bean
        RealProducerUser user(Producer<String, Order> producer, QuillProducer<String, Order> quillProducer,
                              ProducerTemplate<String, Order> template) {
            return new RealProducerUser(producer, quillProducer, template);
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class MockUser {
        @Bean
        MockProducerUser user(Producer<String, Order> producer, MockProducer<String, Order> mockProducer,
                              ProducerTemplate<String, Order> template) {
            return new MockProducerUser(producer, mockProducer, template);
        }
    }

    @Test
    void whenTheProducerIsAutoConfiguredThenItInjectsAsProducerAndAsQuillProducer() {
        runner.withUserConfiguration(RealUser.class).run(context -> {
            assertThat(context).hasNotFailed();
            RealProducerUser user = context.getBean(RealProducerUser.class);
            assertThat(user.producer()).isSameAs(user.quillProducer()).isSameAs(user.template().producer());
        });
    }

    @Test
    void whenTheMockIsEnabledThenItInjectsAsProducerAndAsMockProducer() {
        runner.withPropertyValues("quill.producer.mock.enabled=true").withUserConfiguration(MockUser.class)
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    MockProducerUser user = context.getBean(MockProducerUser.class);
                    assertThat(user.producer()).isSameAs(user.mockProducer()).isSameAs(user.template().producer());
                });
    }
}
