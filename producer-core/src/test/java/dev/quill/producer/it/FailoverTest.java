package dev.quill.producer.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartitionInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.quill.producer.ProducerRecord;
import dev.quill.producer.QuillProducer;
import dev.quill.producer.Serializers;
import dev.quill.producer.errors.ProducerException;
import dev.quill.producer.testkit.KafkaCluster;

/**
 * Leaders stop and come back while a million keyed records stream in. With acks=all and idempotence,
 * what the producer acknowledged must be in the log exactly once, at the offset it reported, in send order.
 */
class FailoverTest {

    private static final int RECORDS = 1_000_000;
    private static final int PARTITIONS = 6;
    private static final int FAILOVERS = 5;
    private static final int CHECKPOINT = RECORDS / (FAILOVERS + 1);

    private static KafkaCluster cluster;

    @BeforeAll
    static void startCluster() {
        cluster = KafkaCluster.start(3, Map.of(
                "broker.heartbeat.interval.ms", "100",
                "broker.session.timeout.ms", "1500",
                "replica.lag.time.max.ms", "5000"));
    }

    @AfterAll
    static void stopCluster() {
        cluster.close();
    }

    /** What the producer reported for each record of a stream. */
    private record Outcome(int[] partitionOf, long[] offsetOf, List<Exception> failures, int acknowledged,
                           List<String> failovers) {
    }

    @Test
    void whenLeadersFailOverRepeatedlyThenEveryAcknowledgedRecordIsInTheLogOnceAndInOrder() throws Exception {
        String topic = cluster.createTopic(KafkaCluster.uniqueTopic("failover-all"), PARTITIONS, 3,
                Map.of("min.insync.replicas", "2"));
        Outcome outcome = streamThroughFailovers(topic, Map.of("acks", "all"));
        assertThat(outcome.failovers()).as("leader failovers performed").hasSize(FAILOVERS);
        assertThat(outcome.failures()).allSatisfy(e -> assertThat(e).isInstanceOf(ProducerException.class)
                .hasMessageContaining(topic));
        assertThat(outcome.acknowledged() + outcome.failures().size()).isEqualTo(RECORDS);

        Map<Long, Integer> valueAt = new HashMap<>(2 * RECORDS);
        int[] lastValueInPartition = new int[PARTITIONS];
        Arrays.fill(lastValueInPartition, -1);
        List<ConsumerRecord<byte[], byte[]>> log = cluster.readAll(topic, outcome.acknowledged(), Duration.ofSeconds(120));
        for (ConsumerRecord<byte[], byte[]> r : log) {
            int value = ByteBuffer.wrap(r.value()).getInt();
            assertThat(value).as("send order in partition %d", r.partition()).isGreaterThan(lastValueInPartition[r.partition()]);
            lastValueInPartition[r.partition()] = value;
            valueAt.put(position(r.partition(), r.offset()), value);
        }
        assertThat(log).as("records in the log (no duplicates)").hasSize(outcome.acknowledged());
        for (int i = 0; i < RECORDS; i++) {
            if (outcome.offsetOf()[i] >= 0) {
                assertThat(valueAt.get(position(outcome.partitionOf()[i], outcome.offsetOf()[i])))
                        .as("record %d at %d@%d", i, outcome.partitionOf()[i], outcome.offsetOf()[i]).isEqualTo(i);
            }
        }
    }

    /**
     * With acks=1 and no idempotence the producer promises less, and the test holds it to exactly that: the
     * log holds only records that were sent; an acknowledged record is at its reported offset unless a
     * failover truncated it away (lost); a retry may write a record twice (duplicated). Both are counted.
     */
    @Test
    void whenLeadersFailOverWithAcksOneThenTheLogHoldsOnlySentRecordsAndLossesAreAccountedFor() throws Exception {
        String topic = cluster.createTopic(KafkaCluster.uniqueTopic("failover-one"), PARTITIONS, 3,
                Map.of("min.insync.replicas", "1"));
        Outcome outcome = streamThroughFailovers(topic, Map.of("acks", "1", "enable.idempotence", "false"));
        assertThat(outcome.failovers()).hasSize(FAILOVERS);
        assertThat(outcome.failures()).allSatisfy(e -> assertThat(e).isInstanceOf(ProducerException.class)
                .hasMessageContaining(topic));

        // With acks=1 the high watermark may still be rising as followers fetch the last records, so the end
        // offsets read now are a lower bound, and the log is read to whatever end the consumer then sees.
        Map<Integer, Long> endsBeforeReading = cluster.endOffsets(topic);
        long inLog = endsBeforeReading.values().stream().mapToLong(Long::longValue).sum();
        List<ConsumerRecord<byte[], byte[]>> log = cluster.readAll(topic, (int) inLog, Duration.ofSeconds(120));
        int[] copies = new int[RECORDS];
        long[] nextOffset = new long[PARTITIONS];
        Map<Long, Integer> valueAt = new HashMap<>(2 * RECORDS);
        for (ConsumerRecord<byte[], byte[]> r : log) {
            assertThat(r.offset()).as("offsets of partition %d without a gap", r.partition())
                    .isEqualTo(nextOffset[r.partition()]++);
            int value = ByteBuffer.wrap(r.value()).getInt();
            assertThat(value).as("a record that was sent").isBetween(0, RECORDS - 1);
            copies[value]++;
            valueAt.put(position(r.partition(), r.offset()), value);
        }
        int lost = 0;
        int duplicated = 0;
        for (int i = 0; i < RECORDS; i++) {
            duplicated += copies[i] > 1 ? 1 : 0;
            if (outcome.offsetOf()[i] >= 0) {
                Integer atReported = valueAt.get(position(outcome.partitionOf()[i], outcome.offsetOf()[i]));
                if (atReported == null || atReported != i) {
                    assertThat(copies[i]).as("acknowledged record %d is missing from its offset, so it must be "
                            + "lost, not elsewhere", i).isLessThanOrEqualTo(1);
                    lost += copies[i] == 0 ? 1 : 0;
                }
            }
        }
        System.out.printf("acks=1 through %d failovers: %d acknowledged, %d failed, %d lost, %d duplicated%n",
                FAILOVERS, outcome.acknowledged(), outcome.failures().size(), lost, duplicated);
        for (int p = 0; p < PARTITIONS; p++) {
            assertThat(nextOffset[p]).as("records read from partition %d", p).isGreaterThanOrEqualTo(endsBeforeReading.get(p));
        }
    }

    private static long position(int partition, long offset) {
        return ((long) partition << 40) | offset;
    }

    /** Sends the records from one thread while the chaos thread bounces leaders at fixed checkpoints. */
    private Outcome streamThroughFailovers(String topic, Map<String, String> settings) throws Exception {
        int[] partitionOf = new int[RECORDS];
        long[] offsetOf = new long[RECORDS];
        Arrays.fill(offsetOf, -1);
        ConcurrentLinkedQueue<Exception> failures = new ConcurrentLinkedQueue<>();
        AtomicInteger acknowledged = new AtomicInteger();
        List<String> failoverLog = new ArrayList<>();
        Map<String, String> config = new HashMap<>(settings);
        config.put("linger.ms", "5");
        config.put("request.timeout.ms", "10000");
        try (QuillProducer<byte[], byte[]> producer = QuillProducer.create(TestProducers.config(cluster, config),
                Serializers.byteArray(), Serializers.byteArray())) {
            CountDownLatch[] reached = latches();
            CountDownLatch[] stopping = latches();
            Thread chaos = new Thread(() -> bounceLeaders(topic, reached, stopping, failoverLog), "failover-chaos");
            chaos.start();
            for (int i = 0; i < RECORDS; i++) {
                if (i > 0 && i % CHECKPOINT == 0 && i / CHECKPOINT <= FAILOVERS) {
                    // Hand over to the chaos thread and carry on sending as soon as a leader is going down,
                    // so that every failover happens in the middle of the stream.
                    int round = i / CHECKPOINT - 1;
                    reached[round].countDown();
                    assertThat(stopping[round].await(60, TimeUnit.SECONDS)).as("failover round %d started", round).isTrue();
                }
                int index = i;
                byte[] key = ("key-" + (i % 1_000)).getBytes();
                byte[] value = ByteBuffer.allocate(4).putInt(i).array();
                producer.send(ProducerRecord.of(topic, key, value), (m, e) -> {
                    if (e == null) {
                        partitionOf[index] = m.partition();
                        offsetOf[index] = m.offset();
                        acknowledged.incrementAndGet();
                    } else {
                        failures.add(e);
                    }
                });
            }
            producer.flush();
            chaos.join(Duration.ofMinutes(3).toMillis());
        }
        return new Outcome(partitionOf, offsetOf, List.copyOf(failures), acknowledged.get(), List.copyOf(failoverLog));
    }

    private static CountDownLatch[] latches() {
        CountDownLatch[] latches = new CountDownLatch[FAILOVERS];
        Arrays.setAll(latches, i -> new CountDownLatch(1));
        return latches;
    }

    /**
     * At each of the sender's checkpoints: stops the leader of a busy partition (letting the sender go on
     * as it goes down), waits for new leaders, restarts it and waits until it is back in every ISR.
     */
    private static void bounceLeaders(String topic, CountDownLatch[] reached, CountDownLatch[] stopping,
                                      List<String> failoverLog) {
        try {
            for (int round = 0; round < FAILOVERS; round++) {
                if (!reached[round].await(120, TimeUnit.SECONDS)) {
                    return;
                }
                int leader = leaderOutsideController(topic);
                stopping[round].countDown();
                cluster.stopBroker(leader);
                KafkaCluster.awaitCondition(Duration.ofSeconds(60), "new leaders without broker " + leader,
                        () -> describe(topic).partitions().stream().allMatch(p -> p.leader() != null && p.leader().id() != leader));
                cluster.startBroker(leader);
                KafkaCluster.awaitCondition(Duration.ofSeconds(60), "broker " + leader + " back in every ISR",
                        () -> describe(topic).partitions().stream().allMatch(p -> p.isr().size() == 3));
                failoverLog.add("broker " + leader);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The combined controller-broker (node 0) keeps running; the leader of some partition on 1 or 2 goes. */
    private static int leaderOutsideController(String topic) {
        for (TopicPartitionInfo p : describe(topic).partitions()) {
            if (p.leader() != null && p.leader().id() != 0) {
                return p.leader().id();
            }
        }
        return 1;
    }

    private static TopicDescription describe(String topic) {
        try {
            return cluster.admin().describeTopics(List.of(topic)).allTopicNames().get().get(topic);
        } catch (Exception e) {
            throw new IllegalStateException("could not describe " + topic, e);
        }
    }
}
