package dev.quill.spring.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.quill.producer.errors.ProducerClosedException;
import dev.quill.producer.testkit.KafkaCluster;
import dev.quill.spring.ProducerTemplate;
import dev.quill.spring.SendResult;
import dev.quill.spring.autoconfigure.QuillProducerAutoConfiguration;

/** On context shutdown the producer delivers what it holds, and never waits longer than close-timeout. */
class ShutdownAgainstBrokerTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(QuillProducerAutoConfiguration.class));

    @Test
    void whenTheContextClosesThenBufferedRecordsAreDeliveredFirst() {
        KafkaCluster cluster = KafkaCluster.shared();
        String topic = cluster.createTopic(KafkaCluster.uniqueTopic("shutdown"), 1, 1);
        List<CompletableFuture<SendResult<String, String>>> results = new ArrayList<>();
        runner.withPropertyValues("quill.producer.bootstrap-servers=" + cluster.bootstrapServers(),
                // Records would sit in the buffer for a minute unless shutdown sends them.
                "quill.producer.linger=60s").run(context -> {
                    ProducerTemplate<String, String> template = context.getBean(ProducerTemplate.class);
                    for (int i = 0; i < 200; i++) {
                        results.add(template.send(topic, "k" + i, "v" + i));
                    }
                    assertThat(results).allMatch(r -> !r.isDone());
                });
        assertThat(results).allSatisfy(r -> assertThat(r).isCompleted());
        assertThat(cluster.readAll(topic, 200, Duration.ofSeconds(30))).hasSize(200);
    }

    @Test
    void whenNoBrokerIsReachableThenShutdownStillEndsWithinTheCloseTimeout() {
        List<CompletableFuture<SendResult<String, String>>> results = new ArrayList<>();
        long[] closedAfterMs = new long[1];
        runner.withPropertyValues("quill.producer.bootstrap-servers=127.0.0.1:1", "quill.producer.close-timeout=1s")
                .run(context -> {
                    ProducerTemplate<String, String> template = context.getBean(ProducerTemplate.class);
                    results.add(template.send("nowhere", "k", "v"));
                    closedAfterMs[0] = System.currentTimeMillis();
                });
        long shutdownMs = System.currentTimeMillis() - closedAfterMs[0];
        assertThat(shutdownMs).as("shutdown time, ms").isLessThan(10_000);
        assertThat(results.get(0)).isCompletedExceptionally();
        assertThat(results.get(0)).failsWithin(Duration.ZERO).withThrowableOfType(ExecutionException.class)
                .withCauseInstanceOf(ProducerClosedException.class);
    }
}
