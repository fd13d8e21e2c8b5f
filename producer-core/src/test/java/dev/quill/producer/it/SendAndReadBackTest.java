package dev.quill.producer.it;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

import dev.quill.producer.ProducerRecord;
import dev.quill.producer.QuillProducer;
import dev.quill.producer.RecordMetadata;
import dev.quill.producer.testkit.KafkaCluster;

/** What a user checks first: every acknowledged record is in the log where the producer said it is. */
class SendAndReadBackTest {

    private final KafkaCluster cluster = KafkaCluster.shared();

    @Test
    void whenRecordsAcknowledgedWithAcksAllThenConsumerReadsThemBackAtTheReportedOffsets() throws Exception {
        String topic = cluster.createTopic(KafkaCluster.uniqueTopic("readback"), 6, 1);
        int count = 2_000;
        List<ProducerRecord<String, String>> sent = new ArrayList<>();
        List<CompletableFuture<RecordMetadata>> futures = new ArrayList<>();
        long baseTimestamp = System.currentTimeMillis() - 60_000;
        try (QuillProducer<String, String> producer = TestProducers.strings(cluster, Map.of("acks", "all"))) {
            for (int i = 0; i < count; i++) {
                ProducerRecord.Builder<String, String> b = ProducerRecord.<String, String>builder(topic)
                        .key(i % 7 == 0 ? null : "key-" + (i % 50))
                        .value(i % 11 == 0 ? null : "value-" + i + "-ünï")
                        .timestamp(baseTimestamp + i);
                if (i % 3 == 0) {
                    b.header("trace", ("t" + i).getBytes(UTF_8)).header("empty", null);
                }
                ProducerRecord<String, String> record = b.build();
                sent.add(record);
                futures.add(producer.send(record));
            }
            CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        }

        Map<String, ConsumerRecord<byte[], byte[]>> byPosition = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : cluster.readAll(topic, count, Duration.ofSeconds(60))) {
            byPosition.put(r.partition() + "@" + r.offset(), r);
        }
        assertThat(byPosition).hasSize(count);
        for (int i = 0; i < count; i++) {
            RecordMetadata m = futures.get(i).get();
            ProducerRecord<String, String> expected = sent.get(i);
            ConsumerRecord<byte[], byte[]> actual = byPosition.get(m.partition() + "@" + m.offset());
            assertThat(actual).as("record %d at %s-%d@%d", i, topic, m.partition(), m.offset()).isNotNull();
            assertThat(m.topic()).isEqualTo(topic);
            assertThat(actual.key() == null ? null : new String(actual.key(), UTF_8)).isEqualTo(expected.key());
            assertThat(actual.value() == null ? null : new String(actual.value(), UTF_8)).isEqualTo(expected.value());
            assertThat(actual.timestamp()).isEqualTo(expected.timestamp()).isEqualTo(m.timestamp());
            List<String> headers = new ArrayList<>();
            for (Header h : actual.headers()) {
                headers.add(h.key() + "=" + (h.value() == null ? "null" : new String(h.value(), UTF_8)));
            }
            List<String> expectedHeaders = new ArrayList<>();
            expected.headers().forEach(h -> expectedHeaders.add(h.key() + "="
                    + (h.value() == null ? "null" : new String(h.value(), UTF_8))));
            assertThat(headers).isEqualTo(expectedHeaders);
        }
    }

    @Test
    void whenBootstrapServersAreResolvedToCanonicalNamesThenRecordsArrive() throws Exception {
        String topic = cluster.createTopic(KafkaCluster.uniqueTopic("canonical"), 1, 1);
        String byAddress = cluster.bootstrapServers().split(",")[0].replace("localhost", "127.0.0.1");
        List<CompletableFuture<RecordMetadata>> futures = new ArrayList<>();
        try (QuillProducer<String, String> producer = TestProducers.strings(cluster, Map.of("bootstrap.servers",
                byAddress, "client.dns.lookup", "resolve_canonical_bootstrap_servers_only"))) {
            for (int i = 0; i < 10; i++) {
                futures.add(producer.send(ProducerRecord.of(topic, "k" + i, "v" + i)));
            }
            CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        }

        assertThat(cluster.readAll(topic, 10, Duration.ofSeconds(30)))
                .extracting(r -> new String(r.value(), UTF_8))
                .containsExactly("v0", "v1", "v2", "v3", "v4", "v5", "v6", "v7", "v8", "v9");
    }

    @Test
    void whenSentFromOneThreadThenOrderIsKeptPerPartition() throws Exception {
        String topic = cluster.createTopic(KafkaCluster.uniqueTopic("order"), 4, 1);
        int count = 5_000;
        try (QuillProducer<String, String> producer = TestProducers.strings(cluster, Map.of("linger.ms", "2"))) {
            for (int i = 0; i < count; i++) {
                producer.send(ProducerRecord.of(topic, "k" + (i % 13), Integer.toString(i)));
            }
            producer.flush();
        }
        Map<Integer, List<Integer>> valuesByPartition = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : cluster.readAll(topic, count, Duration.ofSeconds(60))) {
            valuesByPartition.computeIfAbsent(r.partition(), p -> new ArrayList<>())
                    .add(Integer.parseInt(new String(r.value(), UTF_8)));
        }
        assertThat(valuesByPartition.values().stream().mapToInt(List::size).sum()).isEqualTo(count);
        valuesByPartition.values().forEach(values -> assertThat(values).isSorted());
    }

    @Test
    void whenUsingEachSendModeThenEveryRecordArrives() throws Exception {
        String topic = cluster.createTopic(KafkaCluster.uniqueTopic("modes"), 3, 1);
        ConcurrentLinkedQueue<RecordMetadata> callbacks = new ConcurrentLinkedQueue<>();
        try (QuillProducer<String, String> producer = TestProducers.strings(cluster, Map.of())) {
            RecordMetadata sync = producer.send(ProducerRecord.of(topic, "sync", "1")).get(30, TimeUnit.SECONDS);
            assertThat(sync.hasOffset()).isTrue();
            producer.send(ProducerRecord.of(topic, "callback", "2"), (m, e) -> {
                if (e == null) {
                    callbacks.add(m);
                }
            });
            producer.send(ProducerRecord.of(topic, "forget", "3"));
            producer.flush();
            assertThat(callbacks).hasSize(1);
        }
        List<String> keys = cluster.readAll(topic, 3, Duration.ofSeconds(30)).stream()
                .map(r -> new String(r.key(), UTF_8)).sorted().toList();
        assertThat(keys).containsExactly("callback", "forget", "sync");
    }

    @Test
    void whenKeyedRecordsSentThenPartitionIsTheOneKafkaClientsChooses() throws Exception {
        String topic = cluster.createTopic(KafkaCluster.uniqueTopic("keyed"), 12, 1);
        try (QuillProducer<String, String> producer = TestProducers.strings(cluster, Map.of())) {
            for (int i = 0; i < 500; i++) {
                String key = "customer-" + i;
                RecordMetadata m = producer.send(ProducerRecord.of(topic, key, "v")).get(30, TimeUnit.SECONDS);
                int expected = org.apache.kafka.clients.producer.internals.BuiltInPartitioner
                        .partitionForKey(key.getBytes(UTF_8), 12);
                assertThat(m.partition()).as("partition of %s", key).isEqualTo(expected);
            }
        }
    }
}
