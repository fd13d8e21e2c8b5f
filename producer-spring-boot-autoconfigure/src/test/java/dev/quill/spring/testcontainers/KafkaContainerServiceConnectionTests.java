package dev.quill.spring.testcontainers;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.testcontainers.kafka.KafkaContainer;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslStoreBundle;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.boot.testcontainers.service.connection.ServiceConnectionAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.quill.producer.Producer;
import dev.quill.producer.ProducerConfig;
import dev.quill.producer.testkit.KafkaCluster;
import dev.quill.spring.ProducerTemplate;
import dev.quill.spring.autoconfigure.QuillConnectionDetails;
import dev.quill.spring.autoconfigure.QuillProducerAutoConfiguration;

/**
 * {@code @ServiceConnection} on a {@link KafkaContainer} bean configures Quill, through the factory registered in
 * {@code META-INF/spring.factories}. There is no Docker here: the container object is never started, and answers
 * with the address of a broker that is already listening (none, or the in-process one).
 */
class KafkaContainerServiceConnectionTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ServiceConnectionAutoConfiguration.class,
                    QuillProducerAutoConfiguration.class))
            .withPropertyValues("quill.producer.bootstrap-servers=127.0.0.1:1",
                    "quill.producer.properties[bootstrap.servers]=127.0.0.1:2");

    /** A KafkaContainer that is never started: it says the broker is at {@link #BOOTSTRAP}. */
    static class NeverStartedKafkaContainer extends KafkaContainer {

        static volatile String BOOTSTRAP = "127.0.0.1:19092";

        NeverStartedKafkaContainer() {
            super("apache/kafka:4.1.1");
        }

        @Override
        public void start() {
            // No Docker: the broker it stands for listens already.
        }

        @Override
        public void stop() {
        }

        @Override
        public String getBootstrapServers() {
            return BOOTSTRAP;
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class ContainerConfiguration {
        @Bean
        @ServiceConnection
        KafkaContainer kafka() {
            return new NeverStartedKafkaContainer();
        }
    }

    @Test
    void whenAKafkaContainerIsAServiceConnectionThenTheProducerUsesItsBootstrapServersOverTheProperties() {
        NeverStartedKafkaContainer.BOOTSTRAP = "127.0.0.1:19092";
        runner.withUserConfiguration(ContainerConfiguration.class)
                .withPropertyValues("quill.producer.mock.enabled=true", "quill.producer.security.protocol=SSL")
                .run(context -> {
                    assertThat(context).hasSingleBean(QuillConnectionDetails.class);
                    QuillConnectionDetails details = context.getBean(QuillConnectionDetails.class);
                    assertThat(details.getBootstrapServers()).containsExactly("127.0.0.1:19092");
                    assertThat(details.getSecurityProtocol()).isEqualTo("PLAINTEXT");
                    Producer<?, ?> producer = context.getBean(Producer.class);
                    assertThat(producer.config().bootstrapServers()).containsExactly("127.0.0.1:19092");
                    assertThat(producer.config().securityProtocol()).isEqualTo("PLAINTEXT");
                });
    }

    @Test
    void whenThereIsNoServiceConnectionThenThePropertiesApply() {
        runner.withPropertyValues("quill.producer.mock.enabled=true").run(context -> {
            assertThat(context).doesNotHaveBean(QuillConnectionDetails.class);
            assertThat(context.getBean(Producer.class).config().bootstrapServers()).containsExactly("127.0.0.1:2");
        });
    }

    @Test
    void whenTheApplicationDefinesConnectionDetailsThenTheyWinOverTheProperties() {
        runner.withPropertyValues("quill.producer.mock.enabled=true")
                .withBean(QuillConnectionDetails.class, () -> () -> List.of("10.0.0.1:9092", "10.0.0.2:9092"))
                .run(context -> assertThat(context.getBean(Producer.class).config().bootstrapServers())
                        .containsExactly("10.0.0.1:9092", "10.0.0.2:9092"));
    }

    @Test
    void whenTheConnectionDetailsCarryAnSslBundleThenTheProducerUsesItsContextOverSecurityProperties() {
        SslBundle bundle = SslBundle.of(SslStoreBundle.NONE);
        QuillConnectionDetails details = new QuillConnectionDetails() {
            @Override
            public List<String> getBootstrapServers() {
                return List.of("broker.example:9093");
            }

            @Override
            public SslBundle getSslBundle() {
                return bundle;
            }
        };
        runner.withPropertyValues("quill.producer.mock.enabled=true", "quill.producer.security.protocol=PLAINTEXT")
                .withBean(QuillConnectionDetails.class, () -> details).run(context -> {
                    ProducerConfig config = context.getBean(Producer.class).config();
                    assertThat(config.securityProtocol()).isEqualTo("SSL");
                    assertThat(config.sslContext()).isPresent();
                });
    }

    @Test
    void whenTheConnectionDetailsAreInvalidThenTheFailureSaysWhereTheValueCameFrom() {
        runner.withPropertyValues("quill.producer.mock.enabled=true")
                .withBean(QuillConnectionDetails.class, () -> () -> List.of("no-port"))
                .run(context -> assertThat(context).hasFailed().getFailure()
                        .hasStackTraceContaining("Kafka configuration bootstrap.servers (from the QuillConnectionDetails")
                        .hasStackTraceContaining("no-port"));
    }

    @Test
    void whenTheContainerStandsForTheInProcessBrokerThenTheTemplateSendsToIt() {
        KafkaCluster cluster = KafkaCluster.shared();
        String topic = cluster.createTopic(KafkaCluster.uniqueTopic("service-connection"), 1, 1);
        NeverStartedKafkaContainer.BOOTSTRAP = cluster.bootstrapServers();
        runner.withUserConfiguration(ContainerConfiguration.class).run(context -> {
            ProducerTemplate<String, String> template = context.getBean(ProducerTemplate.class);
            template.sendAndWait(topic, "k", "through @ServiceConnection");
        });
        List<ConsumerRecord<byte[], byte[]>> records = cluster.readAll(topic, 1, Duration.ofSeconds(30));
        assertThat(records).extracting(r -> new String(r.value(), UTF_8)).containsExactly("through @ServiceConnection");
    }
}
