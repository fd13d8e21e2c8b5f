package dev.quill.producer.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

import dev.quill.producer.ConsumedOffset;
import dev.quill.producer.GroupMetadata;
import dev.quill.producer.ProducerRecord;
import dev.quill.producer.QuillProducer;
import dev.quill.producer.RecordMetadata;
import dev.quill.producer.errors.ProducerFencedException;
import dev.quill.producer.testkit.KafkaCluster;

/**
 * Exactly-once processing with a kafka-clients consumer and a Quill transactional producer: each poll's output and
 * the consumer's offsets commit in one transaction. The processor crashes halfway, in the middle of a transaction
 * whose output and offsets were already sent; a restarted one with the same {@code transactional.id} fences the
 * crashed producer, whose transaction is aborted, and picks up at the last committed offsets. Every input record
 * must come out exactly once to a {@code read_committed} consumer, and the group's offsets must end at the input's
 * end.
 */
class ConsumeTransformProduceTest {

    private static final int INPUT_RECORDS = 200;
    private static final int PARTITIONS = 2;
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    private final KafkaCluster cluster = KafkaCluster.shared();

    @Test
    void whenTheProcessorCrashesMidTransactionThenItsSuccessorOutputsEveryRecordExactlyOnce() throws Exception {
        String input = cluster.createTopic(KafkaCluster.uniqueTopic("ctp-input"), PARTITIONS, 1);
        String output = cluster.createTopic(KafkaCluster.uniqueTopic("ctp-output"), PARTITIONS, 1);
        String group = KafkaCluster.uniqueTopic("ctp-group");
        String transactionalId = KafkaCluster.uniqueTopic("ctp-tx");
        writeInput(input);
        Map<TopicPartition, Long> inputEnd = endOffsets(input);

        QuillProducer<String, String> crashed = transactional(transactionalId);
        try {
            crashed.initTransactions();
            int crashedBatch;
            try (KafkaConsumer<String, String> consumer = consumer(group, input)) {
                int committedRecords = 0;
                long deadline = System.nanoTime() + DEADLINE.toNanos();
                while (committedRecords < INPUT_RECORDS / 2) {
                    assertThat(System.nanoTime()).as("half the input processed in time").isLessThan(deadline);
                    committedRecords += processBatch(consumer, crashed, output, true);
                }
                crashedBatch = 0;
                while (crashedBatch == 0) {
                    assertThat(System.nanoTime()).as("a batch to crash in").isLessThan(deadline);
                    crashedBatch = processBatch(consumer, crashed, output, false);
                }
                // Leaving the try closes the consumer without committing (auto-commit is off): the crashed
                // processor's offsets stay where its last transaction put them.
            }

            try (QuillProducer<String, String> successor = transactional(transactionalId)) {
                successor.initTransactions();
                assertThatThrownBy(crashed::commitTransaction).as("the crashed producer, if it came back")
                        .isInstanceOf(ProducerFencedException.class);
                try (KafkaConsumer<String, String> consumer = consumer(group, input)) {
                    long deadline = System.nanoTime() + DEADLINE.toNanos();
                    while (!caughtUp(consumer, inputEnd)) {
                        assertThat(System.nanoTime()).as("the rest of the input processed in time")
                                .isLessThan(deadline);
                        processBatch(consumer, successor, output, true);
                    }
                }
            }

            List<String> uncommitted = values(output, "read_uncommitted", INPUT_RECORDS + crashedBatch);
            assertThat(uncommitted).as("the log, with the crashed transaction's records")
                    .hasSize(INPUT_RECORDS + crashedBatch);
        } finally {
            // Only now, fenced: closing it earlier would have aborted its transaction, which a crash does not.
            crashed.close(Duration.ofSeconds(5));
        }

        List<String> expected = IntStream.range(0, INPUT_RECORDS).mapToObj(i -> "RECORD-" + i).toList();
        assertThat(values(output, "read_committed", INPUT_RECORDS)).as("read_committed output")
                .doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expected);
        // The coordinator writes the markers that make the last offsets visible after it answered the commit.
        KafkaCluster.awaitCondition(DEADLINE, "group " + group + " at the input's end offsets " + inputEnd,
                () -> inputEnd.equals(committedOffsets(group)));
    }

    /**
     * Polls once and, unless nothing came, processes what came in one transaction: one output record per input
     * record, then the consumer's position as the group's offsets.
     *
     * @param commit false to crash: stop once all of it is sent, leaving the transaction open
     * @return the input records processed
     */
    private static int processBatch(KafkaConsumer<String, String> consumer, QuillProducer<String, String> producer,
                                    String output, boolean commit) {
        ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(100));
        if (records.isEmpty()) {
            return 0;
        }
        producer.beginTransaction();
        List<CompletableFuture<RecordMetadata>> sends = new ArrayList<>();
        for (ConsumerRecord<String, String> record : records) {
            sends.add(producer.send(ProducerRecord.of(output, record.key(), record.value().toUpperCase())));
        }
        List<ConsumedOffset> offsets = new ArrayList<>();
        for (TopicPartition partition : records.partitions()) {
            List<ConsumerRecord<String, String>> inPartition = records.records(partition);
            long next = inPartition.get(inPartition.size() - 1).offset() + 1;
            offsets.add(new ConsumedOffset(partition.topic(), partition.partition(), next));
        }
        ConsumerGroupMetadata member = consumer.groupMetadata();
        producer.sendOffsetsToTransaction(offsets, new GroupMetadata(member.groupId(), member.generationId(),
                member.memberId(), member.groupInstanceId().orElse(null)));
        if (commit) {
            producer.commitTransaction();
        } else {
            // The records are in the output's log, uncommitted, when the processor dies.
            CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).join();
        }
        return records.count();
    }

    private static boolean caughtUp(KafkaConsumer<String, String> consumer, Map<TopicPartition, Long> end) {
        return consumer.assignment().size() == end.size()
                && end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
    }

    private void writeInput(String input) {
        try (QuillProducer<String, String> producer = TestProducers.strings(cluster, Map.of())) {
            List<CompletableFuture<RecordMetadata>> sends = new ArrayList<>();
            for (int i = 0; i < INPUT_RECORDS; i++) {
                sends.add(producer.send(ProducerRecord.of(input, "key-" + i, "record-" + i)));
            }
            CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).join();
        }
    }

    private QuillProducer<String, String> transactional(String transactionalId) {
        return TestProducers.strings(cluster, Map.of("transactional.id", transactionalId, "linger.ms", "5"));
    }

    private KafkaConsumer<String, String> consumer(String group, String input) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // Small polls make many transactions out of the input, so that the crash falls between two of them.
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "15");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props);
        consumer.subscribe(List.of(input));
        return consumer;
    }

    private Map<TopicPartition, Long> endOffsets(String topic) {
        Map<TopicPartition, Long> end = new HashMap<>();
        cluster.endOffsets(topic).forEach((partition, offset) -> end.put(new TopicPartition(topic, partition), offset));
        return end;
    }

    private Map<TopicPartition, Long> committedOffsets(String group) {
        try {
            Map<TopicPartition, Long> offsets = new HashMap<>();
            Map<TopicPartition, OffsetAndMetadata> committed = cluster.admin().listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get();
            committed.forEach((partition, offset) -> offsets.put(partition, offset.offset()));
            return offsets;
        } catch (Exception e) {
            throw new IllegalStateException("could not read the offsets of group " + group, e);
        }
    }

    private List<String> values(String topic, String isolation, int expected) {
        return cluster.readAll(topic, expected, DEADLINE, isolation).stream()
                .map(r -> new String(r.value(), StandardCharsets.UTF_8)).toList();
    }
}
