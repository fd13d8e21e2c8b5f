package dev.quill.spring.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.quill.producer.testkit.KafkaCluster;
import dev.quill.spring.ProducerTemplate;
import dev.quill.spring.autoconfigure.QuillProducerAutoConfiguration;
import dev.quill.spring.autoconfigure.health.QuillProducerHealthAutoConfiguration;

/** Health follows the broker: it has a cluster of its own because it stops the broker. */
class HealthAgainstBrokerTests {

    private static KafkaCluster cluster;

    @BeforeAll
    static void startCluster() {
        cluster = KafkaCluster.start(1, Map.of());
    }

    @AfterAll
    static void stopCluster() {
        cluster.close();
    }

    @Test
    void whenTheBrokerStopsThenHealthTurnsDownWithTheReasonAndUpAgainWhenItReturns() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(QuillProducerAutoConfiguration.class,
                        QuillProducerHealthAutoConfiguration.class))
                .withPropertyValues("quill.producer.bootstrap-servers=" + cluster.bootstrapServers(),
                        "quill.producer.close-timeout=5s",
                        // An idle producer reconnects only when it next needs metadata (the core does not
                        // reconnect on disconnect yet): a short metadata age bounds how soon it sees the broker back.
                        "quill.producer.properties[metadata.max.age.ms]=2000",
                        "quill.producer.properties[reconnect.backoff.max.ms]=500")
                .run(context -> {
                    HealthIndicator health = context.getBean("quillProducerHealthIndicator", HealthIndicator.class);
                    ProducerTemplate<String, String> template = context.getBean(ProducerTemplate.class);
                    template.sendAndWait(KafkaCluster.uniqueTopic("health"), "before");
                    KafkaCluster.awaitCondition(Duration.ofSeconds(30), "health UP with the broker running",
                            () -> health.health().getStatus().equals(Status.UP));

                    KafkaClusterTestKit kit = cluster.kit();
                    int brokerId = kit.brokers().keySet().iterator().next();
                    kit.brokers().get(brokerId).shutdown();
                    KafkaCluster.awaitCondition(Duration.ofSeconds(30), "health DOWN after the broker stopped",
                            () -> health.health().getStatus().equals(Status.DOWN));
                    Health down = health.health();
                    assertThat(down.getDetails()).containsKey("lastError").containsKey("lastErrorAt")
                            .containsEntry("brokersConnected", 0);
                    assertThat((String) down.getDetails().get("lastError")).isNotBlank();

                    kit.brokers().get(brokerId).startup();
                    KafkaCluster.awaitCondition(Duration.ofSeconds(30), "health UP after the broker restarted",
                            () -> health.health().getStatus().equals(Status.UP));
                    Health recovered = health.health();
                    assertThat(recovered.getDetails()).as("the outage is history once a connection succeeded")
                            .doesNotContainKey("lastError").containsKeys("lastResolvedError", "lastResolvedErrorAt",
                                    "lastConnectedAt");
                });
    }
}
