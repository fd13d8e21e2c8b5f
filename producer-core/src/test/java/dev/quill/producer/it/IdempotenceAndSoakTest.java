package dev.quill.producer.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.admin.ProducerState;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import dev.quill.producer.ProducerConfig;
import dev.quill.producer.ProducerRecord;
import dev.quill.producer.QuillProducer;
import dev.quill.producer.Serializers;
import dev.quill.producer.testkit.KafkaCluster;

class IdempotenceAndSoakTest {

    private final KafkaCluster cluster = KafkaCluster.shared();

    @Test
    void whenIdempotenceIsOnByDefaultThenTheBrokerTracksOneProducerWithContiguousSequences() throws Exception {
        String topic = cluster.createTopic(KafkaCluster.uniqueTopic("idempotent"), 1, 1);
        int count = 5_000;
        try (QuillProducer<String, String> producer = TestProducers.strings(cluster, Map.of("batch.size", "2048"))) {
            assertThat(producer.config().idempotenceEnabled()).isTrue();
            for (int i = 0; i < count; i++) {
                producer.send(ProducerRecord.of(topic, "k", "v" + i));
            }
            producer.flush();
        }
        TopicPartition tp = new TopicPartition(topic, 0);
        List<ProducerState> producers = cluster.admin().describeProducers(List.of(tp)).partitionResult(tp)
                .get(30, TimeUnit.SECONDS).activeProducers();
        assertThat(producers).hasSize(1);
        assertThat(producers.get(0).producerId()).isNotNegative();
        assertThat(producers.get(0).lastSequence()).isEqualTo(count - 1);
        assertThat(cluster.endOffsets(topic)).containsEntry(0, (long) count);
    }

    @Test
    void whenAMillionRecordsAreSentOverTwelvePartitionsThenNoneIsMissing() throws Exception {
        String topic = cluster.createTopic(KafkaCluster.uniqueTopic("soak"), 12, 1);
        int count = 1_000_000;
        AtomicLong failed = new AtomicLong();
        ProducerConfig config = TestProducers.config(cluster, Map.of("linger.ms", "5", "batch.size", "65536"));
        byte[] value = new byte[100];
        try (QuillProducer<byte[], byte[]> producer = QuillProducer.create(config, Serializers.byteArray(),
                Serializers.byteArray())) {
            for (int i = 0; i < count; i++) {
                byte[] key = Integer.toString(i).getBytes();
                producer.send(ProducerRecord.of(topic, key, value), (m, e) -> {
                    if (e != null) {
                        failed.incrementAndGet();
                    }
                });
            }
            producer.flush();
            assertThat(failed).hasValue(0);
            assertThat(producer.metrics().recordsSent()).isEqualTo(count);
        }
        Map<Integer, Long> offsets = cluster.endOffsets(topic);
        assertThat(offsets).hasSize(12);
        assertThat(offsets.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(count);
    }
}
