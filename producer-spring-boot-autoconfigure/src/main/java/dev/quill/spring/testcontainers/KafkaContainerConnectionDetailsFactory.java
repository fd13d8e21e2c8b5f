package dev.quill.spring.testcontainers;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.testcontainers.service.connection.ContainerConnectionDetailsFactory;
import org.springframework.boot.testcontainers.service.connection.ContainerConnectionSource;
import org.testcontainers.kafka.KafkaContainer;

import dev.quill.spring.autoconfigure.QuillConnectionDetails;

/**
 * {@link QuillConnectionDetails} from a {@code @ServiceConnection} Testcontainers {@link KafkaContainer}
 * ({@code apache/kafka} images), so that the auto-configured producer connects to the container as Spring Kafka's
 * clients do. Registered in {@code META-INF/spring.factories}; used only where the test class path has Spring Boot's
 * Testcontainers support and Testcontainers' Kafka module.
 */
final class KafkaContainerConnectionDetailsFactory
        extends ContainerConnectionDetailsFactory<KafkaContainer, QuillConnectionDetails> {

    KafkaContainerConnectionDetailsFactory() {
        super(ANY_CONNECTION_NAME, "org.testcontainers.kafka.KafkaContainer", "dev.quill.producer.QuillProducer");
    }

    @Override
    protected QuillConnectionDetails getContainerConnectionDetails(ContainerConnectionSource<KafkaContainer> source) {
        return new KafkaContainerConnectionDetails(source);
    }

    /** The container's bootstrap servers, asked for once the container has started. */
    private static final class KafkaContainerConnectionDetails extends ContainerConnectionDetails<KafkaContainer>
            implements QuillConnectionDetails {

        private KafkaContainerConnectionDetails(ContainerConnectionSource<KafkaContainer> source) {
            super(source);
        }

        @Override
        public List<String> getBootstrapServers() {
            return List.of(getContainer().getBootstrapServers());
        }

        /** The bundle of the container's {@code @Ssl...} annotations, if any. */
        @Override
        public @Nullable SslBundle getSslBundle() {
            return super.getSslBundle();
        }

        @Override
        public String getSecurityProtocol() {
            return getSslBundle() != null ? "SSL" : "PLAINTEXT";
        }
    }
}
