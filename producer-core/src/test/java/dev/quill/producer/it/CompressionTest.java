package dev.quill.producer.it;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.quill.producer.ProducerRecord;
import dev.quill.producer.QuillProducer;
import dev.quill.producer.RecordMetadata;
import dev.quill.producer.testkit.KafkaCluster;

class CompressionTest {

    private final KafkaCluster cluster = KafkaCluster.shared();

    @ParameterizedTest
    @ValueSource(strings = {"none", "gzip", "snappy", "lz4", "zstd"})
    void whenCompressedThenTheBrokerAcceptsAndConsumerReadsEveryRecord(String codec) throws Exception {
        String topic = cluster.createTopic(KafkaCluster.uniqueTopic("codec-" + codec), 3, 1);
        int count = 3_000;
        List<CompletableFuture<RecordMetadata>> futures = new ArrayList<>();
        try (QuillProducer<String, String> producer = TestProducers.strings(cluster,
                Map.of("compression.type", codec, "linger.ms", "20", "batch.size", "65536"))) {
            for (int i = 0; i < count; i++) {
                futures.add(producer.send(ProducerRecord.of(topic, "k" + i, "value " + i + " " + "x".repeat(i % 200))));
            }
            CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        }
        List<String> values = cluster.readAll(topic, count, Duration.ofSeconds(60)).stream()
                .map(r -> new String(r.value(), UTF_8)).toList();
        assertThat(values).hasSize(count);
        assertThat(values).contains("value 0 ", "value 2999 " + "x".repeat(2999 % 200));
    }
}
