package dev.quill.sample;

import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.boot.context.event.SpringApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;

import dev.quill.producer.testkit.KafkaCluster;

/**
 * Runs the sample ({@code mvn -pl sample-app spring-boot:test-run}) against {@code QUILL_BOOTSTRAP_SERVERS}, or,
 * when no bootstrap servers are configured, against an Apache Kafka broker started in this JVM for the run.
 * Test scope, so the broker never ships with the application.
 */
public final class SampleLauncher {

    private SampleLauncher() {
    }

    public static void main(String[] args) {
        // The broker logs plenty at INFO; these levels apply before Spring Boot's logging reads its own.
        System.setProperty("logging.level.kafka", "warn");
        System.setProperty("logging.level.org.apache.kafka", "warn");
        // The embedded broker's own clients warn, when it stops, that they were closed twice: nothing the user can act on.
        System.setProperty("logging.level.org.apache.kafka.clients.NetworkClient", "error");
        SpringApplication application = new SpringApplication(SampleApplication.class);
        application.addListeners(new EmbeddedBroker());
        application.run(args);
    }

    /**
     * Starts the broker once logging is set up (so its output follows Boot's format and levels) and before any
     * bean reads the bootstrap servers; the context owns it afterwards, closing it after the producer.
     */
    static final class EmbeddedBroker implements ApplicationListener<SpringApplicationEvent> {

        private KafkaCluster cluster;

        @Override
        public void onApplicationEvent(SpringApplicationEvent event) {
            if (event instanceof ApplicationEnvironmentPreparedEvent prepared) {
                ConfigurableEnvironment environment = prepared.getEnvironment();
                if (configured(environment)) {
                    return;
                }
                System.out.println("No bootstrap servers configured (QUILL_BOOTSTRAP_SERVERS): starting an "
                        + "embedded Kafka broker");
                cluster = KafkaCluster.start(1, Map.of());
                environment.getPropertySources().addFirst(new MapPropertySource("embeddedKafka",
                        Map.of("quill.producer.bootstrap-servers", cluster.bootstrapServers())));
                System.out.println("Embedded Kafka broker at " + cluster.bootstrapServers());
            } else if (event instanceof ApplicationPreparedEvent prepared && cluster != null
                    && prepared.getApplicationContext() instanceof GenericApplicationContext context) {
                // Beans are destroyed after lifecycles stop, so the producer has flushed before the broker goes.
                KafkaCluster running = cluster;
                context.registerBean("embeddedKafkaCluster", KafkaCluster.class, () -> running,
                        definition -> definition.setDestroyMethodName("close"));
            }
        }

        private static boolean configured(ConfigurableEnvironment environment) {
            if (environment.containsProperty("QUILL_BOOTSTRAP_SERVERS")) {
                return true;
            }
            for (PropertySource<?> source : environment.getPropertySources()) {
                boolean explicit = source.getName().equals("commandLineArgs")
                        || source.getName().equals("systemProperties");
                if (explicit && source.containsProperty("quill.producer.bootstrap-servers")) {
                    return true;
                }
            }
            return false;
        }
    }
}
