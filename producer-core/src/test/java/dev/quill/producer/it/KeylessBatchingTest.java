package dev.quill.producer.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import dev.quill.producer.ProducerRecord;
import dev.quill.producer.QuillProducer;
import dev.quill.producer.RecordMetadata;
import dev.quill.producer.testkit.KafkaCluster;

/**
 * Keyless records stick to one partition as kafka-clients' built-in partitioner has them (KIP-794): they move on once
 * a batch's worth went there and the partition's newest batch is full, or two batches' worth went there. A full
 * batch goes at once rather than after {@code linger.ms}.
 */
class KeylessBatchingTest {

    /** About 27 KB of 100-byte values: more than one 16 KB batch holds, less than two batches' worth. */
    private static final int RECORDS = 250;
    /** A minute: a batch that goes within the test's deadline went because it was full, not because it lingered. */
    private static final String LINGER_MS = "60000";

    private final KafkaCluster cluster = KafkaCluster.shared();

    @Test
    void whenKeylessRecordsFillABatchThenItGoesAtOnceAndTheNextRecordsStayOnItsPartition() throws Exception {
        String topic = cluster.createTopic(KafkaCluster.uniqueTopic("keyless-batches"), 12, 1);
        String value = "v".repeat(100);
        List<CompletableFuture<RecordMetadata>> futures = new ArrayList<>();
        try (QuillProducer<String, String> producer = TestProducers.strings(cluster, Map.of("linger.ms", LINGER_MS,
                "batch.size", "16384", "delivery.timeout.ms", "180000"))) {
            producer.send(ProducerRecord.of(topic, null, "metadata"));
            producer.flush();
            for (int i = 0; i < RECORDS; i++) {
                futures.add(producer.send(ProducerRecord.of(topic, null, value)));
            }

            // The first batch fills up and goes; the records after it wait in the next batch for linger.ms.
            long acknowledged = awaitAcknowledged(futures, 100, Duration.ofSeconds(20));
            assertThat(acknowledged).as("records acknowledged without flush, linger.ms=" + LINGER_MS)
                    .isBetween(100L, (long) RECORDS - 1);

            producer.flush();
            assertThat(futures.stream().map(CompletableFuture::join).map(RecordMetadata::partition).distinct())
                    .as("partitions of the records: less than two batches' worth stays on one").hasSize(1);
        }
    }

    private static long awaitAcknowledged(List<CompletableFuture<RecordMetadata>> futures, long wanted,
                                          Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long done;
        while ((done = futures.stream().filter(f -> f.isDone() && !f.isCompletedExceptionally()).count()) < wanted
                && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        return done;
    }
}
