package dev.quill.producer.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.TopicDescription;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.quill.producer.ProducerRecord;
import dev.quill.producer.QuillProducer;
import dev.quill.producer.RecordMetadata;
import dev.quill.producer.errors.TransactionAbortableException;
import dev.quill.producer.testkit.KafkaCluster;

/**
 * The broker that coordinates a producer's transactions stops in the middle of a stream of transactions and comes
 * back later. The producer must find the new coordinator and go on without being fenced (no other producer has its
 * transactional id): a {@code read_committed} consumer reads every transaction that committed exactly once and
 * nothing of one that aborted, and transactions keep committing while the old coordinator is down.
 */
class TransactionFailoverTest {

    private static final int TRANSACTIONS = 40;
    private static final int RECORDS_PER_TRANSACTION = 10;
    /**
     * The coordinator starts going down as this transaction begins, so that the following ones meet the move. It
     * mostly falls between two of the producer's requests to the coordinator: with nothing in flight to fail, the
     * producer must notice by itself that it cannot reach the old coordinator any more.
     */
    private static final int STOP_AT = 5;
    /** From here on the old coordinator is down for certain: the stream waits for that. */
    private static final int DOWN_BY = 15;
    private static final int RESTART_AT = 25;

    private static KafkaCluster cluster;
    private static ExecutorService chaos;

    @BeforeAll
    static void startCluster() {
        // As FailoverTest: a stopped broker is noticed in about a second and a restarted one catches up quickly.
        cluster = KafkaCluster.start(3, Map.of(
                "broker.heartbeat.interval.ms", "100",
                "broker.session.timeout.ms", "1500",
                "replica.lag.time.max.ms", "5000"));
        chaos = Executors.newSingleThreadExecutor(r -> new Thread(r, "coordinator-failover"));
    }

    @AfterAll
    static void stopCluster() {
        chaos.shutdownNow();
        cluster.close();
    }

    @Test
    void whenTheCoordinatorStopsMidStreamThenCommittedTransactionsAreReadOnceAndAbortedOnesNever()
            throws Exception {
        String topic = cluster.createTopic(KafkaCluster.uniqueTopic("tx-failover"), 3, 3,
                Map.of("min.insync.replicas", "2"));
        String transactionalId = KafkaCluster.uniqueTopic("tx-failover-id");
        List<String> committed = new ArrayList<>();
        List<String> aborted = new ArrayList<>();
        List<TransactionAbortableException> abortReasons = new ArrayList<>();
        int committedWhileDown = 0;
        int oldCoordinator = -1;
        int newCoordinator = -1;
        CompletableFuture<Void> stopped = null;
        CompletableFuture<Void> restarted = null;

        // The defaults (request.timeout.ms 30 s, delivery.timeout.ms 2 min) ride through a move that takes the brokers
        // a second or two. max.block.ms is lowered from 60 s so that a commit stuck on the old coordinator fails
        // the test in good time instead of outlasting it.
        QuillProducer<String, String> producer = TestProducers.strings(cluster, Map.of(
                "transactional.id", transactionalId,
                "linger.ms", "5",
                "max.block.ms", "20000"));
        try {
            producer.initTransactions();
            for (int t = 0; t < TRANSACTIONS; t++) {
                if (t == STOP_AT) {
                    oldCoordinator = coordinatorOf(transactionalId);
                    int leaving = oldCoordinator;
                    stopped = CompletableFuture.runAsync(() -> cluster.stopBroker(leaving), chaos);
                } else if (t == DOWN_BY) {
                    stopped.get(60, TimeUnit.SECONDS);
                    int left = oldCoordinator;
                    KafkaCluster.awaitCondition(Duration.ofSeconds(30), "a coordinator other than broker " + left,
                            () -> {
                                int now = coordinatorOrNone(transactionalId);
                                return now >= 0 && now != left;
                            });
                    newCoordinator = coordinatorOf(transactionalId);
                } else if (t == RESTART_AT) {
                    int returning = oldCoordinator;
                    restarted = CompletableFuture.runAsync(() -> restart(returning, topic), chaos);
                }
                boolean coordinatorDown = stopped != null && stopped.isDone() && restarted == null;

                List<String> values = new ArrayList<>();
                List<CompletableFuture<RecordMetadata>> sends = new ArrayList<>();
                producer.beginTransaction();
                for (int r = 0; r < RECORDS_PER_TRANSACTION; r++) {
                    String value = "tx" + t + "-r" + r;
                    values.add(value);
                    sends.add(producer.send(ProducerRecord.of(topic, "key-" + r, value)));
                }
                try {
                    producer.commitTransaction();
                    assertThat(sends).as("acknowledged sends of committed transaction %d", t)
                            .allMatch(f -> f.isDone() && !f.isCompletedExceptionally());
                    committed.addAll(values);
                    committedWhileDown += coordinatorDown ? 1 : 0;
                } catch (TransactionAbortableException e) {
                    // What an application does with a transaction that cannot commit; a ProducerFencedException
                    // instead ends the test, as nothing here may fence this producer.
                    abortReasons.add(e);
                    producer.abortTransaction();
                    aborted.addAll(values);
                }
            }
            restarted.get(60, TimeUnit.SECONDS);
        } finally {
            // Bounded, as close() waits for a commit under way, and one that cannot reach a coordinator never ends.
            producer.close(Duration.ofSeconds(10));
        }

        System.out.printf("coordinator moved from broker %d to %d: %d transactions committed (%d while %d was down), "
                        + "%d aborted%s%n", oldCoordinator, newCoordinator, committed.size() / RECORDS_PER_TRANSACTION,
                committedWhileDown, oldCoordinator, aborted.size() / RECORDS_PER_TRANSACTION,
                abortReasons.stream().map(e -> "\n  " + e.getMessage()).reduce("", String::concat));
        assertThat(committedWhileDown).as("transactions committed while the old coordinator was down").isPositive();

        List<String> read = cluster.readAll(topic, committed.size(), Duration.ofSeconds(30), "read_committed").stream()
                .map(r -> new String(r.value(), StandardCharsets.UTF_8)).toList();
        Set<String> abortedValues = new HashSet<>(aborted);
        assertThat(read).as("read_committed values").doesNotHaveDuplicates()
                .noneMatch(abortedValues::contains)
                .containsExactlyInAnyOrderElementsOf(committed);
    }

    private static int coordinatorOf(String transactionalId) {
        try {
            return cluster.admin().describeTransactions(List.of(transactionalId)).description(transactionalId).get()
                    .coordinatorId();
        } catch (Exception e) {
            throw new IllegalStateException("could not find the coordinator of " + transactionalId, e);
        }
    }

    /** While the coordinator moves, the admin client may not find one: -1 then. */
    private static int coordinatorOrNone(String transactionalId) {
        try {
            return coordinatorOf(transactionalId);
        } catch (IllegalStateException e) {
            return -1;
        }
    }

    /** Starts the broker again and waits until it is back in every ISR of the topic, so that it is a replica again. */
    private static void restart(int broker, String topic) {
        cluster.startBroker(broker);
        KafkaCluster.awaitCondition(Duration.ofSeconds(60), "broker " + broker + " back in every ISR of " + topic,
                () -> describe(topic).partitions().stream().allMatch(p -> p.isr().size() == 3));
    }

    private static TopicDescription describe(String topic) {
        try {
            return cluster.admin().describeTopics(List.of(topic)).allTopicNames().get().get(topic);
        } catch (Exception e) {
            throw new IllegalStateException("could not describe " + topic, e);
        }
    }
}
