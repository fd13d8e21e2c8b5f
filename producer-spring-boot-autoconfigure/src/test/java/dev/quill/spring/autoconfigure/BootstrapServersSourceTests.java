package dev.quill.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationContext;

import dev.quill.producer.QuillProducer;

/**
 * Where the producer's brokers come from when {@code quill.producer.bootstrap-servers} is not set, and that the log
 * says so: a Spring Kafka application switching to Quill keeps its brokers instead of meeting localhost:9092.
 * Nothing listens on these ports; the producers only start.
 */
@ExtendWith(OutputCaptureExtension.class)
class BootstrapServersSourceTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(QuillProducerAutoConfiguration.class));

    @SuppressWarnings("unchecked")
    private static List<String> bootstrapServers(ApplicationContext context) {
        return (List<String>) context.getBean(QuillProducer.class).config().values().get("bootstrap.servers");
    }

    @Test
    void whenOnlySpringKafkasBootstrapServersAreSetThenQuillConnectsThereThroughSpringKafkasConnectionDetails(
            CapturedOutput output) {
        runner.withConfiguration(AutoConfigurations.of(KafkaAutoConfiguration.class))
                .withPropertyValues("spring.kafka.bootstrap-servers=127.0.0.1:19092").run(context -> {
                    assertThat(bootstrapServers(context)).containsExactly("127.0.0.1:19092");
                    assertThat(output).contains("Quill producer connects to [127.0.0.1:19092] from Spring Kafka's "
                            + "connection details");
                });
    }

    @Test
    void whenSpringBootKafkaIsAbsentThenTheSpringKafkaPropertyIsStillHonoured(CapturedOutput output) {
        runner.withClassLoader(new FilteredClassLoader(KafkaConnectionDetails.class))
                .withPropertyValues("spring.kafka.bootstrap-servers=127.0.0.1:19093").run(context -> {
                    assertThat(bootstrapServers(context)).containsExactly("127.0.0.1:19093");
                    assertThat(output).contains("Quill producer connects to [127.0.0.1:19093] from "
                            + "spring.kafka.bootstrap-servers");
                });
    }

    @Test
    void whenQuillsOwnPropertyIsSetThenItWinsOverSpringKafkas() {
        runner.withConfiguration(AutoConfigurations.of(KafkaAutoConfiguration.class))
                .withPropertyValues("spring.kafka.bootstrap-servers=127.0.0.1:19092",
                        "quill.producer.bootstrap-servers=127.0.0.1:19094")
                .run(context -> assertThat(bootstrapServers(context)).containsExactly("127.0.0.1:19094"));
    }

    @Test
    void whenNothingNamesTheBrokersThenTheDefaultIsUsedAndTheLogSaysSo(CapturedOutput output) {
        runner.withClassLoader(new FilteredClassLoader(KafkaConnectionDetails.class)).run(context -> {
            assertThat(bootstrapServers(context)).containsExactly("localhost:9092");
            assertThat(output).contains("Quill producer connects to [localhost:9092] from the default, since neither "
                    + "quill.producer.bootstrap-servers nor spring.kafka.bootstrap-servers is set");
        });
    }
}
