package dev.quill.producer.it;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import dev.quill.producer.ProducerConfig;
import dev.quill.producer.QuillProducer;
import dev.quill.producer.RecordMetadata;
import dev.quill.producer.Serializers;
import dev.quill.producer.testkit.KafkaCluster;

/** Quill producers for integration tests, configured with Kafka's own keys as an application would. */
final class TestProducers {

    private TestProducers() {
    }

    static ProducerConfig config(KafkaCluster cluster, Map<String, ?> overrides) {
        Map<String, Object> props = new HashMap<>();
        props.put("bootstrap.servers", cluster.bootstrapServers());
        props.put("key.serializer", "org.apache.kafka.common.serialization.StringSerializer");
        props.put("value.serializer", "org.apache.kafka.common.serialization.StringSerializer");
        props.putAll(overrides);
        return ProducerConfig.from(props);
    }

    /** The error a send's future failed with, after checking that it did fail (within a minute). */
    static Throwable failureOf(CompletableFuture<RecordMetadata> future) {
        assertThatThrownBy(() -> future.get(60, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class);
        return future.handle((m, e) -> e).join();
    }

    static QuillProducer<String, String> strings(KafkaCluster cluster, Map<String, ?> overrides) {
        return QuillProducer.create(config(cluster, overrides), Serializers.string(), Serializers.string());
    }
}
