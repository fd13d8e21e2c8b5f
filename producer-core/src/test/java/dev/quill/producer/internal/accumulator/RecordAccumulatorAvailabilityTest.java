package dev.quill.producer.internal.accumulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import dev.quill.producer.CompressionType;
import dev.quill.producer.internal.record.Codecs;
import dev.quill.producer.PartitionInfo;
import dev.quill.producer.internal.log.ProducerLogger;
import dev.quill.producer.internal.log.RecordFailureLog;
import dev.quill.producer.internal.metadata.Cluster;
import dev.quill.producer.internal.partition.Partitioning;
import dev.quill.producer.internal.partition.StickyPartition;
import dev.quill.producer.internal.sender.SenderStats;

/** {@code partitioner.availability.timeout.ms} as the I/O thread's ready checks and drains feed it. */
class RecordAccumulatorAvailabilityTest {

    private static final String TOPIC = "t";
    private static final int BATCH_SIZE = 1_000;
    private static final long TIMEOUT_MS = 100;
    private static final int MAX_REQUEST_SIZE = 1 << 20;
    /** Each such record fills a batch, so that every keyless record makes a new sticky choice. */
    private static final byte[] VALUE = new byte[BATCH_SIZE];
    /** Partitions 0 and 1 are led by broker 1, partitions 2 and 3 by broker 2. */
    private static final List<PartitionInfo> PARTITIONS = List.of(
            partition(0, 1), partition(1, 1), partition(2, 2), partition(3, 2));
    private static final Cluster CLUSTER = new Cluster(null, Map.of(), Map.of(TOPIC, PARTITIONS), Map.of());

    private static PartitionInfo partition(int partition, int leader) {
        return new PartitionInfo(TOPIC, partition, leader, List.of(leader), List.of(leader));
    }

    /** No linger, and one request in flight per partition. */
    private static RecordAccumulator accumulator(boolean adaptive, long availabilityTimeoutMs) {
        AccumulatorSettings settings = new AccumulatorSettings(BATCH_SIZE, 0, Codecs.forType(CompressionType.NONE), 0, 120_000, 1,
                adaptive, availabilityTimeoutMs, false, false);
        return new RecordAccumulator(settings, new BufferPool(8 << 20, BATCH_SIZE), () -> { }, new SenderStats(new RecordFailureLog(new ProducerLogger("availability-test"), 60_000)));
    }

    private static int append(RecordAccumulator accumulator, int partition, long nowMs) throws InterruptedException {
        return accumulator.append(accumulator.topic(TOPIC), PendingRecords.of(TOPIC, VALUE, nowMs), partition, 0, nowMs);
    }

    /** Sends keyless records and returns the partitions they went to. */
    private static Set<Integer> sendKeyless(RecordAccumulator accumulator, long nowMs) throws InterruptedException {
        Partitioning partitioning = new Partitioning(null, false);
        StickyPartition sticky = accumulator.topic(TOPIC).sticky();
        Set<Integer> chosen = new TreeSet<>();
        for (int i = 0; i < 200; i++) {
            int partition = partitioning.partition(sticky, null, null, null, VALUE, PARTITIONS);
            append(accumulator, partition, nowMs);
            chosen.add(partition);
        }
        return chosen;
    }

    /** Broker 1 has a batch due from 0 ms on but is never drained (as if it could not be connected to). */
    private static void broker1TakesNothingUntil(RecordAccumulator accumulator, long nowMs) throws InterruptedException {
        append(accumulator, 0, 0);
        assertThat(accumulator.ready(CLUSTER, 0).nodes()).containsExactly(1);
        assertThat(accumulator.ready(CLUSTER, nowMs).nodes()).containsExactly(1);
    }

    @Test
    void whenABrokerHasBatchesReadyButTakesNoneForLongerThanTheTimeoutThenKeylessRecordsAvoidItsPartitions()
            throws Exception {
        RecordAccumulator accumulator = accumulator(true, TIMEOUT_MS);
        broker1TakesNothingUntil(accumulator, TIMEOUT_MS);
        assertThat(sendKeyless(accumulator, TIMEOUT_MS)).as("waited exactly the timeout").containsExactly(0, 1, 2, 3);

        accumulator.ready(CLUSTER, TIMEOUT_MS + 1);
        assertThat(sendKeyless(accumulator, TIMEOUT_MS + 1)).containsExactly(2, 3);
    }

    @Test
    void whenTheBrokerTakesBatchesAgainThenKeylessRecordsGoToItsPartitionsAgain() throws Exception {
        RecordAccumulator accumulator = accumulator(true, TIMEOUT_MS);
        broker1TakesNothingUntil(accumulator, TIMEOUT_MS + 1);
        assertThat(sendKeyless(accumulator, TIMEOUT_MS + 1)).containsExactly(2, 3);

        assertThat(accumulator.drain(CLUSTER, Set.of(1), MAX_REQUEST_SIZE, PartitionGate.OPEN, TIMEOUT_MS + 2)).containsKey(1);
        // Broker 2's partitions now hold about a hundred batches each, so adaptive partitioning weighs the longer of
        // them at 1 against broker 1's empty ones: it may get none of these records, broker 1's partitions all.
        assertThat(sendKeyless(accumulator, TIMEOUT_MS + 2)).contains(0, 1);
    }

    @Test
    void whenABrokerLeavesRequestsUnansweredThenItsPartitionsAreAvoidedAfterTheTimeout() throws Exception {
        RecordAccumulator accumulator = accumulator(true, TIMEOUT_MS);
        append(accumulator, 0, 0);
        accumulator.ready(CLUSTER, 0);
        assertThat(accumulator.drain(CLUSTER, Set.of(1), MAX_REQUEST_SIZE, PartitionGate.OPEN, 0)).containsKey(1);
        append(accumulator, 0, 0);

        // The new batch waits behind the unanswered request, so the broker is not ready, yet data waits on it.
        assertThat(accumulator.ready(CLUSTER, 0).nodes()).isEmpty();
        assertThat(accumulator.ready(CLUSTER, TIMEOUT_MS + 1).nodes()).isEmpty();
        assertThat(sendKeyless(accumulator, TIMEOUT_MS + 1)).containsExactly(2, 3);
    }

    @Test
    void whenTheTimeoutIsZeroThenABrokerThatTakesNoBatchesStillGetsKeylessRecords() throws Exception {
        RecordAccumulator accumulator = accumulator(true, 0);
        broker1TakesNothingUntil(accumulator, 10 * TIMEOUT_MS);
        assertThat(sendKeyless(accumulator, 10 * TIMEOUT_MS)).containsExactly(0, 1, 2, 3);
    }

    @Test
    void whenAdaptivePartitioningIsOffThenTheTimeoutHasNoEffect() throws Exception {
        RecordAccumulator accumulator = accumulator(false, TIMEOUT_MS);
        broker1TakesNothingUntil(accumulator, 10 * TIMEOUT_MS);
        assertThat(sendKeyless(accumulator, 10 * TIMEOUT_MS)).containsExactly(0, 1, 2, 3);
    }
}
