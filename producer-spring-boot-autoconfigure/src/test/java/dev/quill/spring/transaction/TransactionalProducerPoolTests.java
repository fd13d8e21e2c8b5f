package dev.quill.spring.transaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.quill.producer.ProducerConfig;
import dev.quill.producer.ProducerRecord;
import dev.quill.producer.QuillProducer;
import dev.quill.producer.Serializers;
import dev.quill.producer.TransactionalProducer;
import dev.quill.producer.errors.ProducerFencedException;
import dev.quill.producer.testing.MockProducer;
import dev.quill.producer.testkit.KafkaCluster;

class TransactionalProducerPoolTests {

    @Test
    void whenAnInstanceRestartsThenItsPoolReusesTheSameIdsAndFencesWhatThePreviousOneLeftOpen() {
        KafkaCluster cluster = KafkaCluster.shared();
        String topic = cluster.createTopic(KafkaCluster.uniqueTopic("pool-restart"), 1, 1);
        String prefix = KafkaCluster.uniqueTopic("pool-restart-tx") + "-";
        try (TransactionalProducerPool<String, String> before = pool(cluster, prefix);
             TransactionalProducerPool<String, String> after = pool(cluster, prefix)) {
            TransactionalProducerPool.Lease<String, String> zombie = before.acquire();
            zombie.producer().beginTransaction();
            zombie.producer().send(ProducerRecord.of(topic, "k", "left open")).join();

            // The restarted instance's first transaction takes number 0 again: its InitProducerId fences the old one.
            TransactionalProducerPool.Lease<String, String> restarted = after.acquire();
            assertThat(restarted.number()).isZero();
            assertThat(restarted.producer().transactionStatus().transactionalId()).isEqualTo(prefix + "0");
            restarted.producer().beginTransaction();
            restarted.producer().send(ProducerRecord.of(topic, "k", "after restart"));
            restarted.producer().commitTransaction();
            after.release(restarted, true);

            assertThatThrownBy(zombie.producer()::commitTransaction).isInstanceOf(ProducerFencedException.class);
            before.release(zombie, false);
        }
        assertThat(cluster.readAll(topic, 1, Duration.ofSeconds(30), "read_committed"))
                .extracting(r -> new String(r.value(), StandardCharsets.UTF_8)).containsExactly("after restart");
    }

    @Test
    void whenACommitFailsForGoodThenTheProducerIsClosedAndTheNextTransactionGetsANewOneWithTheSameId() {
        TransactionalProducerPool<String, String> pool = new TransactionalProducerPool<>("orders-", 2,
                id -> MockProducer.builder(Serializers.string(), Serializers.string())
                        .config(ProducerConfig.builder().bootstrapServers("mock:9092")
                                .property("transactional.id", id).build())
                        .build());
        TransactionalSends<String, String> sends = new TransactionalSends<>(pool, false);
        MockProducer<String, String> first = (MockProducer<String, String>) sends.executeInTransaction(() -> {
            TransactionalProducer<String, String> producer = sends.currentProducer();
            producer.send(ProducerRecord.of("orders", "k", "v"));
            return producer;
        });

        assertThatThrownBy(() -> sends.executeInTransaction(() -> {
            first.fence();
            return null;
        })).isInstanceOf(ProducerFencedException.class);

        assertThat(first.closed()).as("the fenced producer is closed, not reused").isTrue();
        TransactionalProducer<String, String> second = sends.executeInTransaction(sends::currentProducer);
        assertThat(second).isNotSameAs(first);
        assertThat(second.transactionStatus().transactionalId()).isEqualTo("orders-0");
        assertThat(second.transactionStatus().committed()).isEqualTo(1);
        pool.close();
    }

    private static TransactionalProducerPool<String, String> pool(KafkaCluster cluster, String prefix) {
        return new TransactionalProducerPool<>(prefix, 2, id -> QuillProducer.create(ProducerConfig.from(Map.of(
                "bootstrap.servers", cluster.bootstrapServers(), "transactional.id", id)),
                Serializers.string(), Serializers.string()));
    }
}
