package dev.quill.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

import dev.quill.producer.ProducerRecord;
import dev.quill.producer.RecordMetadata;
import dev.quill.producer.testing.MockProducer;
import dev.quill.spring.ProducerListener;
import dev.quill.spring.ProducerTemplate;

/** Listener beans of the auto-configured template, including one that sends through the template itself. */
class ProducerListenerBeanTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(QuillProducerAutoConfiguration.class))
            .withPropertyValues("quill.producer.bootstrap-servers=127.0.0.1:1");

    /** Reports each failed send to an "errors" topic through the same template: it needs the template. */
    static final class DeadLetterListener implements ProducerListener<String, String> {

        private final ProducerTemplate<String, String> template;

        DeadLetterListener(ProducerTemplate<String, String> template) {
            this.template = template;
        }

        @Override
        public void onError(ProducerRecord<String, String> record, Throwable error) {
            if (!record.topic().equals("errors")) {
                template.sendAndForget("errors", record.key(), error.getMessage());
            }
        }
    }

    record Heard(List<String> events) {
    }

    static final class Recording implements ProducerListener<String, String> {

        private final Heard heard;
        private final String name;

        Recording(Heard heard, String name) {
            this.heard = heard;
            this.name = name;
        }

        @Override
        public void onSuccess(ProducerRecord<String, String> record, RecordMetadata metadata) {
            heard.events().add(name + " " + record.key());
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Listeners {

        @Bean
        DeadLetterListener deadLetterListener(ProducerTemplate<String, String> template) {
            return new DeadLetterListener(template);
        }

        @Bean
        Heard heard() {
            return new Heard(new CopyOnWriteArrayList<>());
        }

        @Bean
        @Order(2)
        Recording second(Heard heard) {
            return new Recording(heard, "second");
        }

        @Bean
        @Order(1)
        Recording first(Heard heard) {
            return new Recording(heard, "first");
        }
    }

    @Test
    void whenAListenerBeanInjectsTheTemplateThenTheContextStartsAndTheListenerHearsOfSends() {
        runner.withUserConfiguration(Listeners.class)
                .withPropertyValues("quill.producer.mock.enabled=true", "quill.producer.mock.auto-complete=false")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    MockProducer<String, String> producer = context.getBean(MockProducer.class);
                    ProducerTemplate<String, String> template = context.getBean(ProducerTemplate.class);

                    template.send("orders", "k", "v");
                    producer.errorNext(new IllegalStateException("refused"));
                    producer.completeNext();

                    assertThat(producer.history()).extracting(MockProducer.SentRecord::topic, MockProducer.SentRecord::value)
                            .containsExactly(org.assertj.core.groups.Tuple.tuple("orders", "v"),
                                    org.assertj.core.groups.Tuple.tuple("errors", "refused"));
                });
    }

    @Test
    void whenListenerBeansAreOrderedThenTheyAreToldInThatOrder() {
        runner.withUserConfiguration(Listeners.class).withPropertyValues("quill.producer.mock.enabled=true")
                .run(context -> {
                    ProducerTemplate<String, String> template = context.getBean(ProducerTemplate.class);
                    template.sendAndWait("orders", "a", "v");
                    template.sendAndWait("orders", "b", "v");
                    assertThat(context.getBean(Heard.class).events())
                            .containsExactly("first a", "second a", "first b", "second b");
                });
    }

    @Test
    void whenTheRealProducerHasAListenerThatInjectsTheTemplateThenTheContextStarts() {
        runner.withUserConfiguration(Listeners.class)
                .run(context -> assertThat(context).hasNotFailed().hasSingleBean(DeadLetterListener.class));
    }
}
