package dev.quill.spring.autoconfigure;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;

/**
 * Where the producer finds its brokers when {@code quill.producer.bootstrap-servers} is not set: where a Spring Kafka
 * application already says, so that one migrating to Quill does not silently connect to {@code localhost:9092}.
 * In order: Spring Kafka's {@code KafkaConnectionDetails} bean (its producer's servers) when spring-boot-kafka is
 * present; {@code spring.kafka.producer.bootstrap-servers} or {@code spring.kafka.bootstrap-servers}; the default.
 */
final class FallbackBootstrapServers {

    static final List<String> DEFAULT = List.of("localhost:9092");
    private static final String KAFKA_CONNECTION_DETAILS =
            "org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails";

    /** The brokers and, for the start-up log, where they came from. */
    record Choice(List<String> servers, String source) {
    }

    private FallbackBootstrapServers() {
    }

    static Choice choose(BeanFactory beanFactory, Environment environment, ClassLoader classLoader) {
        if (ClassUtils.isPresent(KAFKA_CONNECTION_DETAILS, classLoader)) {
            Choice springKafka = SpringKafka.connectionDetails(beanFactory);
            if (springKafka != null) {
                return springKafka;
            }
        }
        Binder binder = Binder.get(environment);
        for (String property : List.of("spring.kafka.producer.bootstrap-servers", "spring.kafka.bootstrap-servers")) {
            List<String> servers = binder.bind(property, Bindable.listOf(String.class)).orElse(null);
            if (servers != null && !servers.isEmpty()) {
                return new Choice(servers, property);
            }
        }
        return new Choice(DEFAULT, "the default, since neither quill.producer.bootstrap-servers nor "
                + "spring.kafka.bootstrap-servers is set");
    }

    /** Touches spring-boot-kafka's types, so it loads only when that library is present. */
    private static final class SpringKafka {

        static @Nullable Choice connectionDetails(BeanFactory beanFactory) {
            KafkaConnectionDetails details = beanFactory.getBeanProvider(KafkaConnectionDetails.class).getIfAvailable();
            if (details == null) {
                return null;
            }
            return new Choice(details.getProducer().getBootstrapServers(),
                    "Spring Kafka's connection details (spring.kafka.bootstrap-servers and the like)");
        }
    }
}
