package dev.quill.producer.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.quill.producer.ProducerConfig;
import dev.quill.producer.ProducerRecord;
import dev.quill.producer.QuillProducer;
import dev.quill.producer.RecordMetadata;
import dev.quill.producer.Serializers;
import dev.quill.producer.testing.MockProducer;
import dev.quill.producer.testkit.KafkaCluster;

/** The test double puts each keyed record on the partition a real producer puts it on, against a real broker. */
class MockProducerPartitionsTest {

    private final KafkaCluster cluster = KafkaCluster.shared();

    @Test
    void whenTheSameKeyedRecordsGoThroughTheDoubleAndTheBrokerThenTheyLandOnTheSamePartitions() throws Exception {
        String topic = cluster.createTopic(KafkaCluster.uniqueTopic("mock-partitions"), 6, 1);
        ProducerConfig config = TestProducers.config(cluster, Map.of());
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            keys.add("customer-" + i * 7919);
        }

        List<Integer> real = new ArrayList<>();
        try (QuillProducer<String, String> producer = QuillProducer.create(config, Serializers.string(),
                Serializers.string())) {
            List<CompletableFuture<RecordMetadata>> futures = new ArrayList<>();
            keys.forEach(key -> futures.add(producer.send(ProducerRecord.of(topic, key, "v"))));
            for (CompletableFuture<RecordMetadata> future : futures) {
                real.add(future.get(60, TimeUnit.SECONDS).partition());
            }
            assertThat(producer.partitionsFor(topic)).hasSize(6);
        }
        MockProducer<String, String> mock = MockProducer.builder(Serializers.string(), Serializers.string())
                .config(config).partitions(topic, 6).build();
        keys.forEach(key -> mock.send(ProducerRecord.of(topic, key, "v")));

        assertThat(mock.history()).extracting(MockProducer.SentRecord::partition).containsExactlyElementsOf(real);
        assertThat(real).as("the keys spread over the partitions").hasSizeGreaterThan(5).contains(0, 1, 2, 3, 4, 5);
    }
}
