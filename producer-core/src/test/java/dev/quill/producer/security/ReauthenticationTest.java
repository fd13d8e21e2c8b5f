package dev.quill.producer.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.common.network.ListenerName;
import org.junit.jupiter.api.Test;

import dev.quill.producer.ProducerConfig;
import dev.quill.producer.ProducerRecord;
import dev.quill.producer.QuillProducer;
import dev.quill.producer.Serializers;
import dev.quill.producer.testkit.KafkaCluster;

/**
 * A broker that limits SASL sessions ({@code connections.max.reauth.ms}, KIP-368) closes a connection whose
 * session ended at its next request. Quill authenticates again first, so a long-lived producer never loses
 * a connection, nor retries a request, for it.
 */
class ReauthenticationTest {

    private static final long SESSION_MS = 1_500;

    @Test
    void whenTheBrokerLimitsSaslSessionsThenTheProducerAuthenticatesAgainWithoutLosingAConnection() throws Exception {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("listeners", "EXTERNAL://localhost:0,CONTROLLER://localhost:0,SASL_PLAIN://localhost:0");
        config.put("listener.security.protocol.map", "EXTERNAL:PLAINTEXT,CONTROLLER:PLAINTEXT,SASL_PLAIN:SASL_PLAINTEXT");
        config.put("sasl.enabled.mechanisms", "PLAIN");
        config.put("listener.name.sasl_plain.plain.sasl.jaas.config",
                "org.apache.kafka.common.security.plain.PlainLoginModule required user_app=\"app-secret\";");
        config.put("listener.name.sasl_plain.connections.max.reauth.ms", Long.toString(SESSION_MS));
        try (KafkaCluster cluster = KafkaCluster.start(1, config)) {
            String topic = cluster.createTopic(KafkaCluster.uniqueTopic("reauth"), 1, 1);
            int port = cluster.kit().brokers().values().iterator().next().boundPort(ListenerName.normalised("SASL_PLAIN"));
            Map<String, Object> props = new HashMap<>();
            props.put("bootstrap.servers", "localhost:" + port);
            props.put("security.protocol", "SASL_PLAINTEXT");
            props.put("sasl.mechanism", "PLAIN");
            props.put("sasl.jaas.config",
                    "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"app\" password=\"app-secret\";");
            props.put("linger.ms", "0");
            int sent = 0;
            try (QuillProducer<String, String> producer = QuillProducer.create(ProducerConfig.from(props),
                    Serializers.string(), Serializers.string())) {
                long end = System.nanoTime() + Duration.ofMillis(4 * SESSION_MS).toNanos();
                while (System.nanoTime() < end) {
                    producer.send(ProducerRecord.of(topic, "k", "v" + sent)).get(30, TimeUnit.SECONDS);
                    sent++;
                }
                assertThat(producer.health().lastError()).as("no connection was lost").isNull();
                assertThat(producer.metrics().recordsRetried()).isZero();
            }
            assertThat(cluster.endOffsets(topic)).containsEntry(0, (long) sent);
        }
    }
}
