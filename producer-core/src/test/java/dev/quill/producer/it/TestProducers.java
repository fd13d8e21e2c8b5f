package dev.quill.producer.it;

import java.util.HashMap;
import java.util.Map;

import dev.quill.producer.ProducerConfig;
import dev.quill.producer.QuillProducer;
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

    static QuillProducer<String, String> strings(KafkaCluster cluster, Map<String, ?> overrides) {
        return QuillProducer.create(config(cluster, overrides), Serializers.string(), Serializers.string());
    }
}
