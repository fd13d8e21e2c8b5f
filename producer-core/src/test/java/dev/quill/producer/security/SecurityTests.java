package dev.quill.producer.security;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import dev.quill.producer.ProducerConfig;
import dev.quill.producer.ProducerRecord;
import dev.quill.producer.QuillProducer;
import dev.quill.producer.RecordMetadata;
import dev.quill.producer.Serializers;
import dev.quill.producer.testkit.KafkaCluster;
import dev.quill.producer.testkit.SecureKafkaCluster;

/** What the security tests share: send a few records and read them back, or see how a send failed. */
final class SecurityTests {

    private SecurityTests() {
    }

    static ProducerConfig.Builder builder(String bootstrap) {
        return ProducerConfig.builder().bootstrapServers(bootstrap).linger(Duration.ZERO)
                .property("reconnect.backoff.ms", 50).property("reconnect.backoff.max.ms", 1000);
    }

    /** Sends three records through a producer with this configuration and checks a consumer reads them back. */
    static void sendsAndReadsBack(SecureKafkaCluster secure, ProducerConfig config) throws Exception {
        String topic = secure.cluster().createTopic(KafkaCluster.uniqueTopic("sec"), 1, 1);
        try (QuillProducer<String, String> producer = QuillProducer.create(config, Serializers.string(),
                Serializers.string())) {
            for (int i = 0; i < 3; i++) {
                RecordMetadata m = producer.send(ProducerRecord.of(topic, "k" + i, "v" + i)).get(30, TimeUnit.SECONDS);
                assertThat(m.offset()).isEqualTo(i);
            }
        }
        List<ConsumerRecord<byte[], byte[]>> records = secure.cluster().readAll(topic, 3, Duration.ofSeconds(20));
        assertThat(records).extracting(r -> new String(r.value(), UTF_8)).containsExactly("v0", "v1", "v2");
    }

    /** The failure of one send, and how long it took to arrive. */
    record Failure(Throwable error, long millis, QuillProducer<String, String> producer) {
    }

    /** Sends one record and waits for it to fail; the producer is returned open, to inspect its health. */
    static Failure sendExpectingFailure(ProducerConfig config) {
        QuillProducer<String, String> producer = QuillProducer.create(config, Serializers.string(), Serializers.string());
        long start = System.nanoTime();
        CompletableFuture<RecordMetadata> future = producer.send(ProducerRecord.of("sec-fail", "k", "v"));
        Throwable error = future.handle((m, e) -> e).orTimeout(70, TimeUnit.SECONDS).join();
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(error).as("the send should have failed").isNotNull();
        if (error instanceof CompletionException && error.getCause() != null) {
            error = error.getCause();
        }
        return new Failure(error, millis, producer);
    }
}
