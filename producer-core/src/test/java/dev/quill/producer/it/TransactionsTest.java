package dev.quill.producer.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.apache.kafka.clients.admin.ProducerState;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.quill.producer.ConsumedOffset;
import dev.quill.producer.GroupMetadata;
import dev.quill.producer.ProducerRecord;
import dev.quill.producer.QuillProducer;
import dev.quill.producer.RecordMetadata;
import dev.quill.producer.Serializer;
import dev.quill.producer.Serializers;
import dev.quill.producer.errors.ProducerFencedException;
import dev.quill.producer.errors.SerializationException;
import dev.quill.producer.errors.TransactionAbortableException;
import dev.quill.producer.errors.TransactionAbortedException;
import dev.quill.producer.testkit.KafkaCluster;

/**
 * Transactions against real brokers, on both protocols: the shared cluster finalizes {@code transaction.version=2}
 * (KIP-890, as a cluster formatted by Kafka 4.x), and a cluster of this class's own runs {@code transaction.version=1}
 * (as one upgraded from 3.x). What a {@code read_committed} consumer reads is the verdict.
 */
class TransactionsTest {

    private static KafkaCluster upgradedCluster;

    static synchronized KafkaCluster upgradedCluster() {
        if (upgradedCluster == null) {
            upgradedCluster = KafkaCluster.start(1, Map.of(), (short) 1);
        }
        return upgradedCluster;
    }

    @AfterAll
    static synchronized void stopUpgradedCluster() {
        if (upgradedCluster != null) {
            upgradedCluster.close();
            upgradedCluster = null;
        }
    }

    static Stream<Arguments> clusters() {
        return Stream.of(
                Arguments.of("transaction.version=2", (Supplier<KafkaCluster>) KafkaCluster::shared),
                Arguments.of("transaction.version=1",
                        (Supplier<KafkaCluster>) TransactionsTest::upgradedCluster));
    }

    private static QuillProducer<String, String> transactional(KafkaCluster cluster, String transactionalId) {
        return TestProducers.strings(cluster, Map.of("transactional.id", transactionalId, "linger.ms", "5"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("clusters")
    void readCommittedSeesCommittedRecordsOnceAndAbortedNever(String name,
                                                              Supplier<KafkaCluster> clusters) {
        KafkaCluster cluster = clusters.get();
        String topic = cluster.createTopic(KafkaCluster.uniqueTopic("tx-commit"), 3, 1);
        try (QuillProducer<String, String> producer = transactional(cluster, KafkaCluster.uniqueTopic("tx-id"))) {
            producer.initTransactions();

            producer.beginTransaction();
            List<CompletableFuture<RecordMetadata>> committed = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                committed.add(producer.send(ProducerRecord.of(topic, "k" + i, "committed-" + i)));
            }
            producer.commitTransaction();
            assertThat(committed).allMatch(f -> f.isDone() && !f.isCompletedExceptionally());

            producer.beginTransaction();
            List<CompletableFuture<RecordMetadata>> aborted = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                aborted.add(producer.send(ProducerRecord.of(topic, "k" + i, "aborted-" + i)));
            }
            producer.flush();
            producer.abortTransaction();

            producer.beginTransaction();
            producer.send(ProducerRecord.of(topic, "k", "committed-last"));
            producer.commitTransaction();
        }

        List<String> readCommitted = values(cluster, topic, "read_committed", 31);
        assertThat(readCommitted).hasSize(31).allMatch(v -> v.startsWith("committed-")).doesNotHaveDuplicates();
        List<String> readUncommitted = values(cluster, topic, "read_uncommitted", 51);
        assertThat(readUncommitted).hasSize(51).filteredOn(v -> v.startsWith("aborted-")).hasSize(20);
        // Each transaction ends with a marker in every partition it wrote to, which takes an offset of its own.
        long endOffsets = cluster.endOffsets(topic).values().stream().mapToLong(Long::longValue).sum();
        assertThat(endOffsets).isGreaterThan(51);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("clusters")
    void abortFailsRecordsNotSentYetAndTheNextTransactionWorks(String name,
                                                              Supplier<KafkaCluster> clusters) {
        KafkaCluster cluster = clusters.get();
        String topic = cluster.createTopic(KafkaCluster.uniqueTopic("tx-abort"), 1, 1);
        try (QuillProducer<String, String> producer = TestProducers.strings(cluster, Map.of(
                "transactional.id", KafkaCluster.uniqueTopic("tx-id"), "linger.ms", "60000"))) {
            producer.initTransactions();
            producer.beginTransaction();
            CompletableFuture<RecordMetadata> lingering = producer.send(ProducerRecord.of(topic, "k", "never"));
            producer.abortTransaction();

            assertThat(TestProducers.failureOf(lingering)).isInstanceOf(TransactionAbortedException.class)
                    .hasMessageContaining("aborted by abortTransaction()");

            producer.beginTransaction();
            producer.send(ProducerRecord.of(topic, "k", "kept"));
            producer.commitTransaction();
        }
        assertThat(values(cluster, topic, "read_committed", 1)).containsExactly("kept");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("clusters")
    void writesAcrossTopicsAndTheGroupOffsetsCommitTogether(String name,
                                                            Supplier<KafkaCluster> clusters)
            throws Exception {
        KafkaCluster cluster = clusters.get();
        String orders = cluster.createTopic(KafkaCluster.uniqueTopic("tx-orders"), 2, 1);
        String audit = cluster.createTopic(KafkaCluster.uniqueTopic("tx-audit"), 1, 1);
        String input = cluster.createTopic(KafkaCluster.uniqueTopic("tx-input"), 1, 1);
        String group = KafkaCluster.uniqueTopic("tx-group");
        try (QuillProducer<String, String> producer = transactional(cluster, KafkaCluster.uniqueTopic("tx-id"))) {
            producer.initTransactions();

            producer.beginTransaction();
            producer.send(ProducerRecord.of(orders, "a", "order-1"));
            producer.send(ProducerRecord.of(audit, "a", "audit-1"));
            producer.sendOffsetsToTransaction(List.of(new ConsumedOffset(input, 0, 42)), GroupMetadata.of(group));
            assertThat(committedOffset(cluster, group, input)).as("before the commit").isNull();
            producer.commitTransaction();
            // The coordinator writes the commit markers after it answered: the offsets move shortly after.
            KafkaCluster.awaitCondition(Duration.ofSeconds(30), "the group's offset to move to 42",
                    () -> Long.valueOf(42).equals(committedOffset(cluster, group, input)));

            producer.beginTransaction();
            producer.send(ProducerRecord.of(orders, "b", "order-2"));
            producer.sendOffsetsToTransaction(List.of(new ConsumedOffset(input, 0, 50, "batch 2")),
                    GroupMetadata.of(group));
            producer.abortTransaction();
            KafkaCluster.awaitCondition(Duration.ofSeconds(30), "the abort markers to be written",
                    () -> transactionState(cluster, producer.config().transactionalId().orElseThrow())
                            .equals("CompleteAbort"));
            assertThat(committedOffset(cluster, group, input)).as("after the abort").isEqualTo(42);
            producer.beginTransaction();
            producer.sendOffsetsToTransaction(List.of(new ConsumedOffset(input, 0, 60)), GroupMetadata.of(group));
            producer.commitTransaction();
            KafkaCluster.awaitCondition(Duration.ofSeconds(30), "the group's offset to move to 60",
                    () -> Long.valueOf(60).equals(committedOffset(cluster, group, input)));
        }
        assertThat(values(cluster, orders, "read_committed", 1)).containsExactly("order-1");
        assertThat(values(cluster, audit, "read_committed", 1)).containsExactly("audit-1");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("clusters")
    void aNewerProducerWithTheSameIdFencesTheOlderOne(String name, Supplier<KafkaCluster> clusters) {
        KafkaCluster cluster = clusters.get();
        String topic = cluster.createTopic(KafkaCluster.uniqueTopic("tx-fence"), 1, 1);
        String transactionalId = KafkaCluster.uniqueTopic("tx-id");
        try (QuillProducer<String, String> zombie = transactional(cluster, transactionalId);
             QuillProducer<String, String> successor = transactional(cluster, transactionalId)) {
            zombie.initTransactions();
            zombie.beginTransaction();
            zombie.send(ProducerRecord.of(topic, "k", "zombie")).join();

            successor.initTransactions();

            assertThatThrownBy(zombie::commitTransaction).isInstanceOf(ProducerFencedException.class)
                    .hasMessageContaining(transactionalId).hasMessageContaining("must be closed");
            // Fatal: every later call says so again, sends included.
            assertThatThrownBy(zombie::beginTransaction).isInstanceOf(ProducerFencedException.class);
            assertThat(TestProducers.failureOf(zombie.send(ProducerRecord.of(topic, "k", "zombie-2"))))
                    .isInstanceOf(ProducerFencedException.class);

            successor.beginTransaction();
            successor.send(ProducerRecord.of(topic, "k", "successor"));
            successor.commitTransaction();
        }
        assertThat(values(cluster, topic, "read_committed", 1)).containsExactly("successor");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("clusters")
    void usesTheProtocolOfTheClustersTransactionVersion(String name,
                                                        Supplier<KafkaCluster> clusters)
            throws Exception {
        KafkaCluster cluster = clusters.get();
        String topic = cluster.createTopic(KafkaCluster.uniqueTopic("tx-epoch"), 1, 1);
        String transactionalId = KafkaCluster.uniqueTopic("tx-id");
        try (QuillProducer<String, String> producer = transactional(cluster, transactionalId)) {
            producer.initTransactions();
            for (int i = 0; i < 3; i++) {
                producer.beginTransaction();
                producer.send(ProducerRecord.of(topic, "k", "v" + i));
                producer.commitTransaction();
            }
        }
        // The coordinator writes the last commit's markers after it answered: wait for them before reading epochs.
        KafkaCluster.awaitCondition(Duration.ofSeconds(30), "the last commit's markers",
                () -> transactionState(cluster, transactionalId).equals("CompleteCommit"));
        TopicPartition partition = new TopicPartition(topic, 0);
        List<ProducerState> producers = cluster.admin().describeProducers(List.of(partition)).partitionResult(partition)
                .get().activeProducers();
        assertThat(producers).hasSize(1);
        // KIP-890 ends every transaction with a new epoch; the older protocol keeps the one InitProducerId gave.
        if (name.endsWith("2")) {
            assertThat(producers.get(0).producerEpoch()).isGreaterThanOrEqualTo(3);
        } else {
            assertThat(producers.get(0).producerEpoch()).isZero();
        }
        assertThat(values(cluster, topic, "read_committed", 3)).containsExactly("v0", "v1", "v2");
    }

    @Test
    void aTransactionOlderThanItsTimeoutIsAbortedByTheCoordinator() {
        KafkaCluster cluster = KafkaCluster.shared();
        String topic = cluster.createTopic(KafkaCluster.uniqueTopic("tx-timeout"), 1, 1);
        String transactionalId = KafkaCluster.uniqueTopic("tx-id");
        try (QuillProducer<String, String> producer = TestProducers.strings(cluster, Map.of(
                "transactional.id", transactionalId, "transaction.timeout.ms", "1000"))) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(ProducerRecord.of(topic, "k", "too-late")).join();
            KafkaCluster.awaitCondition(Duration.ofSeconds(30), "the coordinator to abort " + transactionalId,
                    () -> transactionState(cluster, transactionalId).equals("CompleteAbort"));

            assertThatThrownBy(producer::commitTransaction).isInstanceOf(TransactionAbortableException.class)
                    .hasMessageContaining(transactionalId);
            producer.abortTransaction();

            producer.beginTransaction();
            producer.send(ProducerRecord.of(topic, "k", "in-time"));
            producer.commitTransaction();
        }
        assertThat(values(cluster, topic, "read_committed", 1)).containsExactly("in-time");
    }

    @Test
    void aRecordThatFailsBeforeReachingABrokerMakesTheTransactionAbortable() {
        KafkaCluster cluster = KafkaCluster.shared();
        String topic = cluster.createTopic(KafkaCluster.uniqueTopic("tx-poison"), 1, 1);
        Serializer<String> refusesPoison = (t, headers, value) -> {
            if (value.equals("poison")) {
                throw new IllegalArgumentException("cannot serialize poison");
            }
            return value.getBytes(StandardCharsets.UTF_8);
        };
        try (QuillProducer<String, String> producer = QuillProducer.create(TestProducers.config(cluster,
                Map.of("transactional.id", KafkaCluster.uniqueTopic("tx-id"))), Serializers.string(), refusesPoison)) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(ProducerRecord.of(topic, "k", "fine"));
            assertThat(TestProducers.failureOf(producer.send(ProducerRecord.of(topic, "k", "poison"))))
                    .isInstanceOf(SerializationException.class);

            // The transaction must not commit without the record that failed: all or nothing.
            assertThatThrownBy(producer::commitTransaction).isInstanceOf(TransactionAbortableException.class)
                    .hasMessageContaining("cannot serialize poison");
            producer.abortTransaction();
        }
        assertThat(values(cluster, topic, "read_committed", 0)).isEmpty();
    }

    @Test
    void misuseNamesTheState() {
        KafkaCluster cluster = KafkaCluster.shared();
        String topic = KafkaCluster.uniqueTopic("tx-misuse");
        try (QuillProducer<String, String> producer = transactional(cluster, "misuse-" + topic);
             QuillProducer<String, String> plain = TestProducers.strings(cluster, Map.of())) {
            assertThatThrownBy(producer::beginTransaction).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("UNINITIALIZED").hasMessageContaining("initTransactions()");
            producer.initTransactions();
            assertThatThrownBy(() -> producer.send(ProducerRecord.of(topic, "k", "v")))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("READY")
                    .hasMessageContaining("beginTransaction()");
            assertThatThrownBy(producer::commitTransaction).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("commitTransaction()").hasMessageContaining("READY");
            assertThatThrownBy(plain::beginTransaction).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("transactional.id");
        }
    }

    private static String transactionState(KafkaCluster cluster, String transactionalId) {
        try {
            return cluster.admin().describeTransactions(List.of(transactionalId)).description(transactionalId).get()
                    .state().toString();
        } catch (Exception e) {
            return "unknown: " + e;
        }
    }

    private static Long committedOffset(KafkaCluster cluster, String group, String topic) {
        try {
            Map<TopicPartition, OffsetAndMetadata> offsets = cluster.admin().listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get();
            OffsetAndMetadata offset = offsets.get(new TopicPartition(topic, 0));
            return offset == null ? null : offset.offset();
        } catch (Exception e) {
            throw new IllegalStateException("could not read the offsets of group " + group, e);
        }
    }

    /** The values a consumer with the given isolation level reads, waiting until {@code expected} arrived. */
    static List<String> values(KafkaCluster cluster, String topic, String isolation, int expected) {
        return cluster.readAll(topic, expected, Duration.ofSeconds(30), isolation).stream()
                .map(r -> new String(r.value(), StandardCharsets.UTF_8)).toList();
    }
}
