package dev.quill.producer.it;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.quill.producer.PartitionInfo;
import dev.quill.producer.Partitioner;
import dev.quill.producer.ProducerRecord;
import dev.quill.producer.QuillProducer;
import dev.quill.producer.RecordMetadata;
import dev.quill.producer.testkit.KafkaCluster;

/** Where records that waited for metadata are placed: never on the I/O thread, always in send order. */
class PlacementTest {

    private final KafkaCluster cluster = KafkaCluster.shared();

    /** Blocks for records of the topic named in {@link #blockedTopic} until released; lets the built-in rule choose. */
    public static final class BlockingPartitioner implements Partitioner {
        static volatile String blockedTopic;
        static final CountDownLatch entered = new CountDownLatch(1);
        static final CountDownLatch release = new CountDownLatch(1);

        @Override
        public int partition(String topic, Object key, byte[] keyBytes, Object value, byte[] valueBytes,
                             List<PartitionInfo> partitions) {
            if (topic.equals(blockedTopic)) {
                entered.countDown();
                try {
                    release.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return USE_BUILT_IN;
        }
    }

    @Test
    void whenAPartitionerBlocksOnARecordThatWaitedForMetadataThenOtherTopicsAreStillAcknowledged() throws Exception {
        String slow = cluster.createTopic(KafkaCluster.uniqueTopic("blocked-partitioner"), 1, 1);
        String fast = cluster.createTopic(KafkaCluster.uniqueTopic("other-topic"), 1, 1);
        BlockingPartitioner.blockedTopic = slow;
        try (QuillProducer<String, String> producer = TestProducers.strings(cluster,
                Map.of("partitioner.class", BlockingPartitioner.class.getName()))) {
            producer.partitionsFor(fast);

            CompletableFuture<RecordMetadata> waited = producer.send(ProducerRecord.of(slow, null, "waited"));
            assertThat(BlockingPartitioner.entered.await(30, TimeUnit.SECONDS))
                    .as("the partitioner ran for the record once its topic's metadata arrived").isTrue();

            RecordMetadata other = producer.send(ProducerRecord.of(fast, null, "other")).get(30, TimeUnit.SECONDS);
            assertThat(other.offset()).isZero();
            assertThat(waited).as("still in the blocked partitioner").isNotDone();

            BlockingPartitioner.release.countDown();
            assertThat(waited.get(30, TimeUnit.SECONDS).offset()).isZero();
        } finally {
            BlockingPartitioner.release.countDown();
        }
        assertThat(cluster.readAll(slow, 1, Duration.ofSeconds(30))).extracting(r -> new String(r.value(), UTF_8))
                .containsExactly("waited");
    }

    @Test
    void whenRecordsWaitForANewTopicThenTheyAndTheRecordsSentAfterThemArriveInSendOrder() throws Exception {
        String topic = cluster.createTopic(KafkaCluster.uniqueTopic("send-order"), 1, 1);
        try (QuillProducer<String, String> producer = TestProducers.strings(cluster, Map.of())) {
            List<CompletableFuture<RecordMetadata>> sent = new ArrayList<>();
            for (int i = 0; i < 2_000; i++) {
                sent.add(producer.send(ProducerRecord.of(topic, "k", "v" + i)));
            }
            for (int i = 0; i < sent.size(); i++) {
                assertThat(sent.get(i).get(30, TimeUnit.SECONDS).offset()).isEqualTo(i);
            }
        }
    }
}
