package dev.quill.producer.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.quill.producer.PartitionInfo;
import dev.quill.producer.ProducerRecord;
import dev.quill.producer.QuillProducer;
import dev.quill.producer.RecordMetadata;
import dev.quill.producer.testkit.KafkaCluster;

/** Three brokers, so that partitions have different leaders and one request per leader is in play. */
class AcksAndClusterTest {

    private static KafkaCluster cluster;

    @BeforeAll
    static void startCluster() {
        cluster = KafkaCluster.start(3, Map.of());
    }

    @AfterAll
    static void stopCluster() {
        cluster.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "1", "all"})
    void whenSendingWithEachAcksSettingThenEveryRecordLandsOnPartitionsLedByEveryBroker(String acks) throws Exception {
        String topic = cluster.createTopic(KafkaCluster.uniqueTopic("acks-" + acks), 9, 3);
        int count = 3_000;
        // A new partition's leader may refuse the first produce while it takes over; with acks=0 the
        // producer never hears of that, so make sure every leader serves before measuring.
        try (QuillProducer<String, String> warmUp = TestProducers.strings(cluster, Map.of())) {
            for (int p = 0; p < 9; p++) {
                warmUp.send(ProducerRecord.<String, String>builder(topic).partition(p).value("warm-up").build())
                        .get(30, TimeUnit.SECONDS);
            }
        }
        List<CompletableFuture<RecordMetadata>> futures = new ArrayList<>();
        try (QuillProducer<String, String> producer = TestProducers.strings(cluster,
                Map.of("acks", acks, "enable.idempotence", "false"))) {
            Set<Integer> leaders = new HashSet<>();
            for (PartitionInfo p : producer.partitionsFor(topic)) {
                leaders.add(p.leader());
            }
            assertThat(leaders).as("leaders of %s", topic).hasSize(3);
            for (int i = 0; i < count; i++) {
                futures.add(producer.send(ProducerRecord.of(topic, "key-" + i, "value-" + i)));
            }
            CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        }
        Set<Integer> partitions = new HashSet<>();
        for (CompletableFuture<RecordMetadata> f : futures) {
            RecordMetadata m = f.get();
            partitions.add(m.partition());
            assertThat(m.hasOffset()).isEqualTo(!acks.equals("0"));
        }
        assertThat(partitions).hasSize(9);
        // With acks 0 or 1 the producer hears back before followers copy the records, and the high
        // watermark a consumer sees moves only then.
        KafkaCluster.awaitCondition(Duration.ofSeconds(30), count + " records in " + topic,
                () -> cluster.endOffsets(topic).values().stream().mapToLong(Long::longValue).sum() == count + 9);
    }

    @Test
    void whenKeylessRecordsAreSentThenStickyPartitioningSpreadsThemOverAllPartitions() throws Exception {
        String topic = cluster.createTopic(KafkaCluster.uniqueTopic("sticky"), 6, 2);
        int count = 20_000;
        try (QuillProducer<String, String> producer = TestProducers.strings(cluster, Map.of("batch.size", "4096"))) {
            for (int i = 0; i < count; i++) {
                producer.send(ProducerRecord.of(topic, null, "value-" + i));
            }
            producer.flush();
            assertThat(producer.metrics().recordsSent()).isEqualTo(count);
        }
        Map<Integer, Long> offsets = cluster.endOffsets(topic);
        assertThat(offsets.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(count);
        assertThat(offsets.values()).allSatisfy(n -> assertThat(n).isPositive());
    }

    @Test
    void whenManyPartitionsThenEveryRecordArrives() throws Exception {
        String topic = cluster.createTopic(KafkaCluster.uniqueTopic("wide"), 60, 1);
        int count = 6_000;
        try (QuillProducer<String, String> producer = TestProducers.strings(cluster, Map.of())) {
            for (int i = 0; i < count; i++) {
                producer.send(ProducerRecord.of(topic, "k" + i, "v"));
            }
            producer.flush();
        }
        assertThat(cluster.readAll(topic, count, Duration.ofSeconds(60))).hasSize(count);
    }
}
