package dev.quill.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.quill.producer.errors.SerializationException;
import dev.quill.spring.ProducerTemplate;

/** A template typed for objects over the default string serializer: the failure says which property to set. */
class SerializerMismatchTests {

    record Order(String id) {
    }

    @Test
    void whenTheValueSerializerCannotTakeTheValueThenTheFailureSaysWhatToSetInstead() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(QuillProducerAutoConfiguration.class))
                .withPropertyValues("quill.producer.bootstrap-servers=127.0.0.1:1")
                .run(context -> {
                    @SuppressWarnings("unchecked")
                    ProducerTemplate<String, Object> template = context.getBean(ProducerTemplate.class);

                    Throwable failure = catchThrowable(() -> template.sendAndWait("orders", "o-1", new Order("o-1")));

                    assertThat(failure).isInstanceOf(SerializationException.class)
                            .hasMessageContaining("the value is a " + Order.class.getName())
                            .hasMessageContaining("quill.producer.value-serializer, for example json")
                            .hasCauseInstanceOf(ClassCastException.class);
                });
    }
}
