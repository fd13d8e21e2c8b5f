package dev.quill.producer.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.quill.producer.ProducerConfig;
import dev.quill.producer.ProducerGroup;
import dev.quill.producer.ProducerRecord;
import dev.quill.producer.QuillProducer;
import dev.quill.producer.Serializers;
import dev.quill.producer.testkit.KafkaCluster;

/** Many producers on one I/O thread, a few connections per broker and one buffer pool. */
class ProducerGroupTest {

    private static final int PRODUCERS = 8;
    private static final int TRANSACTIONS = 15;
    private static final int RECORDS = 5;

    @Test
    void concurrentTransactionsOfAGroupShareOneThreadAndCommitEveryRecordOnce() throws Exception {
        KafkaCluster cluster = KafkaCluster.shared();
        String topic = cluster.createTopic(KafkaCluster.uniqueTopic("group-tx"), 3, 1);
        String prefix = KafkaCluster.uniqueTopic("group-tx-id") + "-";
        try (ProducerGroup group = ProducerGroup.create(TestProducers.config(cluster, Map.of("client.id", prefix)))) {
            List<QuillProducer<String, String>> producers = new ArrayList<>();
            for (int i = 0; i < PRODUCERS; i++) {
                producers.add(group.newProducer(TestProducers.config(cluster, Map.of("client.id", prefix + i,
                        "transactional.id", prefix + i, "linger.ms", "2")), Serializers.string(), Serializers.string()));
            }
            assertThat(ioThreads(prefix)).as("I/O threads for %d producers", PRODUCERS).isEqualTo(1);

            ExecutorService threads = Executors.newFixedThreadPool(PRODUCERS);
            List<Future<?>> done = new ArrayList<>();
            for (int p = 0; p < PRODUCERS; p++) {
                QuillProducer<String, String> producer = producers.get(p);
                int id = p;
                done.add(threads.submit(() -> {
                    producer.initTransactions();
                    for (int t = 0; t < TRANSACTIONS; t++) {
                        producer.beginTransaction();
                        for (int r = 0; r < RECORDS; r++) {
                            producer.send(ProducerRecord.of(topic, "p" + id, id + "/" + t + "/" + r));
                        }
                        producer.commitTransaction();
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(120, TimeUnit.SECONDS);
            }
            threads.shutdown();
            assertThat(producers.get(0).health().brokersConnected()).as("connections shared by the group").isEqualTo(1);
            assertThat(producers.get(0).metrics().bufferTotalBytes()).as("one buffer.memory for the group")
                    .isEqualTo(group.newProducer(TestProducers.config(cluster, Map.of("client.id", prefix)),
                            Serializers.string(), Serializers.string()).metrics().bufferTotalBytes());

            // One producer leaving does not disturb the others.
            producers.get(0).close();
            QuillProducer<String, String> survivor = producers.get(1);
            survivor.beginTransaction();
            survivor.send(ProducerRecord.of(topic, "p1", "after-close"));
            survivor.commitTransaction();
        }
        assertThat(ioThreads(prefix)).as("the group's thread ends with it").isZero();

        List<String> values = cluster.readAll(topic, PRODUCERS * TRANSACTIONS * RECORDS + 1, Duration.ofSeconds(60),
                "read_committed").stream().map(r -> new String(r.value(), StandardCharsets.UTF_8)).toList();
        assertThat(values).hasSize(PRODUCERS * TRANSACTIONS * RECORDS + 1).doesNotHaveDuplicates()
                .contains("after-close", "0/0/0", (PRODUCERS - 1) + "/" + (TRANSACTIONS - 1) + "/" + (RECORDS - 1));
    }

    @Test
    void idempotentProducersOfAGroupEachGetAnIdentityOverTheirOwnConnection() throws Exception {
        KafkaCluster cluster = KafkaCluster.shared();
        String topic = cluster.createTopic(KafkaCluster.uniqueTopic("group-idempotent"), 3, 1);
        // Idempotence is on by default: each producer asks for its producer id over its own stripe of the
        // group's connections, which the other producers' traffic has not opened.
        try (ProducerGroup group = ProducerGroup.create(TestProducers.config(cluster, Map.of()), 3)) {
            List<QuillProducer<String, String>> producers = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                producers.add(group.newProducer(TestProducers.config(cluster, Map.of()), Serializers.string(),
                        Serializers.string()));
            }
            for (int i = 0; i < producers.size(); i++) {
                for (int r = 0; r < RECORDS; r++) {
                    producers.get(i).send(ProducerRecord.of(topic, "p" + i, i + "/" + r)).get(60, TimeUnit.SECONDS);
                }
            }
        }
        List<String> values = cluster.readAll(topic, 3 * RECORDS, Duration.ofSeconds(60)).stream()
                .map(r -> new String(r.value(), StandardCharsets.UTF_8)).toList();
        assertThat(values).hasSize(3 * RECORDS).doesNotHaveDuplicates().contains("0/0", "1/0", "2/" + (RECORDS - 1));
    }

    @Test
    void aProducerWithOtherConnectionSettingsIsRefusedNamingTheKey() {
        KafkaCluster cluster = KafkaCluster.shared();
        try (ProducerGroup group = ProducerGroup.create(TestProducers.config(cluster, Map.of()))) {
            ProducerConfig other = TestProducers.config(cluster, Map.of("buffer.memory", "1048576"));
            assertThatThrownBy(() -> group.newProducer(other, Serializers.string(), Serializers.string()))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("buffer.memory");
        }
    }

    /** Live I/O threads of the group and of its producers, whose client ids all start with the prefix. */
    private static long ioThreads(String clientIdPrefix) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith("quill-producer-io-" + clientIdPrefix)).count();
    }
}
